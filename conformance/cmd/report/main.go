// Command report writes conformance/REPORT.md: the spec's operations of both
// protocols, implemented by the emulator or not, used by the worker or not.
//
//	go run ./conformance/cmd/report [-out conformance/REPORT.md]
package main

import (
	"flag"
	"log"
	"os"

	"github.com/durable-assistants/durable-assistants/conformance"
)

func main() {
	out := flag.String("out", "conformance/REPORT.md", "the report file")
	flag.Parse()
	md, err := conformance.Report()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		log.Fatal(err)
	}
}
