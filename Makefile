# Convenience targets; each is one plain Go command, so nothing here is
# required: a machine with only Go runs the same commands by hand.
.PHONY: demo test short chaos vet temporal report bench

STATICCHECK = go run honnef.co/go/tools/cmd/staticcheck@v0.8.2
WORKFLOWCHECK = go run go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0

demo:         ## the quick start: dev server, emulator, worker, a run with tools
	go run ./cmd/demo

test:         ## the whole suite, as CI runs it
	go test -count=1 -timeout 30m ./...

short:        ## the fast unit-only loop: integration, conformance, demo and bench tests skip
	go test -short -count=1 ./...

chaos:        ## the crash and fault suite, verbose (prints the recovery table)
	go test -count=1 -v -run Chaos ./integration/

vet:          ## gofmt, go vet, workflowcheck and staticcheck, as CI runs them
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	go vet ./...
	$(WORKFLOWCHECK) ./workflows/...
	$(STATICCHECK) ./...

temporal:     ## build the pinned Temporal CLI into ./bin and start a dev server
	go run ./cmd/devserver

report:       ## regenerate conformance/REPORT.md (spec operations: emulator / worker)
	go run ./conformance/cmd/report

bench:        ## the benchmarks (about 8 minutes); writes bench/RESULTS.md
	go run ./bench
