package openaitest_test

import (
	"context"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestPagination(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	var in []openai.BetaThreadNewParamsMessage
	for range 25 {
		in = append(in, openai.BetaThreadNewParamsMessage{Role: "user",
			Content: openai.BetaThreadNewParamsMessageContentUnion{OfString: openai.String("m")}})
	}
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{Messages: in})
	require.NoError(t, err)

	list := func(p openai.BetaThreadMessageListParams) ([]string, bool) {
		page, err := c.Beta.Threads.Messages.List(ctx, th.ID, p)
		require.NoError(t, err)
		var ids []string
		for _, m := range page.Data {
			ids = append(ids, m.ID)
		}
		return ids, page.HasMore
	}
	asc, more := list(openai.BetaThreadMessageListParams{Order: "asc", Limit: openai.Int(100)})
	require.Len(t, asc, 25)
	require.False(t, more)

	// Default order is desc, default limit 20.
	desc, more := list(openai.BetaThreadMessageListParams{})
	require.Len(t, desc, 20)
	require.True(t, more)
	require.Equal(t, asc[24], desc[0])

	page, more := list(openai.BetaThreadMessageListParams{Order: "asc", Limit: openai.Int(10), After: openai.String(asc[9])})
	require.Equal(t, asc[10:20], page)
	require.True(t, more)
	page, more = list(openai.BetaThreadMessageListParams{Order: "asc", Limit: openai.Int(10), After: openai.String(asc[19])})
	require.Equal(t, asc[20:], page)
	require.False(t, more)
	page, more = list(openai.BetaThreadMessageListParams{Order: "asc", Limit: openai.Int(5), Before: openai.String(asc[10])})
	require.Equal(t, asc[5:10], page)
	require.True(t, more)
	page, _ = list(openai.BetaThreadMessageListParams{Order: "desc", Limit: openai.Int(3), After: openai.String(asc[5])})
	require.Equal(t, []string{asc[4], asc[3], asc[2]}, page)

	// The client's auto-pager follows last_id/has_more.
	iter := c.Beta.Threads.Messages.ListAutoPaging(ctx, th.ID, openai.BetaThreadMessageListParams{Limit: openai.Int(7)})
	n := 0
	for iter.Next() {
		n++
	}
	require.NoError(t, iter.Err())
	require.Equal(t, 25, n)
}
