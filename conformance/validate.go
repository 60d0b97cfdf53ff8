package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"

	"github.com/pb33f/libopenapi-validator/config"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/paths"
)

// validatorOptions are the libopenapi-validator settings: formats are asserted
// (date-time, uri, ...), and bodies other than JSON are decoded and checked
// too (the multipart upload of CreateFileRequest); everything else is the
// library default.
func validatorOptions() []config.Option {
	return []config.Option{config.WithFormatAssertions(), config.WithStandardBodyDecoders()}
}

// Checker is an http.Handler that validates every request and response
// passing through it against the spec subset and records the operations hit.
type Checker struct {
	tb   TB
	next http.Handler
	spec *spec

	inflight sync.WaitGroup // requests being served or checked

	mu     sync.Mutex
	seen   map[string]int // "METHOD /spec/path" -> count
	events int            // stream events validated
	errs   []string
}

// TB is the part of testing.TB the checker uses.
type TB interface {
	Helper()
	Error(args ...any)
	Fatal(args ...any)
	Cleanup(func())
}

// Validate wraps h: each request (path, method, query, body) and each
// response (status, body schema, stream events) is checked against the spec
// subset, and a violation fails tb naming the method, the spec path and the
// validator's message with its schema location.
func Validate(tb TB, h http.Handler) *Checker {
	tb.Helper()
	s, err := loadSpec()
	if err != nil {
		tb.Fatal(err)
	}
	return &Checker{tb: tb, next: h, spec: s, seen: map[string]int{}}
}

// NewServer starts an httptest server over Validate(tb, h), closed by
// tb.Cleanup, and returns the checker and the base URL (ending in /v1).
func NewServer(tb TB, h http.Handler) (*Checker, string) {
	tb.Helper()
	c := Validate(tb, h)
	ts := httptest.NewServer(c)
	tb.Cleanup(ts.Close)
	return c, ts.URL + "/v1"
}

// Seen, Events and Violations first wait for the requests in flight, whose
// responses are checked once served.

// Seen returns how often each spec operation ("METHOD /path") was called.
func (c *Checker) Seen() map[string]int {
	c.inflight.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.seen))
	for k, v := range c.seen {
		out[k] = v
	}
	return out
}

// Events returns how many stream events were validated.
func (c *Checker) Events() int {
	c.inflight.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.events
}

// Violations returns every violation reported so far.
func (c *Checker) Violations() []string {
	c.inflight.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.errs)
}

// ServeHTTP validates the request, serves it, then validates the response.
func (c *Checker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.inflight.Add(1)
	defer c.inflight.Done()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		c.fail(r.Method, r.URL.Path, "request", "read body: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	specPath := c.checkRequest(r, body)

	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	c.next.ServeHTTP(rec, r)
	if specPath == "" {
		return
	}
	c.checkResponse(r, body, specPath, rec)
}

// checkRequest validates r and returns the spec path it matched ("" if none).
func (c *Checker) checkRequest(r *http.Request, body []byte) string {
	req := clone(r, body)
	_, perrs, specPath := paths.FindPath(req, c.spec.model, config.NewValidationOptions(validatorOptions()...))
	if specPath == "" {
		c.report(r.Method, r.URL.Path, "request", perrs)
		return ""
	}
	c.mu.Lock()
	c.seen[r.Method+" "+specPath]++
	c.mu.Unlock()
	if ok, errs := c.spec.http.ValidateHttpRequestSync(clone(r, body)); !ok {
		c.report(r.Method, specPath, "request", errs)
	}
	return specPath
}

// checkResponse validates the recorded response: declared statuses against
// the operation, undeclared error statuses against ErrorResponse (allowlist
// entry "undeclared-error-status"), event streams event by event.
func (c *Checker) checkResponse(r *http.Request, body []byte, specPath string, rec *recorder) {
	ct := rec.Header().Get("Content-Type")
	if strings.HasPrefix(ct, "text/event-stream") {
		n, violations := c.spec.checkStream(specPath, rec.body.Bytes())
		c.mu.Lock()
		c.events += n
		c.mu.Unlock()
		for _, v := range violations {
			if !allowed(r.Method, specPath, "stream", v) {
				c.fail(r.Method, specPath, "stream", v)
			}
		}
		return
	}
	if rec.status >= 400 && !c.declared(r.Method, specPath, rec.status) {
		if ok, errs := c.spec.schemas.ValidateSchemaBytes(c.spec.errorResponse, rec.body.Bytes()); !ok {
			c.report(r.Method, specPath, fmt.Sprintf("response %d (ErrorResponse)", rec.status), errs)
		}
		return
	}
	res := &http.Response{
		StatusCode: rec.status, Header: rec.Header().Clone(),
		Body: io.NopCloser(bytes.NewReader(rec.body.Bytes())), Request: r,
	}
	if ok, errs := c.spec.http.ValidateHttpResponse(clone(r, body), res); !ok {
		c.report(r.Method, specPath, fmt.Sprintf("response %d", rec.status), errs)
	}
}

// declared reports whether the operation lists status (or its NXX range).
func (c *Checker) declared(method, specPath string, status int) bool {
	item := c.spec.model.Paths.PathItems.GetOrZero(specPath)
	if item == nil {
		return false
	}
	op := item.GetOperations().GetOrZero(strings.ToLower(method))
	if op == nil || op.Responses == nil {
		return false
	}
	code := fmt.Sprint(status)
	return op.Responses.Codes.GetOrZero(code) != nil || op.Responses.Codes.GetOrZero(code[:1]+"XX") != nil
}

// report turns validator errors into failures, minus allowlisted ones; the
// allowlist applies to each schema failure of an error on its own.
func (c *Checker) report(method, specPath, where string, errs []*liberrors.ValidationError) {
	for _, e := range errs {
		if len(e.SchemaValidationErrors) == 0 {
			if msg := describe(e); !allowed(method, specPath, where, msg) {
				c.fail(method, specPath, where, msg)
			}
			continue
		}
		kept := *e
		kept.SchemaValidationErrors = nil
		for _, f := range e.SchemaValidationErrors {
			if !allowed(method, specPath, where, failure(f)) {
				kept.SchemaValidationErrors = append(kept.SchemaValidationErrors, f)
			}
		}
		if len(kept.SchemaValidationErrors) > 0 {
			c.fail(method, specPath, where, describe(&kept))
		}
	}
}

func (c *Checker) fail(method, specPath, where, msg string) {
	line := fmt.Sprintf("conformance: %s %s %s: %s", method, specPath, where, msg)
	c.mu.Lock()
	c.errs = append(c.errs, line)
	c.mu.Unlock()
	c.tb.Error(line)
}

// describe renders a validation error with its schema locations.
func describe(e *liberrors.ValidationError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/%s: %s", e.ValidationType, e.ValidationSubType, e.Message)
	if e.Reason != "" && e.Reason != e.Message {
		fmt.Fprintf(&b, " (%s)", e.Reason)
	}
	for _, f := range e.SchemaValidationErrors {
		b.WriteString("\n\t" + failure(f))
	}
	return b.String()
}

// failure renders one schema failure: where in the body, where in the schema.
func failure(f *liberrors.SchemaValidationFailure) string {
	return fmt.Sprintf("at %s: schema %s: %s", f.FieldPath, f.KeywordLocation, f.Reason)
}

// clone copies r with a fresh body for the validator, which consumes it.
func clone(r *http.Request, body []byte) *http.Request {
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(body))
	return req
}

// recorder passes the response through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}

// Flush lets event streams through as they are written.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap serves http.ResponseController.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
