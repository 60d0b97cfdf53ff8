package integration

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/worker"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/serve"
	"github.com/durable-assistants/durable-assistants/tools"
)

// sendAll sends n messages to one conversation at once and returns the
// replies by message index.
func sendAll(t *testing.T, ctx context.Context, cv *client.Conversations, key string, n int, text func(int) string) []assistant.TurnReply {
	t.Helper()
	replies := make([]assistant.TurnReply, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { replies[i], errs[i] = cv.SendMessage(ctx, key, text(i)) })
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "message %d", i)
	}
	return replies
}

// requireAnsweredInOrder checks that every message got its own echo and that
// turns took the messages in one order, each answered before the next ran.
func requireAnsweredInOrder(t *testing.T, e *env, replies []assistant.TurnReply, text, echo func(int) string) {
	t.Helper()
	type turn struct {
		assistant.TurnReply
		sent string
	}
	turns := make([]turn, len(replies))
	seen := map[int]bool{}
	for i, r := range replies {
		require.Equal(t, "Echo: "+echo(i), r.Reply, "message %d", i)
		require.False(t, seen[r.Turn], "turn %d answered twice", r.Turn)
		seen[r.Turn] = true
		turns[i] = turn{r, text(i)}
	}
	sort.Slice(turns, func(i, j int) bool { return turns[i].Turn < turns[j].Turn })
	require.Equal(t, 1, turns[0].Turn)
	require.Equal(t, len(turns), turns[len(turns)-1].Turn)

	// On the thread, user message and reply alternate in turn order: the
	// emulator refuses a second active run on a thread, so one ran at a time.
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	pages := api.Beta.Threads.Messages.ListAutoPaging(e.ctx(30*time.Second), turns[0].ThreadID,
		openai.BetaThreadMessageListParams{Order: openai.BetaThreadMessageListParamsOrderAsc, Limit: openai.Int(100)})
	var got []string
	for pages.Next() {
		got = append(got, pages.Current().Content[0].Text.Value)
	}
	require.NoError(t, pages.Err())
	var want []string
	for _, tr := range turns {
		want = append(want, tr.sent, tr.Reply)
	}
	require.Equal(t, want, got)
}

// key is a conversation key unique to the test's environment.
func (e *env) key() string { return "conv-" + e.taskQueue }

// awaitClosed waits until the workflow's latest run has closed.
func (e *env) awaitClosed(ctx context.Context, workflowID string, within time.Duration) {
	e.t.Helper()
	require.Eventually(e.t, func() bool {
		d, err := e.tc.DescribeWorkflowExecution(ctx, workflowID, "")
		return err == nil && d.WorkflowExecutionInfo.Status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING
	}, within, 20*time.Millisecond, "workflow %s never closed", workflowID)
}

func TestConversationFiftyConcurrentMessages(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
	text := func(i int) string { return fmt.Sprintf("message %d", i) }

	replies := sendAll(t, e.ctx(3*time.Minute), cv, e.key(), 50, text)
	requireAnsweredInOrder(t, e, replies, text, text)
	st := e.emu.Stats()
	require.Equal(t, 50, st.RunsCreated)
	require.Equal(t, 50, st.UserMessagesCreated)
	require.Equal(t, 1, st.ThreadsCreated)

	// Replies of deeply queued messages come from the turn's own workflow,
	// which can finish a moment before the conversation records it.
	require.Eventually(t, func() bool {
		h, err := cv.History(e.ctx(10*time.Second), e.key())
		if err != nil || h.TurnCount != 50 {
			return false
		}
		for _, turn := range h.Turns {
			if turn.Status != assistant.TurnDone {
				return false
			}
		}
		return true
	}, 10*time.Second, 100*time.Millisecond, "every turn recorded as done")
	require.NoError(t, cv.End(e.ctx(10*time.Second), e.key()))
}

// TestConversationReusedKeyGetsItsOwnReplies: a conversation ended and
// started again under its key at once answers its own messages. The turn
// IDs used to name the instance by the first 8 characters of its run ID, a
// UUIDv7 timestamp that changes every ~65 s, so the new conversation's
// deeply queued messages (awaited through their turn's workflow ID) got the
// ended conversation's replies.
func TestConversationReusedKeyGetsItsOwnReplies(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
	ctx := e.ctx(3 * time.Minute)
	id := assistant.ConversationWorkflowID(e.key())
	for _, round := range []string{"first", "second"} {
		// More messages than wait inside their Update: the rest await their
		// turn's workflow by ID.
		text := func(i int) string { return fmt.Sprintf("%s %d", round, i) }
		replies := sendAll(t, ctx, cv, e.key(), 8, text)
		requireAnsweredInOrder(t, e, replies, text, text)
		require.NoError(t, cv.End(ctx, e.key()))
		e.awaitClosed(ctx, id, 20*time.Second)
	}
	require.Equal(t, 16, e.emu.Stats().RunsCreated)
	require.Equal(t, 2, e.emu.Stats().ThreadsCreated)
}

