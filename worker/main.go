// Command worker runs the durable-assistants worker with the example tools.
// Configuration comes from the environment (see README.md).
package main

import (
	"fmt"
	"os"

	"github.com/durable-assistants/durable-assistants/serve"
	"github.com/durable-assistants/durable-assistants/tools"
)

func main() {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	if err := serve.Main(reg); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}
