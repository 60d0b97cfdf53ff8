package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/bench/kit"
	"github.com/durable-assistants/durable-assistants/client"
)

// shape is the run every peer performs: one round of tools parallel calls of
// toolLatency, the model thinking modelLatency before and after it.
type shape struct {
	modelLatency time.Duration
	toolLatency  time.Duration
	tools        int
}

func (s shape) message() string {
	var b strings.Builder
	for range s.tools {
		fmt.Fprintf(&b, "call: %s {\"ms\":%d}\n", kit.SleepTool, s.toolLatency.Milliseconds())
	}
	fmt.Fprintf(&b, "sleep: %s\nhello", s.modelLatency)
	return b.String()
}

// runner performs one run and returns an ID naming it (workflow ID or run ID).
type runner func(ctx context.Context, i int) (string, error)

// workflowPeer runs through workflows.Run on queue.
func workflowPeer(tc tclient.Client, queue, assistantID string, s shape, mode assistant.Mode) runner {
	return clientPeer(client.New(tc, client.Options{TaskQueue: queue}), queue, assistantID, s, mode)
}

// clientPeer runs through c, whose options may differ (eager start).
func clientPeer(c *client.Client, queue, assistantID string, s shape, mode assistant.Mode) runner {
	return func(ctx context.Context, i int) (string, error) {
		req := assistant.RunRequest{AssistantID: assistantID, Message: s.message(), Mode: mode}
		id := fmt.Sprintf("%s-%d-%d", queue, i, time.Now().UnixNano())
		res, err := c.Run(ctx, req, client.WithWorkflowID(id))
		if err == nil && res.Status != assistant.StatusCompleted {
			err = fmt.Errorf("run ended %s", res.Status)
		}
		return id, err
	}
}

// startInProcess starts an in-process worker on a fresh queue.
func (w *world) startInProcess(name, modelURL string, t kit.Tuning) (string, func(), error) {
	q := w.queue(name)
	wk := kit.NewWorker(w.tc, q, modelURL, t)
	if err := wk.Start(); err != nil {
		return "", nil, err
	}
	return q, wk.Stop, nil
}

var _ worker.Worker // the in-process worker is a worker.Worker

// directPeer is the hand-written openai-go loop: create thread, create run
// with the message, poll (honouring openai-poll-after-ms, else the same
// backoff as the activities' defaults: 50 ms x1.5 -> 1 s, from the start of
// each wait), call the tools in parallel, submit, poll, read the reply.
func directPeer(url, assistantID string, s shape) runner {
	c := openaiClient(url)
	return func(ctx context.Context, _ int) (string, error) {
		th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
		if err != nil {
			return "", err
		}
		var resp *http.Response
		run, err := c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{
			AssistantID: assistantID,
			AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{{
				Role: "user", Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String(s.message())}}},
		}, option.WithResponseInto(&resp))
		for err == nil {
			switch run.Status {
			case openai.RunStatusQueued, openai.RunStatusInProgress:
				run, resp, err = pollUntilSettled(ctx, c, th.ID, run.ID, resp)
			case openai.RunStatusRequiresAction:
				outs := callTools(ctx, run.RequiredAction.SubmitToolOutputs.ToolCalls)
				run, err = c.Beta.Threads.Runs.SubmitToolOutputs(ctx, th.ID, run.ID, openai.BetaThreadRunSubmitToolOutputsParams{
					ToolOutputs: outs}, option.WithResponseInto(&resp))
			case openai.RunStatusCompleted:
				_, err = c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{
					RunID: openai.String(run.ID), Order: openai.BetaThreadMessageListParamsOrderAsc})
				return run.ID, err
			default:
				return run.ID, fmt.Errorf("run ended %s", run.Status)
			}
		}
		return "", err
	}
}

// pollUntilSettled is the direct loop's wait: GET the run until it leaves
// queued/in_progress, each delay the last response's openai-poll-after-ms,
// else a backoff from 50 ms growing by half to 1 s.
func pollUntilSettled(ctx context.Context, c openai.Client, threadID, runID string, resp *http.Response) (*openai.Run, *http.Response, error) {
	backoff := 50 * time.Millisecond
	for {
		d := backoff
		if n, err := strconv.Atoi(resp.Header.Get("openai-poll-after-ms")); err == nil && n > 0 {
			d = time.Duration(n) * time.Millisecond
		}
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		run, err := c.Beta.Threads.Runs.Get(ctx, threadID, runID, option.WithResponseInto(&resp))
		if err != nil || (run.Status != openai.RunStatusQueued && run.Status != openai.RunStatusInProgress) {
			return run, resp, err
		}
		backoff = min(backoff*3/2, time.Second)
	}
}

func callTools(ctx context.Context, calls []openai.RequiredActionFunctionToolCall) []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput {
	outs := make([]openai.BetaThreadRunSubmitToolOutputsParamsToolOutput, len(calls))
	var wg sync.WaitGroup
	for i, tc := range calls {
		wg.Go(func() {
			var a kit.SleepArgs
			_ = jsonUnmarshal(tc.Function.Arguments, &a)
			out, err := kit.Sleep(ctx, a)
			if err != nil {
				out = `{"error":"` + err.Error() + `"}`
			}
			outs[i] = openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{ToolCallID: openai.String(tc.ID), Output: openai.String(out)}
		})
	}
	wg.Wait()
	return outs
}