func TestConversationSurvivesWorkerKillMidTurn(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	w := e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
	ctx := e.ctx(2 * time.Minute)
	first, err := cv.SendMessage(ctx, e.key(), "hello")
	require.NoError(t, err)
	require.Equal(t, "Echo: hello", first.Reply)

	done := make(chan assistant.TurnReply, 1)
	go func() {
		r, err := cv.SendMessage(ctx, e.key(), "hold on\nsleep: 3s")
		if err != nil {
			t.Errorf("second message: %v", err)
		}
		done <- r
	}()
	require.Eventually(t, func() bool { return e.emu.Stats().RunsCreated == 2 }, 20*time.Second, 20*time.Millisecond)
	w.stop(syscall.SIGKILL)
	e.startWorker()

	second := <-done
	require.Equal(t, "Echo: hold on", second.Reply)
	require.Equal(t, 2, second.Turn)
	third, err := cv.SendMessage(ctx, e.key(), "still here?")
	require.NoError(t, err)
	require.Equal(t, "Echo: still here?", third.Reply)
	st := e.emu.Stats()
	require.Equal(t, 3, st.RunsCreated, "no turn ran twice")
	require.Equal(t, 3, st.UserMessagesCreated)
	require.Equal(t, 1, st.ThreadsCreated)
}

func TestConversationContinuesAsNewWithMessagesQueued(t *testing.T) {
	// A server of its own (dev or cluster, as TEMPORAL_SERVER says) that
	// suggests continue-as-new after 60 events instead of the default 4K.
	e, addr := ownServerEnv(t, map[string]any{"limit.historyCount.suggestContinueAsNew": 60})
	e.startWorker("TEMPORAL_ADDRESS=" + addr)
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
	// A little latency per turn keeps messages queued while history grows.
	text := func(i int) string { return fmt.Sprintf("queued %d\nsleep: 50ms", i) }
	echo := func(i int) string { return fmt.Sprintf("queued %d", i) }

	replies := sendAll(t, e.ctx(3*time.Minute), cv, e.key(), 30, text)
	requireAnsweredInOrder(t, e, replies, text, echo)
	require.Equal(t, 30, e.emu.Stats().RunsCreated)

	id := assistant.ConversationWorkflowID(e.key())
	require.Eventually(t, func() bool {
		resp, err := e.tc.ListWorkflow(e.ctx(10*time.Second), &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf("WorkflowId = '%s' AND ExecutionStatus = 'ContinuedAsNew'", id),
		})
		return err == nil && len(resp.Executions) >= 2
	}, 20*time.Second, 200*time.Millisecond, "the conversation never continued as new (twice)")
	h, err := cv.History(e.ctx(10*time.Second), e.key())
	require.NoError(t, err)
	require.Equal(t, 30, h.TurnCount)
	desc, err := e.tc.DescribeWorkflowExecution(e.ctx(10*time.Second), id, "")
	require.NoError(t, err)
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, desc.WorkflowExecutionInfo.Status)
}

// approvalWorker runs an in-process worker whose registry holds a tool that
// requires approval (the worker binary offers only the examples).
func approvalWorker(t *testing.T, e *env) {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Func("wire_money", "Wire money", func(_ context.Context, a struct {
		Amount int `json:"amount" desc:"amount in cents"`
	}) (string, error) {
		return fmt.Sprintf("wired %d", a.Amount), nil
	}, tools.WithApproval(), tools.WithTimeout(time.Second)))
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	acts := activities.New(assistantsapi.New(api), reg, activities.Options{PollInitial: 20 * time.Millisecond, PollMax: 200 * time.Millisecond})
	w := worker.New(e.tc, e.taskQueue, worker.Options{})
	serve.Register(w, acts)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
}

func TestConversationApproval(t *testing.T) {
	const ask = "pay\ncall: wire_money {\"amount\":5}\nexpires_in: 15s"
	cases := []struct {
		name   string
		decide func(ctx context.Context, cv *client.Conversations, key, id string) error
		reply  string
	}{
		{"granted", func(ctx context.Context, cv *client.Conversations, key, id string) error {
			return cv.Approve(ctx, key, id)
		}, "wire_money -> wired 5"},
		{"denied", func(ctx context.Context, cv *client.Conversations, key, id string) error {
			return cv.Deny(ctx, key, id, "not today")
		}, "the user denied this call of wire_money: not today"},
		{"timed out", nil, "no one approved it before the run's deadline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, openaitest.Options{})
			approvalWorker(t, e)
			cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
			ctx := e.ctx(time.Minute)
			done := make(chan assistant.TurnReply, 1)
			go func() {
				r, err := cv.SendMessage(ctx, e.key(), ask)
				if err != nil {
					t.Errorf("send: %v", err)
				}
				done <- r
			}()
			var pending []client.Approval
			require.Eventually(t, func() bool {
				pending, _ = cv.PendingApprovals(ctx, e.key())
				return len(pending) == 1
			}, 20*time.Second, 50*time.Millisecond)
			require.Equal(t, "wire_money", pending[0].Name)
			require.JSONEq(t, `{"amount":5}`, pending[0].Arguments)
			if tc.decide != nil {
				require.NoError(t, tc.decide(ctx, cv, e.key(), pending[0].ToolCallID))
				require.Error(t, cv.Approve(ctx, e.key(), pending[0].ToolCallID), "a call is decided once")
			}
			r := <-done
			require.Contains(t, r.Reply, tc.reply)
			require.Len(t, r.ToolCalls, 1)
		})
	}
}
