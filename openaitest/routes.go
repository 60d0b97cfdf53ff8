package openaitest

import (
	"net/http"
	"strings"
)

// Route returns the pattern ("METHOD /v1/...") that serves method and path
// (a concrete path such as /v1/threads/t1/runs), or "" when the emulator has
// no such endpoint. It is read-only: conformance reports use it to list what
// the emulator implements.
func (s *Server) Route(method, path string) string {
	r, err := http.NewRequest(method, path, nil)
	if err != nil {
		return ""
	}
	_, pattern := s.mux.Handler(r)
	if !strings.HasPrefix(pattern, method+" ") {
		return ""
	}
	return pattern
}
