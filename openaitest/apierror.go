package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error answer in the spec's ErrorResponse shape.
type apiError struct {
	status  int
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// invalid answers 400 invalid_request_error naming the offending field.
func invalid(param, format string, args ...any) *apiError {
	e := &apiError{status: http.StatusBadRequest, Type: "invalid_request_error", Message: fmt.Sprintf(format, args...)}
	if param != "" {
		e.Param = &param
	}
	return e
}

// notFound answers 404 the way the real API does for unknown IDs.
func notFound(kind, id string) *apiError {
	return &apiError{status: http.StatusNotFound, Type: "invalid_request_error",
		Message: fmt.Sprintf("No %s found with id '%s'.", kind, id)}
}

// statusError builds the body the real API sends with an injected status.
func statusError(status int) *apiError {
	e := &apiError{status: status, Type: "invalid_request_error", Message: http.StatusText(status)}
	switch {
	case status == http.StatusTooManyRequests:
		code := "rate_limit_exceeded"
		e.Type, e.Code = "requests", &code
		e.Message = "Rate limit reached for requests. Please try again later."
	case status == http.StatusServiceUnavailable:
		e.Type, e.Message = "server_error", "The engine is currently overloaded, please try again later."
	case status >= 500:
		e.Type, e.Message = "server_error", "The server had an error while processing your request. Sorry about that!"
	}
	return e
}

// unauthorized answers 401 invalid_api_key.
func unauthorized(msg string) *apiError {
	code := "invalid_api_key"
	return &apiError{status: http.StatusUnauthorized, Type: "invalid_request_error", Message: msg, Code: &code}
}

// writeError writes e as {"error": {...}}.
func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, map[string]*apiError{"error": e})
}

// writeJSON writes v with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"message":"openaitest: cannot encode response","type":"server_error","param":null,"code":null}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
