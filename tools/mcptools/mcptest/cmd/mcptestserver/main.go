// Command mcptestserver is the mcptest MCP server on stdio, for tests that need a real
// program: -count-file records every call, -malformed answers calls against the protocol.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/durable-assistants/durable-assistants/tools/mcptools/mcptest"
)

func main() {
	countFile := flag.String("count-file", "", "append one line per tool call to this file")
	malformed := flag.Bool("malformed", false, "answer tool calls with malformed results")
	flag.Parse()
	var err error
	if *malformed {
		err = mcptest.ServeMalformed(os.Stdin, os.Stdout)
	} else {
		err = mcptest.ServeStdio(context.Background(), mcptest.Options{CountFile: *countFile})
	}
	if err != nil {
		log.Fatal(err)
	}
}
