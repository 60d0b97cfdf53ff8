package assistant

import (
	"fmt"
	"strings"
)

// Assistants as code: the operations of the Assistants workflow, which a
// client starts to create, find, change or remove assistants through the
// worker (which holds the API key). On the responses protocol, where
// assistants are profiles from configuration, get, list and resolve read
// the profiles and the others are refused.

// AssistantsOp names one operation.
type AssistantsOp string

// The operations.
const (
	// OpApply ensures an assistant named Spec.Name with Spec's model and
	// instructions and the worker's registered tools exists: found by name
	// (its da_name metadata first), updated when it differs, else created.
	OpApply   AssistantsOp = "apply"
	OpGet     AssistantsOp = "get"
	OpList    AssistantsOp = "list"
	OpUpdate  AssistantsOp = "update"
	OpDelete  AssistantsOp = "delete"
	OpResolve AssistantsOp = "resolve" // an ID as is, a name to the ID of the assistant it names
)

// MetadataKeyName is the assistant metadata key apply finds assistants by.
const MetadataKeyName = "da_name"

// MaxListLimit is the API's largest page.
const MaxListLimit = 100

// AssistantsInput is one operation of the Assistants workflow.
type AssistantsInput struct {
	Op AssistantsOp `json:"op"`
	// ID names the assistant (get, update, delete), or a name or ID (resolve).
	ID string `json:"id,omitempty"`
	// Spec is what apply ensures, and what update changes (empty fields
	// unchanged; Tools says whether to set the registered tools).
	Spec AssistantSpec `json:"spec,omitzero"`
	// Limit and After page a list: at most Limit (1..100, 0: 20) assistants
	// after the one with ID After, newest first.
	Limit int    `json:"limit,omitempty"`
	After string `json:"after,omitempty"`
}

// AssistantSpec is the desired state of an assistant.
type AssistantSpec struct {
	Name         string `json:"name,omitempty"`
	Model        string `json:"model,omitempty"`
	Instructions string `json:"instructions,omitempty"`
	// Tools (update only) sets the worker's registered tools on it; apply
	// always does.
	Tools bool `json:"tools,omitempty"`
	// BuiltinTools are the API's tools put on it besides the registered
	// ones: code_interpreter, file_search. Apply sets exactly these; update
	// only with Tools (the API replaces the whole tool list).
	BuiltinTools []string `json:"builtin_tools,omitempty"`
	// ToolResources are its built-in tools' files and vector stores; nil
	// leaves them as they are (apply neither compares nor changes them).
	ToolResources *ToolResources `json:"tool_resources,omitempty"`
}

// AssistantInfo is an assistant as the API describes it (a profile on the
// responses protocol: its name is its ID).
type AssistantInfo struct {
	ID           string   `json:"id"`
	Name         string   `json:"name,omitempty"`
	Model        string   `json:"model"`
	Instructions string   `json:"instructions,omitempty"`
	Tools        []string `json:"tools,omitempty"` // function tool names
	// BuiltinTools are its code_interpreter and file_search tools.
	BuiltinTools  []string          `json:"builtin_tools,omitempty"`
	ToolResources *ToolResources    `json:"tool_resources,omitempty"`
	Metadata      map[string]string `json:"metadata,omitempty"`
	CreatedAt     int64             `json:"created_at,omitempty"`
}

// AssistantsResult is what an operation returns.
type AssistantsResult struct {
	// Assistant is the one applied, read, updated or resolved.
	Assistant *AssistantInfo `json:"assistant,omitempty"`
	// Action says what apply did: created, updated or unchanged; delete:
	// deleted.
	Action string `json:"action,omitempty"`
	// Assistants, HasMore and Next are a list's page; Next is the After of
	// the following page.
	Assistants []AssistantInfo `json:"assistants,omitempty"`
	HasMore    bool            `json:"has_more,omitempty"`
	Next       string          `json:"next,omitempty"`
}

// Validate checks the operation before it is sent, naming the field.
func (in AssistantsInput) Validate() error {
	needID := func() error {
		if strings.TrimSpace(in.ID) == "" {
			return fmt.Errorf("%s: id is empty", in.Op)
		}
		return ValidateText("id", in.ID, MaxIDBytes)
	}
	switch in.Op {
	case OpGet, OpDelete, OpResolve:
		return needID()
	case OpUpdate:
		if err := needID(); err != nil {
			return err
		}
		return in.Spec.validate(false)
	case OpApply:
		return in.Spec.validate(true)
	case OpList:
		if in.Limit < 0 || in.Limit > MaxListLimit {
			return fmt.Errorf("list: limit is %d; it must be 1 to %d (0: 20)", in.Limit, MaxListLimit)
		}
		return ValidateText("after", in.After, MaxIDBytes)
	}
	return fmt.Errorf("op is %q; it must be apply, get, list, update, delete or resolve", in.Op)
}

// validate checks a spec; apply needs a name and a model.
func (s AssistantSpec) validate(apply bool) error {
	if apply && (strings.TrimSpace(s.Name) == "" || strings.TrimSpace(s.Model) == "") {
		return fmt.Errorf("apply: name and model are required")
	}
	if err := ValidateText("name", s.Name, MaxIDBytes); err != nil {
		return err
	}
	if err := ValidateText("model", s.Model, MaxIDBytes); err != nil {
		return err
	}
	if err := ValidateText("instructions", s.Instructions, MaxInstructionsBytes); err != nil {
		return err
	}
	if err := validateBuiltinTools(s.BuiltinTools); err != nil {
		return err
	}
	if !apply && len(s.BuiltinTools) > 0 && !s.Tools {
		return fmt.Errorf("update: builtin_tools needs tools too (the API replaces the whole tool list)")
	}
	return s.ToolResources.Validate("tool_resources")
}

// validateBuiltinTools checks the names of built-in tools.
func validateBuiltinTools(names []string) error {
	seen := map[string]bool{}
	for i, t := range names {
		if t != ToolCodeInterpreter && t != ToolFileSearch {
			return fmt.Errorf("builtin_tools[%d] is %q; it must be code_interpreter or file_search", i, t)
		}
		if seen[t] {
			return fmt.Errorf("builtin_tools names %s twice", t)
		}
		seen[t] = true
	}
	return nil
}
