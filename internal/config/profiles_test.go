package config

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

func TestProfilesParse(t *testing.T) {
	got, err := Profiles{DefaultModel: "gpt-4o-mini"}.Parse()
	require.NoError(t, err)
	require.Equal(t, map[string]assistant.Profile{"default": {Model: "gpt-4o-mini"}}, got)

	got, err = Profiles{DefaultModel: "gpt-4o-mini",
		JSON: `{"support":{"model":"gpt-4o","instructions":"Be brief."},"default":{"model":"o3"}}`}.Parse()
	require.NoError(t, err)
	require.Equal(t, assistant.Profile{Model: "gpt-4o", Instructions: "Be brief."}, got["support"])
	require.Equal(t, "o3", got["default"].Model, "ASSISTANT_PROFILES may redefine default")
}

func TestProfilesParseNamesTheFault(t *testing.T) {
	tests := []struct{ name, json, model, want string }{
		{"not json", `{"a":`, "m", "ASSISTANT_PROFILES is not a JSON object"},
		{"unknown field", `{"a":{"model":"m","temp":1}}`, "m", "ASSISTANT_PROFILES"},
		{"no model", `{"a":{"instructions":"x"}}`, "m", `profile "a" has no model`},
		{"bad name", `{"a b":{"model":"m"}}`, "m", `profile name "a b"`},
		{"empty default model", ``, "", "OPENAI_MODEL is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Profiles{JSON: tc.json, DefaultModel: tc.model}.Parse()
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestResponsesProtocolValidatesProfiles(t *testing.T) {
	m := Model{APIKey: "k", RequestTimeout: 1, Protocol: ProtocolResponses,
		Profiles: Profiles{JSON: `{"x":{}}`, DefaultModel: "m"}}
	require.ErrorContains(t, m.Validate(), `profile "x" has no model`)
	m.Protocol = ProtocolAssistants
	require.NoError(t, m.Validate(), "profiles only matter on the responses protocol")
}
