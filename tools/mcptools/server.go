package mcptools

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/tools"
)

// Server says how to reach one MCP server and which of its tools to offer. Exactly one of
// Command (stdio: a program the worker starts and supervises) and URL (streamable HTTP)
// is set. In MCP_SERVERS it is one JSON object with the json names below.
type Server struct {
	// Name labels the server in logs and errors.
	Name string `json:"name"`
	// Command is the program and its arguments; Env adds NAME=value pairs to the
	// worker's environment for it.
	Command []string `json:"command,omitempty"`
	Env     []string `json:"env,omitempty"`
	// URL is a streamable HTTP endpoint. HeadersFromEnv and HeadersFromFiles name the
	// environment variable or file holding each header's value (an Authorization
	// token, say), so no secret is written in the configuration itself.
	URL              string            `json:"url,omitempty"`
	HeadersFromEnv   map[string]string `json:"headers_from_env,omitempty"`
	HeadersFromFiles map[string]string `json:"headers_from_files,omitempty"`
	// Prefix is put before every tool name, to keep two servers' tools apart.
	Prefix string `json:"prefix,omitempty"`
	// Include, when set, offers only the tools with these (server-side) names.
	Include []string `json:"include,omitempty"`
	// Scheduling of every tool of the server, as tools.Options for Go tools.
	Timeout     Duration `json:"timeout,omitempty"`
	MaxAttempts int32    `json:"max_attempts,omitempty"`
	Approval    bool     `json:"approval,omitempty"`
	TaskQueue   string   `json:"task_queue,omitempty"`
}

// Duration is a time.Duration written as "30s" in JSON.
type Duration time.Duration

// UnmarshalJSON reads a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"30s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// MarshalJSON writes a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

var validServerName = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,64}$`)

// ParseServers reads MCP_SERVERS: a JSON array of Server objects ("" is none).
func ParseServers(raw string) ([]Server, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	var servers []Server
	if err := dec.Decode(&servers); err != nil {
		return nil, fmt.Errorf("MCP_SERVERS is not a JSON array of servers: %w", err)
	}
	seen := map[string]bool{}
	for i, s := range servers {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("MCP_SERVERS[%d]: %w", i, err)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("MCP_SERVERS[%d]: name %q is used twice", i, s.Name)
		}
		seen[s.Name] = true
	}
	return servers, nil
}

// Validate checks the settings, naming the field at fault.
func (s Server) Validate() error {
	switch {
	case !validServerName.MatchString(s.Name):
		return fmt.Errorf("name %q must be 1 to 64 of [a-zA-Z0-9_.-]", s.Name)
	case (len(s.Command) == 0) == (s.URL == ""):
		return fmt.Errorf("server %q: set exactly one of command (stdio) and url (streamable HTTP)", s.Name)
	case s.Timeout < 0 || s.MaxAttempts < 0:
		return fmt.Errorf("server %q: timeout and max_attempts must not be negative", s.Name)
	}
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("server %q: url %q is not an http(s) URL", s.Name, s.URL)
		}
	}
	if len(s.Command) > 0 && (len(s.HeadersFromEnv) > 0 || len(s.HeadersFromFiles) > 0) {
		return fmt.Errorf("server %q: headers apply to url servers only", s.Name)
	}
	_, err := s.headers()
	return err
}

// headers reads the header values from their variables and files.
func (s Server) headers() (map[string]string, error) {
	h := map[string]string{}
	var errs []error
	for name, env := range s.HeadersFromEnv {
		v, ok := os.LookupEnv(env)
		if !ok || v == "" {
			errs = append(errs, fmt.Errorf("server %q: header %s: environment variable %s is not set", s.Name, name, env))
		}
		h[name] = v
	}
	for name, path := range s.HeadersFromFiles {
		b, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("server %q: header %s: %w", s.Name, name, err))
		}
		h[name] = strings.TrimSpace(string(b))
	}
	return h, errors.Join(errs...)
}

// options are the scheduling options of every tool of the server.
func (s Server) options() tools.Options {
	return tools.Options{Timeout: time.Duration(s.Timeout), MaxAttempts: s.MaxAttempts,
		RequiresApproval: s.Approval, TaskQueue: s.TaskQueue}
}
