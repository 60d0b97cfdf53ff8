// Package openaitest emulates the OpenAI Assistants v2 protocol (assistants,
// threads, messages, runs and run steps) for tests and demos.
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
//
// Without call, fail or incomplete the run completes with the reply
// "Echo: <the non-directive text>". After tool outputs are submitted it
// completes with "Tool results: <name1> -> <output1>; <name2> -> <output2>".
// A malformed directive fails the run with code invalid_prompt.
//
// # Time
//
// Runs progress lazily from the clock (Options.Now) whenever they are read or
// mutated: queued for half the model latency, in_progress until the latency has
// passed, then the model's answer. No goroutines run in the background, so a
// fake clock makes every transition deterministic.
package openaitest
