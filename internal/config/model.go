package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// Protocols the engine speaks (docs/design.md#protocols).
const (
	ProtocolAssistants = "assistants"
	ProtocolResponses  = "responses"
)

// Providers: who serves the model API, chosen by which endpoint is set.
const (
	ProviderOpenAI      = "openai"        // OpenAI or a compatible server; bearer key
	ProviderAzureOpenAI = "azure-openai"  // Azure OpenAI; api-key or Microsoft Entra ID
	ProviderFoundry     = "azure-foundry" // Azure AI Foundry classic agents; Entra ID only
)

// Model is how the worker reaches the model API. Secrets live only here, in
// the worker's environment.
type Model struct {
	APIKey        string `env:"OPENAI_API_KEY"`
	BaseURL       string `env:"OPENAI_BASE_URL"`
	OrgID         string `env:"OPENAI_ORG_ID"`
	ProjectID     string `env:"OPENAI_PROJECT_ID"`
	AzureEndpoint string `env:"AZURE_OPENAI_ENDPOINT"`
	AzureAPIKey   string `env:"AZURE_OPENAI_API_KEY"`
	// AzureAPIVersion is AZURE_OPENAI_API_VERSION as given; empty picks the
	// protocol's (AzureAPIVersionOrDefault).
	AzureAPIVersion string `env:"AZURE_OPENAI_API_VERSION"`
	// FoundryEndpoint is an Azure AI Foundry project endpoint,
	// https://<resource>.services.ai.azure.com/api/projects/<project>.
	FoundryEndpoint   string `env:"AZURE_AI_PROJECT_ENDPOINT"`
	FoundryAPIVersion string `env:"AZURE_AI_AGENTS_API_VERSION" envDefault:"2025-05-01"`
	// CustomHeaders is openai-go's own OPENAI_CUSTOM_HEADERS ("Name: value"
	// lines), which it puts on every request of a client built from the
	// environment. Read here only to refuse it with Azure: its values (a
	// gateway's key, say) are meant for an OpenAI-compatible server.
	CustomHeaders string `env:"OPENAI_CUSTOM_HEADERS"`
	// AllowInsecureHTTP lets the key travel over http:// to a host that is
	// not loopback (OpenAI-compatible servers only; never Azure credentials).
	AllowInsecureHTTP bool `env:"OPENAI_ALLOW_INSECURE_HTTP"`
	// Protocol is OPENAI_PROTOCOL as given; empty picks the provider's
	// default (see ProtocolOrDefault).
	Protocol       string        `env:"OPENAI_PROTOCOL"`
	RequestTimeout time.Duration `env:"OPENAI_REQUEST_TIMEOUT" envDefault:"60s"`
	Profiles
	// Credential signs in to Entra ID when Azure is used without a key;
	// nil: azidentity's default chain (workload identity, managed identity,
	// Azure CLI, ...). Tests set it.
	Credential azcore.TokenCredential `env:"-"`
}

// Provider is who serves the model API: Foundry when its project endpoint is
// set, else Azure OpenAI when its endpoint is set, else OpenAI (or a
// compatible server at OPENAI_BASE_URL).
func (m Model) Provider() string {
	switch {
	case m.FoundryEndpoint != "":
		return ProviderFoundry
	case m.AzureEndpoint != "":
		return ProviderAzureOpenAI
	}
	return ProviderOpenAI
}

// Azure OpenAI api-versions: the default for each protocol, and the first
// that served the Responses API.
const (
	AzureAssistantsAPIVersion     = "2024-05-01-preview"
	AzureResponsesAPIVersion      = "2025-04-01-preview"
	azureFirstResponsesAPIVersion = "2025-03-01-preview"
)

// AzureAPIVersionOrDefault is the api-version sent to Azure OpenAI:
// AZURE_OPENAI_API_VERSION when set, else one that serves the protocol.
func (m Model) AzureAPIVersionOrDefault() string {
	switch {
	case m.AzureAPIVersion != "":
		return m.AzureAPIVersion
	case m.ProtocolOrDefault() == ProtocolResponses:
		return AzureResponsesAPIVersion
	}
	return AzureAssistantsAPIVersion
}

// Azure reports whether the worker talks to Azure (OpenAI or Foundry).
func (m Model) Azure() bool { return m.Provider() != ProviderOpenAI }

// ProtocolOrDefault is the protocol the worker speaks: OPENAI_PROTOCOL when
// set, else the provider's default (DefaultProtocol).
func (m Model) ProtocolOrDefault() string {
	if m.Protocol != "" {
		return m.Protocol
	}
	return DefaultProtocol(m.BaseURL, m.AzureEndpoint+m.FoundryEndpoint)
}

// DefaultProtocol is the protocol a provider speaks best: responses for
// OpenAI's own endpoint (no OPENAI_BASE_URL, or api.openai.com), whose
// Assistants endpoints were sunset on 2026-08-26; assistants for Azure OpenAI
// and any other base URL (Assistants-compatible servers, the emulator), which
// may not serve the Responses API. azureEndpoint is AZURE_OPENAI_ENDPOINT or
// AZURE_AI_PROJECT_ENDPOINT (Foundry agents serve assistants only).
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

