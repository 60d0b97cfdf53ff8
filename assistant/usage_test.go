package assistant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUsageAdd(t *testing.T) {
	tests := []struct {
		name string
		a, b Usage
		want Usage
	}{
		{"zero", Usage{}, Usage{}, Usage{}},
		{"zero left", Usage{}, Usage{1, 2, 3}, Usage{1, 2, 3}},
		{"sum", Usage{10, 5, 15}, Usage{1, 2, 3}, Usage{11, 7, 18}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.a.Add(tc.b))
			require.Equal(t, tc.want, tc.b.Add(tc.a), "commutative")
		})
	}
}

func TestUsageAddDoesNotMutate(t *testing.T) {
	a := Usage{PromptTokens: 1, CompletionTokens: 1, TotalTokens: 2}
	_ = a.Add(Usage{PromptTokens: 5})
	require.Equal(t, Usage{PromptTokens: 1, CompletionTokens: 1, TotalTokens: 2}, a)
}
