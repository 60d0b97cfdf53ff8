package responsesapi

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// settingsOf reads the settings the API received for a response.
func (b *Backend) settingsOf(t *testing.T, respID string) wireResponse {
	t.Helper()
	resp, err := b.client.Responses.Get(context.Background(), respID, responses.ResponseGetParams{})
	require.NoError(t, err)
	w, err := decodeResponse(resp.RawJSON())
	require.NoError(t, err)
	return w
}

// A retry that adopts its start keeps the run's key and profile in its
// handle, but none of its own instructions or metadata: the handle shows in
// the clear wherever a run ID shows (search attributes, logs), and those are
// customer text. The state asks for them instead (CarrySettings), and the
// submit that brings them (from the workflow, through the payload codec)
// makes the next response with the run's settings, not the profile's.
func TestAdoptedStartGoesOnWithTheRunsOwnSettings(t *testing.T) {
	b, srv, conv := newConversation(t)
	ctx := context.Background()
	in := activities.StartRunInput{ThreadID: conv, AssistantID: "default", Message: "call: get_weather {}",
		Instructions: "Answer in French.", Metadata: map[string]string{"team": "secret-team"}}
	first, err := b.CreateRun(ctx, in, "wf/run-1")
	require.NoError(t, err)
	settled(t, b, first) // the attempt that made it lost its answer

	st, ok, err := b.adopt(ctx, conv, startAdoption(in, "wf/run-1", "gpt-4o"))
	require.NoError(t, err)
	require.True(t, ok, "the retry adopts the turn")
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(st.APIRunID, adoptedPrefix+handleVersion))
	require.NotContains(t, string(raw), "French")
	require.NotContains(t, string(raw), "secret-team")
	require.True(t, st.CarrySettings, "the next submit must bring the run's settings")

	outputs := []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "sunny"}}
	next, err := b.SubmitToolOutputs(ctx, conv, st.APIRunID, outputs,
		&activities.RunSettings{Instructions: in.Instructions, Metadata: in.Metadata})
	require.NoError(t, err)
	require.False(t, next.CarrySettings)
	w := b.settingsOf(t, next.APIRunID)
	require.Equal(t, "Be brief.\n\nAnswer in French.", w.instructions(), "the run's own instructions after the profile's")
	require.Equal(t, "secret-team", w.Metadata["team"])
	require.Equal(t, "wf/run-1", parseTag(w.Metadata).Key)
	require.Equal(t, 1, srv.Stats().RunsCreated)
}

// A retried submit that adopts its turn reports the usage of the run's
// earlier responses, and the next response inherits the run's settings from
// the response before the adopted one.
func TestAdoptedSubmitKeepsUsageAndSettings(t *testing.T) {
	b, _, conv := newConversation(t)
	ctx := context.Background()
	in := activities.StartRunInput{ThreadID: conv, AssistantID: "default", Instructions: "Answer in French.",
		Metadata: map[string]string{"team": "a"}, Message: "call: get_weather {}\ncall: get_weather {\"city\":\"Oslo\"}"}
	st, err := b.CreateRun(ctx, in, "wf/run-2")
	require.NoError(t, err)
	st = settled(t, b, st)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.NotZero(t, st.Usage.TotalTokens)

	outputs := []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "sunny"}}
	for _, c := range st.ToolCalls[1:] {
		outputs = append(outputs, assistant.ToolOutput{ToolCallID: c.ID, Output: "rain"})
	}
	lost, err := b.SubmitToolOutputs(ctx, conv, st.APIRunID, outputs, nil)
	require.NoError(t, err)
	settled(t, b, lost) // the attempt that made it lost its answer

	prev, err := b.previous(ctx, st.APIRunID, nil)
	require.NoError(t, err)
	adopted, ok, err := b.adopt(ctx, conv, prev.adoption(outputs))
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, assistant.StatusCompleted, adopted.Status)
	require.Equal(t, st.Usage, adopted.Usage, "the earlier responses' usage is kept")
	require.Equal(t, "gpt-4o", adopted.Model)
	require.False(t, adopted.CarrySettings, "the response before it holds the settings")

	after, err := b.previous(ctx, adopted.APIRunID, nil)
	require.NoError(t, err)
	require.Equal(t, "Be brief.\n\nAnswer in French.", after.instructions)
	require.Equal(t, map[string]string{"team": "a"}, after.userMeta)
	require.Equal(t, st.Usage, after.tag.Prior)
}

// Handles stay bounded, and handles of older workers still parse.
func TestAdoptedHandle(t *testing.T) {
	h := adoptedTurn{Profile: strings.Repeat("p", 256), Prev: "resp_" + strings.Repeat("r", 60), Key: strings.Repeat("k", 64)}.handle()
	require.LessOrEqual(t, len(h), maxAdoptedHandle)
	got, ok := parseAdopted(h)
	require.True(t, ok)
	require.Equal(t, strings.Repeat("k", 64), got.Key)

	old, ok := parseAdopted("adopted:support")
	require.True(t, ok)
	require.Equal(t, adoptedTurn{Profile: "support"}, old)

	_, ok = parseAdopted("resp_1")
	require.False(t, ok)
}
