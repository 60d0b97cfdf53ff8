package activities

import (
	"slices"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// builtinsMatch reports whether an assistant has the built-in tools spec
// asks for, and its tool resources when spec names them (nil: apply leaves
// them as they are). Order does not matter.
func builtinsMatch(info assistant.AssistantInfo, spec assistant.AssistantSpec) bool {
	if !sameSet(info.BuiltinTools, spec.BuiltinTools) {
		return false
	}
	want := spec.ToolResources
	if want == nil {
		return true
	}
	have := info.ToolResources
	if have == nil {
		have = &assistant.ToolResources{}
	}
	var haveFiles, wantFiles, haveStores, wantStores []string
	if have.CodeInterpreter != nil {
		haveFiles = have.CodeInterpreter.FileIDs
	}
	if want.CodeInterpreter != nil {
		wantFiles = want.CodeInterpreter.FileIDs
	}
	if have.FileSearch != nil {
		haveStores = have.FileSearch.VectorStoreIDs
	}
	if want.FileSearch != nil {
		wantStores = want.FileSearch.VectorStoreIDs
	}
	return sameSet(haveFiles, wantFiles) && sameSet(haveStores, wantStores)
}

// sameSet compares two lists as sets of distinct strings.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
