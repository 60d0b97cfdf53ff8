package tools

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sync"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// validName is the function-name rule of the model APIs.
var validName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// Registry holds the tools a worker serves. It is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	tools map[string]Tool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{tools: map[string]Tool{}}
}

// Register adds tools, all or none: on error nothing is added, and the error names the tool.
func (r *Registry) Register(ts ...Tool) error {
	return r.Swap(nil, ts...)
}

// MustRegister is Register that panics on error, for registration at start-up.
func (r *Registry) MustRegister(ts ...Tool) {
	if err := r.Register(ts...); err != nil {
		panic(err)
	}
}

// prepare validates t and returns it with a private, normalized schema and default options.
func prepare(t Tool) (Tool, error) {
	switch {
	case !validName.MatchString(t.Name):
		return t, errors.New("invalid name: must match ^[a-zA-Z0-9_-]{1,64}$")
	case t.Handler == nil:
		return t, errors.New("nil handler")
	case t.err != nil:
		return t, fmt.Errorf("bad schema: %w", t.err)
	case t.Options.Timeout < 0 || t.Options.MaxAttempts < 0:
		return t, errors.New("negative timeout or max attempts")
	case t.Options.Local && t.Options.TaskQueue != "":
		return t, errors.New("a local tool runs on this worker: it has no task queue")
	}
	schema, err := normalizeSchema(t.Parameters)
	if err == nil {
		err = checkSchema(schema, t.Strict)
	}
	if err != nil {
		return t, fmt.Errorf("bad schema: %w", err)
	}
	t.Parameters = schema
	t.Options = t.Options.withDefaults()
	return t, nil
}

// Lookup returns the registered tool with this name. Its Parameters are shared with the
// registry and must not be modified; use Definitions for a copy.
func (r *Registry) Lookup(name string) (Tool, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	t, ok := r.tools[name]
	return t, ok
}

// Names returns the names of the registered tools, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.tools))
	for name := range r.tools {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Definitions returns the function definitions of the registered tools, sorted by name. Each
// has its own copy of the schema.
func (r *Registry) Definitions() []assistant.ToolDefinition {
	names := r.Names()
	defs := make([]assistant.ToolDefinition, 0, len(names))
	for _, name := range names {
		if t, ok := r.Lookup(name); ok {
			defs = append(defs, t.definition())
		}
	}
	return defs
}

// Swap removes the tools named in remove and adds add, all or none, in one step: a call
// never sees a half-updated set. It serves tool sources whose list changes while the
// worker runs (MCP servers); on error nothing changes, and the error names the tool.
func (r *Registry) Swap(remove []string, add ...Tool) error {
	ready := make([]Tool, 0, len(add))
	for _, t := range add {
		p, err := prepare(t)
		if err != nil {
			return fmt.Errorf("tools: register %q: %w", t.Name, err)
		}
		ready = append(ready, p)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, t := range ready {
		_, dup := r.tools[t.Name]
		if (dup && !slices.Contains(remove, t.Name)) || slices.ContainsFunc(ready[:i], func(o Tool) bool { return o.Name == t.Name }) {
			return fmt.Errorf("tools: register %q: a tool with this name is already registered", t.Name)
		}
	}
	for _, name := range remove {
		delete(r.tools, name)
	}
	for _, t := range ready {
		r.tools[t.Name] = t
	}
	return nil
}
