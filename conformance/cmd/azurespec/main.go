// Command azurespec extracts Azure's Assistants REST description
// (seeds/002, a flattened swagger 2.0) into
// conformance/testdata/azure-assistants.json, which the Azure-mode
// conformance checker reads:
//
//	go run ./conformance/cmd/azurespec -seed /work/shared/seeds/002_86714698d0deae91.txt
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/durable-assistants/durable-assistants/conformance"
)

func main() {
	seed := flag.String("seed", "/work/shared/seeds/002_86714698d0deae91.txt", "seeds/002: Azure's Assistants REST description")
	out := flag.String("out", "conformance/testdata/azure-assistants.json", "output file")
	flag.Parse()
	text, err := os.ReadFile(*seed)
	if err != nil {
		log.Fatal(err)
	}
	spec, err := conformance.ExtractAzureSpec(string(text), "seeds/"+filepath.Base(*seed))
	if err != nil {
		log.Fatal(err)
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d operations written to %s", len(spec.Operations), *out)
}
