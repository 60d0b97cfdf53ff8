package config

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/azure"
	"github.com/openai/openai-go/v3/option"
)

// Entra ID token scopes (audiences) of the two Azure services.
const (
	ScopeAzureOpenAI = "https://cognitiveservices.azure.com/.default"
	ScopeFoundry     = "https://ai.azure.com/.default"
)

// NewClient builds the openai-go client of the configured provider (valid
// settings assumed). Retries are off: Temporal owns them. With Entra ID it
// signs in once here, so a credential that cannot sign in stops the worker at
// start. Which headers go where:
//
//   - OpenAI: Authorization: Bearer OPENAI_API_KEY, OpenAI-Organization,
//     OpenAI-Project, to OPENAI_BASE_URL (default OpenAI's).
//   - Azure OpenAI: api-key: AZURE_OPENAI_API_KEY, or Authorization: Bearer
//     <Entra ID token for cognitiveservices.azure.com>, to
//     AZURE_OPENAI_ENDPOINT/openai/...?api-version=AZURE_OPENAI_API_VERSION
//     (default: one serving the protocol, AzureAPIVersionOrDefault).
//   - Foundry: Authorization: Bearer <Entra ID token for ai.azure.com>, to
//     AZURE_AI_PROJECT_ENDPOINT/...?api-version=AZURE_AI_AGENTS_API_VERSION.
//   - OPENAI_CUSTOM_HEADERS (openai-go reads it): to OpenAI-compatible
//     servers only; refused with either Azure provider.
//
// Every request is checked to go to that endpoint before any credential is
// put on it (sameOrigin), whatever options a caller adds.
func (m Model) NewClient(ctx context.Context, extra ...option.RequestOption) (openai.Client, error) {
	endpoint, auth, err := m.endpointAndAuth(ctx)
	if err != nil {
		return openai.Client{}, err
	}
	opts := []option.RequestOption{
		option.WithMiddleware(sameOrigin(endpoint)),
		option.WithMaxRetries(0),
		option.WithRequestTimeout(m.RequestTimeout),
	}
	opts = append(opts, auth...)
	return openai.NewClient(append(opts, extra...)...), nil
}

// endpointAndAuth returns where the provider's requests go and the options
// that address and authenticate them.
func (m Model) endpointAndAuth(ctx context.Context) (string, []option.RequestOption, error) {
	switch m.Provider() {
	case ProviderFoundry:
		base := strings.TrimRight(m.FoundryEndpoint, "/") + "/"
		cred, err := m.signIn(ctx, ScopeFoundry)
		if err != nil {
			return "", nil, err
		}
		opts := []option.RequestOption{
			option.WithBaseURL(base),
			option.WithQuery("api-version", m.FoundryAPIVersion),
			option.WithAPIKey(""), // never an OPENAI_API_KEY from the environment
			option.WithMiddleware(bearer(cred, ScopeFoundry)),
		}
		// openai-go puts OPENAI_CUSTOM_HEADERS on every client it builds;
		// its azure package drops them for Azure OpenAI, and so must
		// Foundry (Validate refuses the variable; this holds without it).
		for _, name := range customHeaderNames(os.Getenv("OPENAI_CUSTOM_HEADERS")) {
			opts = append(opts, option.WithHeaderDel(name))
		}
		return base, opts, nil
	case ProviderAzureOpenAI:
		base := strings.TrimRight(m.AzureEndpoint, "/") + "/"
		opts := []option.RequestOption{azure.WithEndpoint(base, m.AzureAPIVersionOrDefault())}
		if u, _ := url.Parse(base); u.Scheme == "http" {
			opts = append(opts, azure.WithUnsafeAllowHTTP()) // loopback only (Validate)
		}
		if m.AzureAPIKey != "" {
			return base, append(opts, azure.WithAPIKey(m.AzureAPIKey)), nil
		}
		cred, err := m.signIn(ctx, ScopeAzureOpenAI)
		if err != nil {
			return "", nil, err
		}
		return base, append(opts, azure.WithTokenCredential(cred)), nil
	}
	base := m.BaseURL
	if base == "" {
		base = "https://api.openai.com/v1/"
	}
	opts := []option.RequestOption{option.WithBaseURL(base), option.WithAPIKey(m.APIKey)}
	if m.OrgID != "" {
		opts = append(opts, option.WithOrganization(m.OrgID))
	}
	if m.ProjectID != "" {
		opts = append(opts, option.WithProject(m.ProjectID))
	}
	return base, opts, nil
}

// customHeaderNames are the header names of an OPENAI_CUSTOM_HEADERS value,
// parsed as openai-go parses it ("Name: value" lines).
func customHeaderNames(v string) []string {
	var names []string
	for _, line := range strings.Split(v, "\n") {
		if name, _, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) != "" {
			names = append(names, strings.TrimSpace(name))
		}
	}
	return names
}

// sameOrigin refuses, before anything is sent, a request whose URL is not
// under base (scheme, host, port and path prefix): the provider's key or token
// is only ever sent to the endpoint it was configured for.
func sameOrigin(base string) option.Middleware {
	want, _ := url.Parse(strings.TrimRight(base, "/"))
	return func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		u := r.URL
		if !strings.EqualFold(u.Scheme, want.Scheme) || !strings.EqualFold(u.Host, want.Host) ||
			!strings.HasPrefix(u.Path, want.Path) {
			return nil, fmt.Errorf("refused a request to %s://%s%s: not the configured endpoint %s, which alone gets the credentials",
				u.Scheme, u.Host, u.Path, want.Redacted())
		}
		return next(r)
	}
}
