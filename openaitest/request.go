package openaitest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// decode reads a JSON body into v. Unknown fields are accepted, as newer
// clients send fields the emulator does not model. An empty body is {}.
func decode(r *http.Request, v any) *apiError {
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		return invalid("", "Could not read the request body.")
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return invalid(typeErr.Field, "Invalid type for '%s': expected %s, but got %s.",
				typeErr.Field, typeErr.Type, typeErr.Value)
		}
		return invalid("", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)")
	}
	return nil
}

// checkMetadata applies the spec's Metadata limits: 16 pairs, keys up to 64
// and values up to 512 characters.
func checkMetadata(param string, m map[string]string) *apiError {
	if len(m) > 16 {
		return invalid(param, "Invalid '%s': too many properties. Expected an object with at most 16 properties, but got an object with %d properties instead.", param, len(m))
	}
	for k, v := range m {
		if utf8.RuneCountInString(k) > 64 {
			return invalid(param+"."+k, "Invalid '%s': string too long. Expected a key with maximum length 64, but got a key with length %d instead.", param, utf8.RuneCountInString(k))
		}
		if utf8.RuneCountInString(v) > 512 {
			return invalid(param+"."+k, "Invalid '%s.%s': string too long. Expected a string with maximum length 512, but got a string with length %d instead.", param, k, utf8.RuneCountInString(v))
		}
	}
	return nil
}

// messageInput is the spec's CreateMessageRequest (also an additional message).
type messageInput struct {
	Role        string            `json:"role"`
	Content     json.RawMessage   `json:"content"`
	Attachments json.RawMessage   `json:"attachments"`
	Metadata    map[string]string `json:"metadata"`
}

// contentPart is one element of an array content.
type contentPart struct {
	Type string          `json:"type"`
	Text json.RawMessage `json:"text"`
}

// parse validates the message and returns its content in response shape and
// its plain text. param names the message in errors, e.g. "additional_messages[0]".
func (in messageInput) parse(param string) ([]json.RawMessage, string, *apiError) {
	if in.Role != "user" && in.Role != "assistant" {
		return nil, "", invalid(param+".role", "Invalid value: '%s'. Supported values are: 'user' and 'assistant'.", in.Role)
	}
	if err := checkMetadata(param+".metadata", in.Metadata); err != nil {
		return nil, "", err
	}
	var s string
	if json.Unmarshal(in.Content, &s) == nil {
		if s == "" {
			return nil, "", invalid(param+".content", "Invalid '%s.content': string too short. Expected a string with minimum length 1, but got an empty string instead.", param)
		}
		return []json.RawMessage{textContent(s)}, s, nil
	}
	var parts []json.RawMessage
	if json.Unmarshal(in.Content, &parts) != nil || len(parts) == 0 {
		return nil, "", invalid(param+".content", "Invalid '%s.content': expected a non-empty string or a non-empty array of content parts.", param)
	}
	return parseParts(param+".content", parts)
}

// parseParts converts request content parts to response content parts.
func parseParts(param string, parts []json.RawMessage) ([]json.RawMessage, string, *apiError) {
	var out []json.RawMessage
	var texts []string
	for i, raw := range parts {
		var p contentPart
		if json.Unmarshal(raw, &p) != nil {
			return nil, "", invalid(fmt.Sprintf("%s[%d]", param, i), "Invalid content part.")
		}
		switch p.Type {
		case "text":
			var text string
			if json.Unmarshal(p.Text, &text) != nil || text == "" {
				return nil, "", invalid(fmt.Sprintf("%s[%d].text", param, i), "Invalid '%s[%d].text': expected a non-empty string.", param, i)
			}
			out, texts = append(out, textContent(text)), append(texts, text)
		case "image_file", "image_url":
			out = append(out, raw) // the request shape is the response shape
		default:
			return nil, "", invalid(fmt.Sprintf("%s[%d].type", param, i), "Invalid value: '%s'. Supported values are: 'text', 'image_file' and 'image_url'.", p.Type)
		}
	}
	return out, strings.Join(texts, "\n"), nil
}
