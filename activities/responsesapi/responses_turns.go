package responsesapi

import (
	"context"
	"fmt"
	"net/http"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetRun implements Backend: the run's state is its latest response's.
func (b *Backend) GetRun(ctx context.Context, _, runID string) (assistant.RunState, error) {
	if _, ok := parseAdopted(runID); ok {
		return assistant.RunState{}, noResponse(runID)
	}
	var httpResp *http.Response
	resp, err := b.client.Responses.Get(ctx, runID, responses.ResponseGetParams{}, option.WithResponseInto(&httpResp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return responseState(resp.RawJSON(), httpResp)
}

// SubmitToolOutputs implements Backend: the outputs are the input of the
// run's next background response on the conversation, which inherits model,
// instructions and metadata from the previous one (from run, after a start
// adopted from the conversation). A retry first checks whether the
// conversation already holds these outputs.
func (b *Backend) SubmitToolOutputs(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, run *activities.RunSettings) (assistant.RunState, error) {
	prev, err := b.previous(ctx, runID, run)
	if err != nil {
		return assistant.RunState{}, err
	}
	ad := prev.adoption(outputs)
	if activities.Retried(ctx) {
		if st, ok, err := b.adopt(ctx, threadID, ad); err != nil || ok {
			return st, err
		}
	}
	return b.create(ctx, b.submitParams(threadID, prev, outputs), ad)
}

// submitParams is the request of a run's next response: the previous one's
// settings, and the tool outputs as input.
func (b *Backend) submitParams(threadID string, prev prevResponse, outputs []assistant.ToolOutput) responses.ResponseNewParams {
	params := b.newParams(threadID, prev.model, prev.instructions, prev.tag.metadata(prev.userMeta))
	prev.settings.apply(&params, prev.tag.Flags)
	for _, o := range outputs {
		item := responses.ResponseInputItemParamOfFunctionCallOutput(o.Output)
		item.OfFunctionCallOutput.CallID = openai.String(o.ToolCallID)
		params.Input.OfInputItemList = append(params.Input.OfInputItemList, item)
	}
	return params
}

// prevResponse is what the next response of a run takes from the previous one.
type prevResponse struct {
	model, instructions string
	userMeta            map[string]string
	settings            chainSettings // the run's overrides, as the API echoed them
	tag                 chainTag      // Prior includes the previous response's own usage
	turn                adoptedTurn   // what a turn adopted after it carries on with
}

// adoption is how a retried submit recognizes its turn, and what an adopted
// one carries on with.
func (p prevResponse) adoption(outputs []assistant.ToolOutput) adoption {
	return adoption{mark: outputsMark(outputs), turn: p.turn, model: p.model, prior: p.tag.Prior}
}

// previous reads the run's latest response. An adopted run has none: its
// handle names the response before it, or (an adopted start) only the
// profile and key; its next response then has the profile's settings with
// the run's own (run, which the workflow sends when the adopted state asked
// for them) joined as the first response had them.
func (b *Backend) previous(ctx context.Context, runID string, run *activities.RunSettings) (prevResponse, error) {
	if t, ok := parseAdopted(runID); ok {
		if t.Prev != "" {
			return b.previous(ctx, t.Prev, nil)
		}
		if run == nil {
			run = &activities.RunSettings{}
		}
		p, err := b.profile(t.Profile)
		return prevResponse{model: p.Model, instructions: joinInstructions(p.Instructions, run.Instructions),
			userMeta: run.Metadata, tag: chainTag{Profile: t.Profile, Key: t.Key}, turn: t}, err
	}
	resp, err := b.client.Responses.Get(ctx, runID, responses.ResponseGetParams{})
	if err != nil {
		return prevResponse{}, err
	}
	w, err := decodeResponse(resp.RawJSON())
	if err != nil {
		return prevResponse{}, err
	}
	settings, err := readChainSettings(resp.RawJSON())
	if err != nil {
		return prevResponse{}, err
	}
	tag := parseTag(w.Metadata)
	tag.Prior = tag.Prior.Add(w.usage())
	return prevResponse{model: w.Model, instructions: w.instructions(), userMeta: userMetadata(w.Metadata), tag: tag,
		settings: settings, turn: adoptedTurn{Profile: tag.Profile, Prev: runID}}, nil
}

// CancelRun implements Backend. A response waiting for tool outputs has
// already finished at the API, so nothing runs there: the run is reported
// cancelled (the API would refuse the cancel, and the waiter must not wait
// for a status that never comes).
func (b *Backend) CancelRun(ctx context.Context, threadID, runID string) (assistant.RunState, error) {
	if _, ok := parseAdopted(runID); ok {
		return assistant.RunState{ThreadID: threadID, APIRunID: runID, Status: assistant.StatusCancelled}, nil
	}
	var httpResp *http.Response
	resp, err := b.client.Responses.Cancel(ctx, runID, option.WithResponseInto(&httpResp))
	var st assistant.RunState
	switch {
	case err == nil:
		st, err = responseState(resp.RawJSON(), httpResp)
	case activities.StatusOf(err) == http.StatusBadRequest:
		st, err = b.GetRun(ctx, threadID, runID) // already finished: read how
	}
	if err != nil {
		return assistant.RunState{}, err
	}
	if st.Status == assistant.StatusRequiresAction {
		st.Status, st.ToolCalls = assistant.StatusCancelled, nil
	}
	return st, nil
}

// Reply implements Backend: the text of the response's assistant messages.
func (b *Backend) Reply(ctx context.Context, threadID, runID string) (assistant.Reply, error) {
	st, err := b.GetRun(ctx, threadID, runID)
	if err != nil {
		return assistant.Reply{}, err
	}
	if st.Reply == nil {
		return assistant.Reply{}, nil
	}
	return *st.Reply, nil
}

// noResponse fails reading an adopted run, which has no response ID to read.
func noResponse(runID string) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
		"run %s was adopted from conversation items and has no response to read", runID), assistant.ErrorTypeUnknownRunState, nil)
}
