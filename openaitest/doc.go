// Package openaitest emulates the model API for tests and demos: the
// Assistants v2 protocol (assistants, threads, messages, runs and run steps),
// the Responses + Conversations protocol, and the files both use, as OpenAI serves them and, in
// Azure mode (Options.Azure), as Azure OpenAI and Azure AI Foundry do.
//
// # Where an endpoint lives
//
// The route table is Server.routes (server.go), one line per operation. The
// handlers are grouped by file:
//
//	assistants.go                     /assistants
//	threads.go, messages.go           /threads, /threads/{id}/messages
//	runs.go, runactions.go, runread.go /threads/{id}/runs (create; submit, cancel; get, list, modify)
//	run.go, progress.go, script.go    a run's life: the scripted model and its clock
//	stream.go                         stream=true runs (AssistantStreamEvent)
//	steps.go                          /threads/{id}/runs/{id}/steps
//	responses*.go                     /responses (create, get, cancel, input items, streaming)
//	conversations*.go                 /conversations and their items
//	files.go                          /files (multipart upload, list, get, content, delete)
//	files_refs.go, files_items.go     files named by messages (attachments, image parts), tool_resources,
//	                                  Responses input_image/input_file parts and code_interpreter containers
//	files_reply.go                    the scripted reply's files line and file citations
//	azure*.go                         Azure paths, api-version, api-key or Entra ID tokens
//	fault.go, stats.go, routes.go     injected faults, and the request counts tests assert on (by route)
//	apierror.go, request.go, wire*.go error bodies, request decoding, wire objects
//	store.go, ids.go, paginate.go     the in-memory store, IDs and list pages
//
// The emulator follows the official OpenAPI spec for field names, object
// shapes, enums, status codes and error bodies, so the official openai-go
// client accepts every response. It runs in-process ([NewTestServer]) or as
// the standalone binary openaitest/cmd/openaitest.
//
// # Scripted model
//
// The model answers from the text of the user messages a run was given (its
// additional_messages, or the thread's user messages added since the previous
// run). Each line may hold one directive:
//
//	call: <tool_name> <json arguments>   ask for a function tool call; all call lines form one requires_action
//	fail: <code> <message>               end the run failed (code: server_error, rate_limit_exceeded, invalid_prompt)
//	incomplete:                          end the run incomplete (reason max_completion_tokens)
//	sleep: <go duration>                 model latency of this run (default Options.ModelLatency)
//	expires_in: <go duration>            expires_at of this run (default Options.RequiresActionTTL)
//	cite: <file_id>                      cite the file: a marker in the reply and its file_citation annotation
//
// Without call, fail or incomplete the run completes with the reply
// "Echo: <the non-directive text>", followed, when the run's messages named
// files (attachments, image files, code_interpreter files; Responses:
// input_image and input_file parts, the code_interpreter container), by a
// line "Files: <id> (<use>), ..." and by one marker per cite: line. After tool outputs are submitted it
// completes with "Tool results: <name1> -> <output1>; <name2> -> <output2>".
// A malformed directive fails the run with code invalid_prompt. A request
// naming a file the emulator does not have is refused (400), as the API
// does; files of purpose assistants cannot be downloaded, as on OpenAI.
//
// # Time
//
// Runs progress lazily from the clock (Options.Now) whenever they are read or
// mutated: queued for half the model latency, in_progress until the latency has
// passed, then the model's answer. No goroutines run in the background, so a
// fake clock makes every transition deterministic.
package openaitest
