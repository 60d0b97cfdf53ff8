package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/durable-assistants/durable-assistants/codec"
)

// FuzzHandler: any request body to /decode or /encode is answered 200, 400
// or 413, never a panic or a 5xx.
func FuzzHandler(f *testing.F) {
	f.Add("/decode", []byte(`{"payloads":[]}`))
	f.Add("/encode", []byte(`{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"IngiCg=="}]}`))
	f.Add("/decode", []byte(`{"payloads":[{"metadata":{"encoding":"YmluYXJ5L2VuY3J5cHRlZA==","encryption-key-id":"azE="},"data":"AAAA"}]}`))
	f.Add("/decode", []byte(`{`))
	f.Add("/x/decode", bytes.Repeat([]byte("a"), 5000))
	c, _ := codec.New(codec.Key{ID: "k1", Secret: bytes.Repeat([]byte{9}, 32)})
	h := newHandler(c, handlerOptions{MaxBytes: 4096})
	f.Fuzz(func(t *testing.T, path string, body []byte) {
		if len(path) == 0 || path[0] != '/' {
			path = "/" + path
		}
		req, err := http.NewRequest(http.MethodPost, "http://codec"+path, bytes.NewReader(body))
		if err != nil {
			return // not a URL a client could send
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusNotFound:
		default:
			t.Fatalf("status %d for %q", rec.Code, path)
		}
	})
}
