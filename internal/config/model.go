package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// Protocols the engine speaks (DESIGN.md §1).
const (
	ProtocolAssistants = "assistants"
	ProtocolResponses  = "responses"
)

// Model is how the worker reaches the model API. Secrets live only here, in
// the worker's environment.
type Model struct {
	APIKey          string `env:"OPENAI_API_KEY"`
	BaseURL         string `env:"OPENAI_BASE_URL"`
	OrgID           string `env:"OPENAI_ORG_ID"`
	ProjectID       string `env:"OPENAI_PROJECT_ID"`
	AzureEndpoint   string `env:"AZURE_OPENAI_ENDPOINT"`
	AzureAPIKey     string `env:"AZURE_OPENAI_API_KEY"`
	AzureAPIVersion string `env:"AZURE_OPENAI_API_VERSION" envDefault:"2024-05-01-preview"`
	// Protocol is OPENAI_PROTOCOL as given; empty picks the provider's
	// default (see ProtocolOrDefault).
	Protocol       string        `env:"OPENAI_PROTOCOL"`
	RequestTimeout time.Duration `env:"OPENAI_REQUEST_TIMEOUT" envDefault:"60s"`
	Profiles
}

// ProtocolOrDefault is the protocol the worker speaks: OPENAI_PROTOCOL when
// set, else the provider's default (DefaultProtocol).
func (m Model) ProtocolOrDefault() string {
	if m.Protocol != "" {
		return m.Protocol
	}
	return DefaultProtocol(m.BaseURL, m.AzureEndpoint)
}

// DefaultProtocol is the protocol a provider speaks best: responses for
// OpenAI's own endpoint (no OPENAI_BASE_URL, or api.openai.com), whose
// Assistants endpoints were sunset on 2026-08-26; assistants for Azure OpenAI
// and any other base URL (Assistants-compatible servers, the emulator), which
// may not serve the Responses API.
func DefaultProtocol(baseURL, azureEndpoint string) string {
	if azureEndpoint != "" {
		return ProtocolAssistants
	}
	if baseURL == "" {
		return ProtocolResponses
	}
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() == "api.openai.com" {
		return ProtocolResponses
	}
	return ProtocolAssistants
}

// Azure reports whether the worker talks to Azure OpenAI.
func (m Model) Azure() bool { return m.AzureEndpoint != "" }

// Validate checks the model settings, naming the variable at fault.
func (m Model) Validate() error {
	if m.Azure() {
		if m.AzureAPIKey == "" {
			return fmt.Errorf("AZURE_OPENAI_API_KEY is required when AZURE_OPENAI_ENDPOINT is set")
		}
		if err := checkURL("AZURE_OPENAI_ENDPOINT", m.AzureEndpoint); err != nil {
			return err
		}
	} else if m.APIKey == "" {
		return fmt.Errorf("OPENAI_API_KEY is required (or AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY)")
	}
	if m.BaseURL != "" {
		if err := checkURL("OPENAI_BASE_URL", m.BaseURL); err != nil {
			return err
		}
	}
	switch m.ProtocolOrDefault() {
	case ProtocolAssistants:
	case ProtocolResponses:
		if _, err := m.Profiles.Parse(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("OPENAI_PROTOCOL=%q is not one of %q, %q", m.Protocol, ProtocolAssistants, ProtocolResponses)
	}
	if m.RequestTimeout <= 0 {
		return fmt.Errorf("OPENAI_REQUEST_TIMEOUT must be positive")
	}
	return nil
}

func checkURL(name, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s=%q is not an http(s) URL", name, v)
	}
	return nil
}

// NewClient builds the openai-go client. Retries are off: Temporal owns them.
func (m Model) NewClient(extra ...option.RequestOption) openai.Client {
	opts := []option.RequestOption{
		option.WithMaxRetries(0),
		option.WithRequestTimeout(m.RequestTimeout),
	}
	if m.Azure() {
		// Azure's data plane: {endpoint}/openai/..., api-version query, api-key
		// header. Set by hand to keep the Azure SDK (azcore) out of the build.
		opts = append(opts,
			option.WithBaseURL(strings.TrimRight(m.AzureEndpoint, "/")+"/openai/"),
			option.WithQuery("api-version", m.AzureAPIVersion),
			option.WithHeader("api-key", m.AzureAPIKey),
			option.WithAPIKey(""))
	} else {
		opts = append(opts, option.WithAPIKey(m.APIKey))
	}
	if m.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(m.BaseURL))
	}
	if m.OrgID != "" {
		opts = append(opts, option.WithOrganization(m.OrgID))
	}
	if m.ProjectID != "" {
		opts = append(opts, option.WithProject(m.ProjectID))
	}
	return openai.NewClient(append(opts, extra...)...)
}
