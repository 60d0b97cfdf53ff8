package conformance

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// AzureSpecJSON is what `go run ./conformance/cmd/azurespec` extracted from
// Azure's REST description of the Assistants API (seeds/002, swagger 2.0,
// 2023-11-06-beta): operations, their parameters and the auth schemes. The
// seed is a flattened YAML (one line), so only what survives flattening is
// kept: paths, methods, query and path parameters, whether a body is required
// and its required top-level properties.
//
//go:embed testdata/azure-assistants.json
var AzureSpecJSON []byte

// AzureSpec is the extracted description.
type AzureSpec struct {
	Source     string           `json:"source"`
	Version    string           `json:"version"`
	APIKey     string           `json:"api_key_header"` // header of ApiKeyAuth
	Scopes     []string         `json:"oauth2_scopes"`  // OAuth2Auth scopes
	Operations []AzureOperation `json:"operations"`
}

// AzureOperation is one operation of the description.
type AzureOperation struct {
	ID           string   `json:"id"`
	Method       string   `json:"method"`
	Path         string   `json:"path"` // template, e.g. /threads/{threadId}/runs
	Query        []string `json:"query,omitempty"`
	BodyRequired bool     `json:"body_required,omitempty"`
	BodyProps    []string `json:"body_required_properties,omitempty"`
}

var (
	reSwaggerPath = regexp.MustCompile(`(?: )(/[\w{}/]+): `)
	reSwaggerOp   = regexp.MustCompile(` (get|post|delete|patch|put): operationId: (\w+)`)
	reSwaggerPar  = regexp.MustCompile(`- name: (\S+) in: (\w+)`)
	reBodyReq     = regexp.MustCompile(`required: ((?:- \w+ ?)+)$`)
	reVersion     = regexp.MustCompile(`info: title: .*? version: (\S+)`)
	reAPIKey      = regexp.MustCompile(`ApiKeyAuth: type: apiKey name: (\S+) in: header`)
	reScope       = regexp.MustCompile(`scopes: (\S+): ''`)
)

// ExtractAzureSpec reads the flattened swagger text of seeds/002.
func ExtractAzureSpec(text, source string) (AzureSpec, error) {
	start, end := strings.Index(text, " paths: "), strings.Index(text, " definitions: ")
	if start < 0 || end < start {
		return AzureSpec{}, fmt.Errorf("no paths section")
	}
	spec := AzureSpec{Source: source}
	if m := reVersion.FindStringSubmatch(text); m != nil {
		spec.Version = m[1]
	}
	if m := reAPIKey.FindStringSubmatch(text); m != nil {
		spec.APIKey = m[1]
	}
	for _, m := range reScope.FindAllStringSubmatch(text, -1) {
		spec.Scopes = append(spec.Scopes, m[1])
	}
	paths := text[start:end]
	ops := reSwaggerOp.FindAllStringSubmatchIndex(paths, -1)
	for i, o := range ops {
		opEnd := len(paths)
		if i+1 < len(ops) {
			opEnd = ops[i+1][0]
		}
		// The op's path is the last path key before it.
		var path string
		for _, p := range reSwaggerPath.FindAllStringSubmatchIndex(paths[:o[0]+1], -1) {
			path = paths[p[2]:p[3]]
		}
		op := AzureOperation{ID: paths[o[4]:o[5]], Method: strings.ToUpper(paths[o[2]:o[3]]), Path: path}
		body := paths[o[1]:opEnd]
		for _, p := range reSwaggerPar.FindAllStringSubmatch(body, -1) {
			switch p[2] {
			case "query":
				op.Query = append(op.Query, p[1])
			case "body":
				op.BodyRequired = true
				seg := body[strings.Index(body, "- name: "+p[1]+" in: body"):]
				if r := strings.Index(seg, " responses: "); r >= 0 {
					seg = seg[:r]
				}
				if m := reBodyReq.FindStringSubmatch(strings.TrimSpace(seg)); m != nil {
					for _, f := range strings.Fields(m[1]) {
						if f != "-" {
							op.BodyProps = append(op.BodyProps, f)
						}
					}
				}
			}
		}
		spec.Operations = append(spec.Operations, op)
	}
	if len(spec.Operations) == 0 {
		return spec, fmt.Errorf("no operations found")
	}
	return spec, nil
}

// loadAzureSpec decodes the embedded extract.
func loadAzureSpec() (AzureSpec, error) {
	var s AzureSpec
	err := json.Unmarshal(AzureSpecJSON, &s)
	return s, err
}
