package openaitest

import (
	"net/http"
	"slices"
	"strings"
)

// AzureMode is which Azure service the emulator plays.
type AzureMode int

const (
	// AzureOpenAI serves {endpoint}/openai/...?api-version=..., with an
	// api-key header or an Entra ID token for cognitiveservices.azure.com.
	AzureOpenAI AzureMode = iota + 1
	// AzureFoundry serves Foundry classic agents at
	// {endpoint}/api/projects/{project}/...?api-version=..., Entra ID tokens
	// for ai.azure.com only.
	AzureFoundry
)

// Audiences of Entra ID tokens, by the service they are for.
const (
	AudienceAzureOpenAI = "https://cognitiveservices.azure.com"
	AudienceFoundry     = "https://ai.azure.com"
)

// AzureOptions turn the emulator into Azure's front door: its paths, the
// required api-version, its credentials and its error bodies. Wrong forms are
// refused as Azure refuses them, so a test passing proves the requests right.
type AzureOptions struct {
	Mode AzureMode
	// APIKey is the api-key Azure OpenAI accepts ("": none). Foundry takes
	// no keys.
	APIKey string
	// Tokens checks bearer tokens (nil: none is accepted).
	Tokens *Tokens
	// APIVersions are the api-version values served (default: 2024-05-01-preview
	// for Azure OpenAI, 2025-05-01 for Foundry).
	APIVersions []string
	// ResponsesAPIVersions are the api-version values Azure OpenAI serves the
	// Responses API (/responses, /conversations) at (default
	// 2025-04-01-preview). Foundry classic agents serve none.
	ResponsesAPIVersions []string
	// Project is the Foundry project in paths (default "proj").
	Project string
	// MissingRole plays a caller that signs in but holds no role on the
	// resource: every request with a valid credential is answered 401
	// PermissionDenied, as Azure answers it (Foundry names the data action
	// it lacks).
	MissingRole bool
}

func (a AzureOptions) withDefaults() AzureOptions {
	if len(a.APIVersions) == 0 {
		a.APIVersions = []string{"2024-05-01-preview"}
		if a.Mode == AzureFoundry {
			a.APIVersions = []string{"2025-05-01"}
		}
	}
	if a.Project == "" {
		a.Project = "proj"
	}
	if len(a.ResponsesAPIVersions) == 0 && a.Mode == AzureOpenAI {
		a.ResponsesAPIVersions = []string{"2025-04-01-preview"}
	}
	return a
}

// responsesRoute reports whether rest (the path under the mode's prefix)
// belongs to the Responses API.
func responsesRoute(rest string) bool {
	return strings.HasPrefix(rest, "responses") || strings.HasPrefix(rest, "conversations")
}

// prefix is the path the mode serves the API under.
func (a AzureOptions) prefix() string {
	if a.Mode == AzureFoundry {
		return "/api/projects/" + a.Project
	}
	return "/openai"
}

func (a AzureOptions) audience() string {
	if a.Mode == AzureFoundry {
		return AudienceFoundry
	}
	return AudienceAzureOpenAI
}

// basePath is what NewTestServer appends to the server's URL: the endpoint
// a client is configured with.
func (o Options) basePath() string {
	switch {
	case o.Azure == nil:
		return "/v1"
	case o.Azure.Mode == AzureFoundry:
		return o.Azure.withDefaults().prefix()
	}
	return ""
}

