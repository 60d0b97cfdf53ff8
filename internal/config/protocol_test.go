package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProtocolOrDefault(t *testing.T) {
	tests := []struct {
		name string
		m    Model
		want string
	}{
		{"openai", Model{}, ProtocolResponses},
		{"openai base url", Model{BaseURL: "https://api.openai.com/v1"}, ProtocolResponses},
		{"compatible server", Model{BaseURL: "http://localhost:8080/v1"}, ProtocolAssistants},
		{"azure", Model{AzureEndpoint: "https://x.openai.azure.com"}, ProtocolAssistants},
		{"explicit wins", Model{Protocol: ProtocolAssistants}, ProtocolAssistants},
		{"explicit responses on azure", Model{Protocol: ProtocolResponses, AzureEndpoint: "https://x.openai.azure.com"}, ProtocolResponses},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.m.ProtocolOrDefault())
		})
	}
}
