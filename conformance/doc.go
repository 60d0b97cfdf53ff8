// Package conformance checks the wire against the official OpenAI OpenAPI
// spec: every request the worker or a client sends to the openaitest
// emulator, and every response and stream event the emulator returns, is
// validated against testdata/openapi-subset.yaml (the part of
// ../shared/openai-openapi/openapi.yaml the tests use; regenerate it with
// `go run ./conformance/cmd/specsubset`).
//
// Azure-mode requests are checked by [ValidateAzure] against Azure's own REST
// description of the Assistants API (seeds/002, extracted into
// testdata/azure-assistants.json by `go run ./conformance/cmd/azurespec`):
// paths, methods, query parameters, required body properties, the
// api-version and the credential headers.
//
// Wrap a handler with [Validate]; a violation fails the test with the method,
// the spec path and the validator's message and schema location.
package conformance
