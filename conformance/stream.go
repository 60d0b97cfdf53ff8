package conformance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
)

// sseEvent is one server-sent event.
type sseEvent struct {
	name, data string
}

// parseSSE splits an event stream into events (name and joined data lines).
func parseSSE(raw []byte) []sseEvent {
	var out []sseEvent
	var cur sseEvent
	var data []string
	flush := func() {
		if cur.name != "" || len(data) > 0 {
			cur.data = strings.Join(data, "\n")
			out = append(out, cur)
		}
		cur, data = sseEvent{}, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "event:"):
			cur.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
	flush()
	return out
}

// checkStream validates every event of a stream served for specPath: on the
// assistants protocol (paths under /threads) each {event, data} pair against
// the AssistantStreamEvent variant of that name; on the responses protocol
// each data object against the ResponseStreamEvent variant named by the event,
// whose type must equal the event name.
func (s *spec) checkStream(specPath string, raw []byte) (int, []string) {
	var out []string
	events := parseSSE(raw)
	if len(events) == 0 {
		return 0, []string{"empty event stream"}
	}
	for i, ev := range events {
		for _, v := range s.checkEvent(strings.HasPrefix(specPath, "/threads"), ev) {
			out = append(out, fmt.Sprintf("event %d %q: %s", i, ev.name, v))
		}
	}
	return len(events), out
}

func (s *spec) checkEvent(assistants bool, ev sseEvent) []string {
	var payload any
	if err := json.Unmarshal([]byte(ev.data), &payload); err != nil {
		if !assistants {
			return []string{"data is not JSON: " + err.Error()}
		}
		payload = ev.data // the assistants "done" event carries the bare string [DONE]
	}
	if assistants {
		schema := s.assistantEvents[ev.name]
		if schema == nil {
			return []string{"event name not in AssistantStreamEvent"}
		}
		return s.schemaErrors(schema, map[string]any{"event": ev.name, "data": payload})
	}
	schema := s.responseEvents[ev.name]
	if schema == nil {
		return []string{"event name not in ResponseStreamEvent"}
	}
	if m, ok := payload.(map[string]any); !ok || m["type"] != ev.name {
		return []string{"data.type differs from the event name"}
	}
	return s.schemaErrors(schema, payload)
}

// schemaErrors validates payload against schema and renders the failures.
func (s *spec) schemaErrors(schema *base.Schema, payload any) []string {
	b, err := json.Marshal(payload)
	if err != nil {
		return []string{err.Error()}
	}
	ok, errs := s.schemas.ValidateSchemaBytes(schema, b)
	if ok {
		return nil
	}
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, describe(e))
	}
	return out
}