// azureError is Azure's error body, {"error":{"code":"...","message":"..."}}.
type azureError struct {
	status  int
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeAzureError(w http.ResponseWriter, e *azureError) {
	writeJSON(w, e.status, map[string]*azureError{"error": e})
}

// azureFrontDoor checks r as Azure's gateway does (path, credentials,
// api-version) and returns it rewritten to the emulator's /v1 route, or the
// error Azure answers.
func (s *Server) azureFrontDoor(r *http.Request) (*http.Request, *azureError) {
	a := s.opts.Azure.withDefaults()
	rest, ok := strings.CutPrefix(r.URL.Path, a.prefix()+"/")
	if !ok {
		return nil, &azureError{status: http.StatusNotFound, Code: "404", Message: "Resource not found"}
	}
	if e := a.checkAuth(r); e != nil {
		return nil, e
	}
	if responsesRoute(rest) && a.Mode == AzureFoundry { // classic agents: threads and runs only
		return nil, &azureError{status: http.StatusNotFound, Code: "404", Message: "Resource not found"}
	}
	if e := a.checkAPIVersion(r.URL.Query()["api-version"], responsesRoute(rest), filesRoute(rest)); e != nil {
		return nil, e
	}
	if a.MissingRole {
		return nil, a.permissionDenied(r.Method, rest)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = "/v1/"+rest, ""
	return r2, nil
}

// checkAuth accepts the api-key (Azure OpenAI only) or a bearer token for the
// mode's audience, with Azure's 401 bodies otherwise.
func (a AzureOptions) checkAuth(r *http.Request) *azureError {
	if key := r.Header.Get("api-key"); key != "" && a.Mode == AzureOpenAI {
		if a.APIKey != "" && key == a.APIKey {
			return nil
		}
		return &azureError{status: http.StatusUnauthorized, Code: "401",
			Message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && a.Tokens != nil && a.Tokens.accept(tok, a.audience()) {
		return nil
	}
	return &azureError{status: http.StatusUnauthorized, Code: "401",
		Message: "Unauthorized. Access token is missing, invalid, audience is incorrect (" + a.audience() + "), or have expired."}
}

// filesRoute reports whether rest is a /files route, which Azure OpenAI
// serves at the api-versions of both protocols.
func filesRoute(rest string) bool { return rest == "files" || strings.HasPrefix(rest, "files/") }

// checkAPIVersion requires one served api-version: of the Responses API
// on its routes (an older one does not know them: 404, as Azure answers),
// of either protocol on the files routes.
func (a AzureOptions) checkAPIVersion(got []string, responses, files bool) *azureError {
	if responses && len(got) == 1 && !slices.Contains(a.ResponsesAPIVersions, got[0]) {
		return &azureError{status: http.StatusNotFound, Code: "404", Message: "Resource not found"}
	}
	switch {
	case len(got) == 0 && a.Mode == AzureOpenAI:
		return &azureError{status: http.StatusNotFound, Code: "404", Message: "Resource not found"}
	case len(got) == 0:
		return &azureError{status: http.StatusBadRequest, Code: "MissingApiVersionParameter",
			Message: "The api-version query parameter (?api-version=) is required for all requests."}
	case len(got) > 1 || !slices.Contains(a.APIVersions, got[0]) && !((responses || files) && slices.Contains(a.ResponsesAPIVersions, got[0])):
		return &azureError{status: http.StatusBadRequest, Code: "BadRequest", Message: "API version not supported"}
	}
	return nil
}

// deniedPrincipal is the object ID PermissionDenied names.
const deniedPrincipal = "3f2a9c1e-7b4d-4e8a-9f10-5c6d7e8f9a0b"

// permissionDenied is Azure's answer to a caller without a role: Azure
// OpenAI's terse one, or Foundry's naming the principal, the data action it
// lacks and the operation (its path with the project as a parameter).
func (a AzureOptions) permissionDenied(method, rest string) *azureError {
	if a.Mode == AzureOpenAI {
		return &azureError{status: http.StatusUnauthorized, Code: "PermissionDenied",
			Message: "Principal does not have access to API/Operation."}
	}
	action := map[string]string{http.MethodGet: "read", http.MethodDelete: "delete"}[method]
	if action == "" {
		action = "write"
	}
	return &azureError{status: http.StatusUnauthorized, Code: "PermissionDenied",
		Message: "The principal `" + deniedPrincipal + "` lacks the required data action " +
			"`Microsoft.CognitiveServices/accounts/AIServices/agents/" + action + "` to perform `" + method +
			" /api/projects/{projectName}/" + rest + "` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions."}
}
