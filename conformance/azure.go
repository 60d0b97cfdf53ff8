package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// azureV2Query are query parameters Assistants v2 added after the
// 2023-11-06-beta description (seeds/002) was written, which Azure OpenAI
// (api-version 2024-05-01-preview and later) and Foundry agents (ListMessages
// runId) serve: the worker reads a run's reply by listing its messages, and
// pages the files list.
var azureV2Query = map[string][]string{
	"microsoftAzureListmessages": {"run_id"},
	// The files list pages as OpenAI's does (Azure's v1 files reference:
	// purpose, limit, order, after); a retried upload reads the newest first.
	"microsoftAzureListfiles": {"limit", "order", "after"},
}

// AzureCheck says which Azure service the requests are for.
type AzureCheck struct {
	// Foundry: paths under /api/projects/{Project}/, bearer tokens only.
	// Otherwise Azure OpenAI: paths under /openai/, api-key or bearer.
	Foundry    bool
	Project    string
	APIVersion string // the one api-version every request must carry
}

// AzureChecker is an http.Handler that validates every request passing
// through it against Azure's Assistants REST description (seeds/002, see
// AzureSpecJSON) and records the operations hit. The api-version rule is
// Azure's data-plane convention (the description leaves it to the client
// library): exactly one, on every request.
type AzureChecker struct {
	tb    TB
	next  http.Handler
	spec  AzureSpec
	check AzureCheck

	mu   sync.Mutex
	seen map[string]int // operation ID -> count
	errs []string
}

// ValidateAzure wraps h with the Azure request checks; a violation fails tb
// naming the method, the path and what was wrong.
func ValidateAzure(tb TB, h http.Handler, check AzureCheck) *AzureChecker {
	tb.Helper()
	spec, err := loadAzureSpec()
	if err != nil {
		tb.Fatal(err)
	}
	return &AzureChecker{tb: tb, next: h, spec: spec, check: check, seen: map[string]int{}}
}

// Seen returns how often each operation of the description was called.
func (c *AzureChecker) Seen() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.seen))
	for k, v := range c.seen {
		out[k] = v
	}
	return out
}

// Violations returns every violation reported so far.
func (c *AzureChecker) Violations() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.errs)
}

// ServeHTTP checks the request, then serves it.
func (c *AzureChecker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		c.fail(r, "read body: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	for _, v := range c.violations(r, body) {
		c.fail(r, v)
	}
	c.next.ServeHTTP(w, r)
}

// violations lists what is wrong with r.
func (c *AzureChecker) violations(r *http.Request, body []byte) []string {
	var out []string
	prefix := "/openai/"
	if c.check.Foundry {
		prefix = "/api/projects/" + c.check.Project + "/"
	}
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		return []string{"path is not under " + prefix}
	}
	op := c.spec.find(r.Method, "/"+rest)
	if op == nil {
		return []string{fmt.Sprintf("no operation %s /%s in %s", r.Method, rest, c.spec.Source)}
	}
	c.mu.Lock()
	c.seen[op.ID]++
	c.mu.Unlock()
	q := r.URL.Query()
	if v := q["api-version"]; len(v) != 1 || v[0] != c.check.APIVersion {
		out = append(out, fmt.Sprintf("api-version %q, want exactly %q", v, c.check.APIVersion))
	}
	for k := range q {
		if k != "api-version" && !slices.Contains(op.Query, k) && !slices.Contains(azureV2Query[op.ID], k) {
			out = append(out, fmt.Sprintf("query parameter %q is not one of %s's %v", k, op.ID, op.Query))
		}
	}
	out = append(out, c.authViolations(r.Header)...)
	return append(out, bodyViolations(op, body)...)
}

// authViolations: Azure OpenAI takes the api-key header or a bearer token
// (never both); Foundry a bearer token only.
func (c *AzureChecker) authViolations(h http.Header) []string {
	key := h.Get(c.spec.APIKey) != ""
	bearer := strings.HasPrefix(h.Get("Authorization"), "Bearer ")
	switch {
	case c.check.Foundry && key:
		return []string{"an api-key header sent to Foundry, which takes Entra ID tokens only"}
	case c.check.Foundry && !bearer:
		return []string{"no bearer token"}
	case key && bearer:
		return []string{"both an api-key and a bearer token"}
	case !key && !bearer:
		return []string{"neither " + c.spec.APIKey + " nor a bearer token"}
	}
	return nil
}

func bodyViolations(op *AzureOperation, body []byte) []string {
	if !op.BodyRequired {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return []string{op.ID + ": the body is not a JSON object"}
	}
	var out []string
	for _, p := range op.BodyProps {
		if _, ok := obj[p]; !ok {
			out = append(out, fmt.Sprintf("%s: body lacks required property %q", op.ID, p))
		}
	}
	return out
}

// find returns the operation serving method and a concrete path; a literal
// segment wins over a parameter (POST /threads/runs is not /threads/{threadId}).
func (s *AzureSpec) find(method, path string) *AzureOperation {
	got := strings.Split(strings.Trim(path, "/"), "/")
	var best *AzureOperation
	bestLiterals := -1
	for i := range s.Operations {
		op := &s.Operations[i]
		if op.Method != method {
			continue
		}
		if n := literalMatches(strings.Split(strings.Trim(op.Path, "/"), "/"), got); n > bestLiterals {
			best, bestLiterals = op, n
		}
	}
	return best
}

// literalMatches returns how many literal segments of tmpl match got, -1 when
// tmpl does not match at all.
func literalMatches(tmpl, got []string) int {
	if len(tmpl) != len(got) {
		return -1
	}
	n := 0
	for i, t := range tmpl {
		switch {
		case strings.HasPrefix(t, "{") && got[i] != "":
		case t == got[i]:
			n++
		default:
			return -1
		}
	}
	return n
}

func (c *AzureChecker) fail(r *http.Request, msg string) {
	c.mu.Lock()
	c.errs = append(c.errs, fmt.Sprintf("%s %s: %s", r.Method, r.URL.Path, msg))
	c.mu.Unlock()
	c.tb.Error(fmt.Sprintf("Azure conformance: %s %s: %s", r.Method, r.URL.Path, msg))
}
