package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Apply puts the built-in tools and tool resources it is given on the
// assistant and compares them next time: the same spec is unchanged (in
// any order), another is an update; nil resources are left as they are.
func TestApplyBuiltinToolsAndResources(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	f, err := h.files(assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &assistant.FileUpload{Filename: "a.csv", Content: []byte("1")}})
	require.NoError(t, err)
	apply := func(spec assistant.AssistantSpec) assistant.AssistantsResult {
		var res assistant.AssistantsResult
		require.NoError(t, h.exec(&res, h.acts.ManageAssistants, assistant.AssistantsInput{Op: assistant.OpApply, Spec: spec}))
		return res
	}
	spec := assistant.AssistantSpec{Name: "files", Model: "gpt-4o", BuiltinTools: []string{assistant.ToolCodeInterpreter, assistant.ToolFileSearch},
		ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{f.File.ID}}}}
	res := apply(spec)
	require.Equal(t, "created", res.Action)
	require.ElementsMatch(t, spec.BuiltinTools, res.Assistant.BuiltinTools)
	require.Equal(t, spec.ToolResources, res.Assistant.ToolResources)

	spec.BuiltinTools = []string{assistant.ToolFileSearch, assistant.ToolCodeInterpreter}
	require.Equal(t, "unchanged", apply(spec).Action)
	spec.ToolResources = nil
	require.Equal(t, "unchanged", apply(spec).Action, "nil resources: not compared")
	spec.BuiltinTools = []string{assistant.ToolCodeInterpreter}
	res = apply(spec)
	require.Equal(t, "updated", res.Action)
	require.Equal(t, []string{assistant.ToolCodeInterpreter}, res.Assistant.BuiltinTools)
	require.NotNil(t, res.Assistant.ToolResources, "left as they were")
	spec.ToolResources = &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{}}}
	res = apply(spec)
	require.Equal(t, "updated", res.Action)
	require.Nil(t, res.Assistant.ToolResources, "emptied")
}
