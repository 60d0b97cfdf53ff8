package activities

import (
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// runTools resolves the tools a run restricted itself to
// (Overrides.Tools, and a tool_choice naming one) against this worker's
// registry: only registered tools may be offered, since only they can be
// called. The workflow cannot check it (the registry is not history), so an
// unknown name fails the start here, naming it, before anything is sent.
func (a *Activities) runTools(in *StartRunInput) error {
	o := in.Overrides
	if o == nil {
		return nil
	}
	registered := a.tools.Definitions()
	byName := make(map[string]assistant.ToolDefinition, len(registered))
	for _, d := range registered {
		byName[d.Name] = d
	}
	unknown := func(field, name string) error {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
			"start run: %s names %q, which is not a tool registered on this worker (registered: %s)",
			field, name, strings.Join(a.tools.Names(), ", ")), assistant.ErrorTypeInvalidInput, nil)
	}
	in.ToolDefs = nil
	for i, name := range o.Tools {
		d, ok := byName[name]
		if !ok {
			return unknown(fmt.Sprintf("overrides.tools[%d]", i), name)
		}
		in.ToolDefs = append(in.ToolDefs, d)
	}
	switch o.ToolChoice {
	case "", assistant.ToolChoiceAuto, assistant.ToolChoiceNone, assistant.ToolChoiceRequired:
	default:
		if _, ok := byName[o.ToolChoice]; !ok {
			return unknown("overrides.tool_choice", o.ToolChoice)
		}
	}
	return nil
}
