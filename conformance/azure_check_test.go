package conformance_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/conformance"
)

// TestAzureCheckerCatchesViolations proves the Azure layer can fail: each
// wrong request yields a violation naming what is wrong.
func TestAzureCheckerCatchesViolations(t *testing.T) {
	const ok = "/openai/threads/t1/runs?api-version=v1"
	key := map[string]string{"api-key": "k"}
	cases := []struct {
		name, method, path, body string
		foundry                  bool
		header                   map[string]string
		want                     string // "" : no violation
	}{
		{"right", "POST", ok, `{"assistant_id":"a"}`, false, key, ""},
		{"right bearer", "POST", ok, `{"assistant_id":"a"}`, false, map[string]string{"Authorization": "Bearer t"}, ""},
		{"create thread and run is its own operation", "POST", "/openai/threads/runs?api-version=v1", `{}`, false, key, ""},
		{"openai path", "POST", "/v1/threads/t1/runs?api-version=v1", `{"assistant_id":"a"}`, false, key, "not under /openai/"},
		{"unknown operation", "PUT", ok, `{}`, false, key, "no operation PUT /threads/t1/runs"},
		{"no api-version", "POST", "/openai/threads/t1/runs", `{"assistant_id":"a"}`, false, key, "api-version"},
		{"other api-version", "POST", "/openai/threads/t1/runs?api-version=v2", `{"assistant_id":"a"}`, false, key, "api-version"},
		{"two api-versions", "POST", ok + "&api-version=v1", `{"assistant_id":"a"}`, false, key, "api-version"},
		{"undeclared query", "GET", "/openai/threads/t1/runs?api-version=v1&bogus=1", "", false, key, `"bogus"`},
		{"declared query", "GET", "/openai/threads/t1/runs?api-version=v1&limit=5&order=desc", "", false, key, ""},
		{"missing body property", "POST", ok, `{"model":"m"}`, false, key, `"assistant_id"`},
		{"body not json", "POST", ok, `nope`, false, key, "not a JSON object"},
		{"no credential", "POST", ok, `{"assistant_id":"a"}`, false, nil, "neither api-key nor a bearer token"},
		{"both credentials", "POST", ok, `{"assistant_id":"a"}`, false, map[string]string{"api-key": "k", "Authorization": "Bearer t"}, "both"},
		{"foundry right", "POST", "/api/projects/p/threads/t1/runs?api-version=v1", `{"assistant_id":"a"}`, true, map[string]string{"Authorization": "Bearer t"}, ""},
		{"foundry key", "POST", "/api/projects/p/threads/t1/runs?api-version=v1", `{"assistant_id":"a"}`, true, map[string]string{"api-key": "k", "Authorization": "Bearer t"}, "Entra ID tokens only"},
		{"foundry azure openai path", "POST", ok, `{"assistant_id":"a"}`, true, map[string]string{"Authorization": "Bearer t"}, "not under /api/projects/p/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			col := &collector{T: t}
			chk := conformance.ValidateAzure(col, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}),
				conformance.AzureCheck{Foundry: tc.foundry, Project: "p", APIVersion: "v1"})
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}

			chk.ServeHTTP(httptest.NewRecorder(), req)

			if tc.want == "" {
				require.Empty(t, chk.Violations())
				return
			}
			require.NotEmpty(t, chk.Violations())
			require.Contains(t, strings.Join(chk.Violations(), "\n"), tc.want)
		})
	}
}

// TestAzureSpecExtract: the committed extract holds seeds/002's operations,
// and the extractor reads the flattened swagger form.
func TestAzureSpecExtract(t *testing.T) {
	require.Contains(t, string(conformance.AzureSpecJSON), `"microsoftAzureSubmittooloutputstorun"`)
	flat := `swagger: '2.0' info: title: T version: 2023-11-06-beta securityDefinitions: ApiKeyAuth: type: apiKey name: api-key in: header ` +
		`OAuth2Auth: type: oauth2 scopes: https://cognitiveservices.azure.com/.default: '' paths: /threads/{threadId}/runs: get: operationId: listRuns ` +
		`parameters: - name: threadId in: path required: true type: string - name: limit in: query required: false type: integer ` +
		`responses: '200': description: x post: operationId: createRun parameters: - name: body in: body required: true schema: type: object ` +
		`properties: assistant_id: type: string required: - assistant_id responses: '200': description: y definitions: X: type: object`

	spec, err := conformance.ExtractAzureSpec(flat, "test")

	require.NoError(t, err)
	require.Equal(t, "2023-11-06-beta", spec.Version)
	require.Equal(t, "api-key", spec.APIKey)
	require.Equal(t, []string{"https://cognitiveservices.azure.com/.default"}, spec.Scopes)
	require.Equal(t, []conformance.AzureOperation{
		{ID: "listRuns", Method: "GET", Path: "/threads/{threadId}/runs", Query: []string{"limit"}},
		{ID: "createRun", Method: "POST", Path: "/threads/{threadId}/runs", BodyRequired: true, BodyProps: []string{"assistant_id"}},
	}, spec.Operations)
}
