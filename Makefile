# Convenience targets; each is one plain Go command, so nothing here is
# required: a machine with only Go runs the same commands by hand.
.PHONY: demo test chaos vet temporal report bench

demo:         ## the quick start: dev server, emulator, worker, a run with tools
	go run ./cmd/demo

test:         ## the whole suite, as CI runs it
	go test -count=1 ./...

chaos:        ## the crash and fault suite, verbose (prints the recovery table)
	go test -count=1 -v -run Chaos ./chaos/

vet:
	gofmt -l . && go vet ./... && go run go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0 ./workflows/...

temporal:     ## build the pinned Temporal CLI into ./bin and start a dev server
	go run ./cmd/devserver

report:       ## regenerate conformance/REPORT.md (spec operations: emulator / worker)
	go run ./conformance/cmd/report

bench:        ## the benchmarks (about 8 minutes); writes bench/RESULTS.md
	go run ./bench
