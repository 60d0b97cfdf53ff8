package openaitest

import (
	"encoding/json"
	"strings"
)

// jsonFormat reports whether a response format (Assistants response_format,
// or Responses text.format) asks for JSON: json_object or json_schema.
func jsonFormat(raw json.RawMessage) bool {
	var f struct {
		Type string `json:"type"`
	}
	return json.Unmarshal(raw, &f) == nil && (f.Type == "json_object" || f.Type == "json_schema")
}

// structuredReply is the scripted model's answer when JSON was asked for:
// the run's non-directive text itself when it is JSON (so a test scripts the
// exact object), else the text wrapped as {"echo": text}.
func structuredReply(text string) string {
	if t := strings.TrimSpace(text); json.Valid([]byte(t)) && strings.HasPrefix(t, "{") {
		return t
	}
	b, _ := json.Marshal(map[string]string{"echo": text}) // a string: cannot fail
	return string(b)
}
