package conformance_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestAssistantsAsCode: apply creates, is idempotent, updates what differs;
// get, list (paginated), update, resolve and delete; all through the
// validated emulator.
func TestAssistantsAsCode(t *testing.T) {
	w := newWorker(t, "assistants")
	spec := assistant.AssistantSpec{Name: "support", Model: "gpt-4o", Instructions: "Be brief."}
	apply := func(s assistant.AssistantSpec, action string) assistant.AssistantInfo {
		t.Helper()
		res, err := w.op(assistant.AssistantsInput{Op: assistant.OpApply, Spec: s})
		require.NoError(t, err)
		require.Equal(t, action, res.Action)
		return *res.Assistant
	}
	created := apply(spec, "created")
	require.Equal(t, "support", created.Metadata[assistant.MetadataKeyName])
	require.ElementsMatch(t, []string{"calculate", "convert_units", "current_time"}, created.Tools)
	require.Equal(t, created.ID, apply(spec, "unchanged").ID)
	spec.Instructions = "Be very brief."
	updated := apply(spec, "updated")
	require.Equal(t, created.ID, updated.ID)
	require.Equal(t, "Be very brief.", updated.Instructions)
	require.Equal(t, 1, w.srv.Stats().Requests["POST /v1/assistants"], "one assistant, however often applied")

	// An assistant made elsewhere with that name (no da_name) is not the one apply finds first.
	for _, n := range []string{"a", "b", "c"} {
		apply(assistant.AssistantSpec{Name: n, Model: "gpt-4o"}, "created")
	}
	var ids []string
	after := ""
	for {
		res, err := w.op(assistant.AssistantsInput{Op: assistant.OpList, Limit: 3, After: after})
		require.NoError(t, err)
		for _, a := range res.Assistants {
			ids = append(ids, a.ID)
		}
		if !res.HasMore {
			break
		}
		after = res.Next
	}
	require.Len(t, ids, 4, "pages of 3 list all four once")

	id, err := w.op(assistant.AssistantsInput{Op: assistant.OpResolve, ID: "support"})
	require.NoError(t, err)
	require.Equal(t, created.ID, id.Assistant.ID)
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpResolve, ID: "nobody"})
	requireType(t, err, assistant.ErrorTypeNotFound, `no assistant is named "nobody"`)

	res, err := w.op(assistant.AssistantsInput{Op: assistant.OpUpdate, ID: created.ID, Spec: assistant.AssistantSpec{Model: "gpt-4o-mini"}})
	require.NoError(t, err)
	require.Equal(t, "gpt-4o-mini", res.Assistant.Model)
	require.Equal(t, "Be very brief.", res.Assistant.Instructions, "fields not given stay")
	got, err := w.op(assistant.AssistantsInput{Op: assistant.OpGet, ID: created.ID})
	require.NoError(t, err)
	require.Equal(t, "gpt-4o-mini", got.Assistant.Model)

	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpDelete, ID: created.ID})
	require.NoError(t, err)
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpGet, ID: created.ID})
	requireType(t, err, assistant.ErrorTypeNotFound, "")
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpApply, Spec: assistant.AssistantSpec{Name: "x"}})
	requireType(t, err, assistant.ErrorTypeInvalidInput, "name and model are required")
	require.Empty(t, w.chk.Violations())
}

// TestAssistantsAreProfilesOnResponses: get, list and resolve read the
// profiles; apply, update and delete are refused, saying why.
func TestAssistantsAreProfilesOnResponses(t *testing.T) {
	w := newWorker(t, "responses")
	res, err := w.op(assistant.AssistantsInput{Op: assistant.OpList})
	require.NoError(t, err)
	require.Len(t, res.Assistants, 1)
	require.Equal(t, "default", res.Assistants[0].ID)
	require.Equal(t, "gpt-4o", res.Assistants[0].Model)
	res, err = w.op(assistant.AssistantsInput{Op: assistant.OpResolve, ID: "default"})
	require.NoError(t, err)
	require.Equal(t, "default", res.Assistant.ID)
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpGet, ID: "support"})
	requireType(t, err, assistant.ErrorTypeNotFound, "unknown assistant profile")
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpApply, Spec: assistant.AssistantSpec{Name: "s", Model: "m"}})
	requireType(t, err, assistant.ErrorTypeInvalidInput, "ASSISTANT_PROFILES")
	_, err = w.op(assistant.AssistantsInput{Op: assistant.OpDelete, ID: "default"})
	requireType(t, err, assistant.ErrorTypeInvalidInput, "no assistant objects")
}

func requireType(t *testing.T, err error, typ, text string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, err, &appErr)
	require.Equal(t, typ, appErr.Type())
	require.Contains(t, err.Error(), text)
}
