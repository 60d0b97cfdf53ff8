package openaitest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// script is what the scripted model will do for one run, parsed from the
// user text the run was given (see the package documentation).
type script struct {
	input      string // the whole user text
	echo       string // the non-directive lines
	calls      []scriptCall
	fail       *runError
	incomplete bool
	latency    time.Duration
	expiresIn  time.Duration
	hasLatency bool // sleep: was given
	hasExpiry  bool // expires_in: was given
	// files are those the run's input named, listed in the reply; cites are
	// the file IDs of cite: lines, each a file_citation of the reply.
	files []fileRef
	cites []string
}

// scriptCall is one requested tool call.
type scriptCall struct{ name, arguments string }

// parseScript reads directives line by line. A malformed directive makes the
// run fail with invalid_prompt, as a real model would reject a bad prompt.
func parseScript(text string) script {
	sc := script{input: text}
	var echo []string
	for _, line := range strings.Split(text, "\n") {
		kind, rest, ok := directive(line)
		if !ok {
			echo = append(echo, line)
			continue
		}
		if err := sc.apply(kind, rest); err != nil {
			sc.fail = &runError{Code: "invalid_prompt", Message: "openaitest: " + err.Error()}
		}
	}
	sc.echo = strings.TrimSpace(strings.Join(echo, "\n"))
	return sc
}

// directive splits "name: rest" when name is a known directive.
func directive(line string) (kind, rest string, ok bool) {
	kind, rest, found := strings.Cut(strings.TrimSpace(line), ":")
	if !found {
		return "", "", false
	}
	switch kind {
	case "call", "fail", "incomplete", "sleep", "expires_in", "cite":
		return kind, strings.TrimSpace(rest), true
	}
	return "", "", false
}

// apply records one directive.
func (sc *script) apply(kind, rest string) error {
	switch kind {
	case "call":
		name, args, _ := strings.Cut(rest, " ")
		args = strings.TrimSpace(args)
		if args == "" {
			args = "{}"
		}
		if name == "" || !json.Valid([]byte(args)) {
			return fmt.Errorf("bad call directive %q: want `call: <tool_name> <json arguments>`", rest)
		}
		sc.calls = append(sc.calls, scriptCall{name: name, arguments: args})
	case "fail":
		code, msg, _ := strings.Cut(rest, " ")
		switch code {
		case "server_error", "rate_limit_exceeded", "invalid_prompt":
		default:
			return fmt.Errorf("bad fail code %q: want server_error, rate_limit_exceeded or invalid_prompt", code)
		}
		if sc.fail == nil {
			sc.fail = &runError{Code: code, Message: strings.TrimSpace(msg)}
		}
	case "incomplete":
		sc.incomplete = true
	case "cite":
		if rest == "" || strings.ContainsAny(rest, " \t") {
			return fmt.Errorf("bad cite directive %q: want `cite: <file_id>`", rest)
		}
		sc.cites = append(sc.cites, rest)
	case "sleep", "expires_in":
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return fmt.Errorf("bad %s duration %q", kind, rest)
		}
		if kind == "sleep" {
			sc.latency, sc.hasLatency = d, true
		} else {
			sc.expiresIn, sc.hasExpiry = d, true
		}
	}
	return nil
}

// countWords is the emulator's deterministic token count.
func countWords(s string) int { return len(strings.Fields(s)) }
