package client

import (
	"context"
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ApplyAssistant ensures an assistant named spec.Name exists with spec's
// model and instructions and the worker's registered tools: found by name,
// updated when it differs, created when missing. Running it again changes
// nothing ("unchanged"), so it belongs in a deploy script. The result's
// Action says what it did.
func (c *Client) ApplyAssistant(ctx context.Context, spec assistant.AssistantSpec) (assistant.AssistantsResult, error) {
	return c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpApply, Spec: spec})
}

// GetAssistant reads an assistant (a profile on the responses protocol).
func (c *Client) GetAssistant(ctx context.Context, id string) (assistant.AssistantInfo, error) {
	res, err := c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpGet, ID: id})
	return deref(res.Assistant), err
}

// ListAssistants reads one page of assistants, newest first: at most limit
// (0: 20, at most 100) after the one with ID after (""). The result's
// HasMore and Next give the following page.
func (c *Client) ListAssistants(ctx context.Context, limit int, after string) (assistant.AssistantsResult, error) {
	return c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpList, Limit: limit, After: after})
}

// UpdateAssistant changes the fields of spec that are set; spec.Tools puts
// the worker's registered tools on it.
func (c *Client) UpdateAssistant(ctx context.Context, id string, spec assistant.AssistantSpec) (assistant.AssistantInfo, error) {
	res, err := c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpUpdate, ID: id, Spec: spec})
	return deref(res.Assistant), err
}

// DeleteAssistant deletes an assistant.
func (c *Client) DeleteAssistant(ctx context.Context, id string) error {
	_, err := c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpDelete, ID: id})
	return err
}

// ResolveAssistant returns the ID of the assistant nameOrID names: an ID
// ("asst_...") as is once read, a name to the newest assistant applied
// under it (or named so). On the responses protocol, the profile's name.
func (c *Client) ResolveAssistant(ctx context.Context, nameOrID string) (string, error) {
	res, err := c.assistants(ctx, assistant.AssistantsInput{Op: assistant.OpResolve, ID: nameOrID})
	return deref(res.Assistant).ID, err
}

// assistants runs one operation of the Assistants workflow and waits.
func (c *Client) assistants(ctx context.Context, in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.AssistantsResult{}, fmt.Errorf("invalid assistants operation: %w", err)
	}
	summary := fmt.Sprintf("%s assistant %s%s", in.Op, in.ID, in.Spec.Name)
	return runOperation[assistant.AssistantsResult](ctx, c, assistant.WorkflowAssistants, string(in.Op), summary, in)
}

func deref(a *assistant.AssistantInfo) assistant.AssistantInfo {
	if a == nil {
		return assistant.AssistantInfo{}
	}
	return *a
}