// Validate checks the model settings, naming the variables at fault.
func (m Model) Validate() error {
	if err := m.validateProvider(); err != nil {
		return err
	}
	switch m.ProtocolOrDefault() {
	case ProtocolAssistants:
	case ProtocolResponses:
		if m.Provider() == ProviderFoundry {
			return fmt.Errorf("OPENAI_PROTOCOL=responses: Azure AI Foundry agents (AZURE_AI_PROJECT_ENDPOINT) serve the assistants protocol only")
		}
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

// validateProvider checks the chosen provider's variables and refuses those of
// another provider: a key must only ever reach the endpoint it belongs to.
func (m Model) validateProvider() error {
	switch m.Provider() {
	case ProviderFoundry:
		if err := conflicts("AZURE_AI_PROJECT_ENDPOINT", "Azure AI Foundry agents sign in with Microsoft Entra ID only",
			"AZURE_OPENAI_ENDPOINT", m.AzureEndpoint, "AZURE_OPENAI_API_KEY", m.AzureAPIKey,
			"OPENAI_BASE_URL", m.BaseURL, "OPENAI_ORG_ID", m.OrgID, "OPENAI_PROJECT_ID", m.ProjectID,
			"OPENAI_CUSTOM_HEADERS", m.CustomHeaders); err != nil {
			return err
		}
		if err := checkEndpoint("AZURE_AI_PROJECT_ENDPOINT", m.FoundryEndpoint, false); err != nil {
			return err
		}
		if u, _ := url.Parse(m.FoundryEndpoint); !foundryPath.MatchString(u.Path) {
			return fmt.Errorf("AZURE_AI_PROJECT_ENDPOINT=%q is not a project endpoint, https://<resource>.services.ai.azure.com/api/projects/<project>", m.FoundryEndpoint)
		}
		return required("AZURE_AI_AGENTS_API_VERSION", m.FoundryAPIVersion)
	case ProviderAzureOpenAI:
		if err := conflicts("AZURE_OPENAI_ENDPOINT", "they are for OpenAI-compatible servers",
			"OPENAI_BASE_URL", m.BaseURL, "OPENAI_ORG_ID", m.OrgID, "OPENAI_PROJECT_ID", m.ProjectID,
			"OPENAI_CUSTOM_HEADERS", m.CustomHeaders); err != nil {
			return err
		}
		if err := checkEndpoint("AZURE_OPENAI_ENDPOINT", m.AzureEndpoint, false); err != nil {
			return err
		}
		if u, _ := url.Parse(m.AzureEndpoint); strings.Trim(u.Path, "/") != "" {
			return fmt.Errorf("AZURE_OPENAI_ENDPOINT=%q has a path: give the resource endpoint only, e.g. https://x.openai.azure.com", m.AzureEndpoint)
		}
		// api-versions are dates (YYYY-MM-DD[-preview]): they compare as strings.
		if v := m.AzureAPIVersionOrDefault(); m.ProtocolOrDefault() == ProtocolResponses && v < azureFirstResponsesAPIVersion {
			return fmt.Errorf("OPENAI_PROTOCOL=responses on Azure OpenAI needs AZURE_OPENAI_API_VERSION=%s or later (the Responses API came with %s); it is %s",
				AzureResponsesAPIVersion, azureFirstResponsesAPIVersion, v)
		}
		return nil
	}
	if m.AzureAPIKey != "" {
		return fmt.Errorf("AZURE_OPENAI_API_KEY is set but AZURE_OPENAI_ENDPOINT is not")
	}
	if m.APIKey == "" {
		return fmt.Errorf("OPENAI_API_KEY is required (or AZURE_OPENAI_ENDPOINT, or AZURE_AI_PROJECT_ENDPOINT)")
	}
	if m.BaseURL != "" {
		return checkEndpoint("OPENAI_BASE_URL", m.BaseURL, m.AllowInsecureHTTP)
	}
	return nil
}

// foundryPath is the path of a Foundry project endpoint.
var foundryPath = regexp.MustCompile(`^/api/projects/[^/]+/?$`)

// conflicts names every variable of nameValues that is set alongside chosen.
func conflicts(chosen, why string, nameValues ...string) error {
	var set []string
	for i := 0; i < len(nameValues); i += 2 {
		if nameValues[i+1] != "" {
			set = append(set, nameValues[i])
		}
	}
	if len(set) == 0 {
		return nil
	}
	return fmt.Errorf("%s is set, so unset %s (%s)", chosen, strings.Join(set, ", "), why)
}

func required(name, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s must not be empty", name)
	}
	return nil
}

// checkEndpoint requires an http(s) URL; http:// only to a loopback host
// (the credentials would travel in clear text) unless allowHTTP.
func checkEndpoint(name, v string, allowHTTP bool) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s=%q is not an http(s) URL", name, v)
	}
	if u.Scheme == "https" || loopback(u.Hostname()) || allowHTTP {
		return nil
	}
	hint := "use https://"
	if name == "OPENAI_BASE_URL" {
		hint += " or set OPENAI_ALLOW_INSECURE_HTTP=true"
	}
	return fmt.Errorf("%s=%q: http:// to a host that is not loopback would send the credentials in clear text; %s", name, v, hint)
}

// loopback reports whether host is localhost or a loopback IP.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
