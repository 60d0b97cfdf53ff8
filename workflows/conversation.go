package workflows

import (
	"cmp"
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Conversation is one long-lived conversation on one thread. Messages arrive
// as UpdateSendMessage Updates and queue in order; turns run one at a time
// (the API allows one active run per thread), each as a child Run workflow;
// each Update returns its turn's reply. The conversation continues as new
// when Temporal suggests it, ends after its idle timeout, or at once on
// SignalEnd.
func Conversation(ctx workflow.Context, in assistant.ConversationInput) (assistant.ConversationResult, error) {
	c, err := newConversation(ctx, in)
	if err != nil {
		return assistant.ConversationResult{}, err
	}
	return c.run(ctx)
}

// conversation keeps one Conversation run's state; its methods are the steps.
type conversation struct {
	in assistant.ConversationInput // settings, thread, queue, turns, seen: what carries over
	// replies are the answers of turns finished in this run, by turn number;
	// failures the typed errors of those that ended without one.
	replies  map[int]assistant.TurnReply
	failures map[int]error
	seen     map[string]int
	// closing is set once the run stops answering (ended, idle or
	// continuing as new): waiting handlers return instead of waiting.
	closing bool
	ended   bool // SignalEnd received
	endCh   workflow.ReceiveChannel
	reason  string // why the conversation ended
	// running is the number of the turn running now, 0 between turns.
	running int
	// cancelTurn cancels the running turn, nil between turns.
	cancelTurn workflow.CancelFunc
	// workflowID is the conversation's own, the prefix of its turns' IDs.
	workflowID string
	sa         searchAttrs // the thread, once known
	// integrity is versionIntegrity: unique epochs, checked keys and
	// settings, an End received with continue-as-new kept.
	integrity bool
	// invalid is why the conversation cannot start (its key or settings);
	// its Updates are rejected with it and the workflow fails.
	invalid error
}

// versionIntegrity gates what changes commands for running conversations:
// the epoch is the whole first run ID (an 8-character prefix, a timestamp
// of UUIDv7 run IDs, repeated within a minute), keys and settings are
// checked at start, a turn's workflow ID is never reused, and an End that
// comes with continue-as-new ends the conversation.
const versionIntegrity = "conversation-integrity"

func newConversation(ctx workflow.Context, in assistant.ConversationInput) (*conversation, error) {
	c := &conversation{in: in, replies: map[int]assistant.TurnReply{}, failures: map[int]error{}, seen: map[string]int{},
		workflowID: workflow.GetInfo(ctx).WorkflowExecution.ID,
		integrity:  workflow.GetVersion(ctx, versionIntegrity, workflow.DefaultVersion, 1) >= 1}
	if !c.integrity && strings.TrimSpace(in.Settings.AssistantID) == "" {
		return nil, temporal.NewNonRetryableApplicationError("invalid conversation: settings.assistant_id is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	if c.integrity && workflow.GetInfo(ctx).ContinuedExecutionRunID == "" {
		c.invalid = c.check() // a continued run was checked when it started
	}
	if c.in.Epoch == "" {
		c.in.Epoch = c.firstEpoch(ctx)
	}
	if c.in.Settings.IdleTimeout <= 0 {
		c.in.Settings.IdleTimeout = assistant.DefaultIdleTimeout
	}
	for _, s := range in.Seen {
		c.seen[s.UpdateID] = s.Turn
	}
	return c, c.setHandlers(ctx)
}

// firstEpoch names a new conversation instance: its first run ID, unique.
func (c *conversation) firstEpoch(ctx workflow.Context) string {
	info := workflow.GetInfo(ctx)
	first := cmp.Or(info.FirstRunID, info.WorkflowExecution.RunID)
	if !c.integrity {
		return shortID(first)
	}
	return first
}

// check is why a new conversation cannot start: its key or its settings.
func (c *conversation) check() error {
	if _, err := conversationKey(c.workflowID); err != nil {
		return err
	}
	if err := c.in.Settings.Validate(); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}

// run serves turns until the conversation ends or continues as new.
func (c *conversation) run(ctx workflow.Context) (assistant.ConversationResult, error) {
	if c.invalid != nil {
		return assistant.ConversationResult{}, temporal.NewNonRetryableApplicationError("invalid conversation: "+c.invalid.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	for {
		c.showDetails(ctx)
		switch {
		case c.ended:
			return c.finish(ctx, "ended")
		case c.cancelled(ctx):
			return c.finishCancelled(ctx)
		case workflow.GetInfo(ctx).GetContinueAsNewSuggested():
			return c.continueAsNew(ctx)
		case len(c.in.Queue) > 0:
			c.runTurn(ctx)
			continue
		}
		active, err := workflow.AwaitWithTimeout(ctx, c.in.Settings.IdleTimeout, func() bool {
			return c.ended || len(c.in.Queue) > 0 || workflow.GetInfo(ctx).GetContinueAsNewSuggested()
		})
		if err != nil {
			if c.cancelled(ctx) {
				continue // ends as an ended conversation does
			}
			return assistant.ConversationResult{}, err
		}
		if !active && !c.arrivedWithTimeout(ctx) {
			return c.finish(ctx, "idle")
		}
	}
}

// versionIdleRace gates a conversation that goes on (or ends as ended)
// when an End or a message arrives in the workflow task in which its idle
// timer fires. Before it, an End there was taken for idleness: the thread
// was deleted when the settings asked for that on idle. (A message there
// was already safe: its Update handler runs before the timer is seen.)
const versionIdleRace = "conversation-idle-race"

// arrivedWithTimeout reports whether an End or a message came in the very
// workflow task in which the idle timer fired. The End goroutine runs after
// the main coroutine has seen the timer, so it is let run first (settle);
// the version is read only when something did arrive.
func (c *conversation) arrivedWithTimeout(ctx workflow.Context) bool {
	if err := settle(ctx); err != nil || !c.ended && len(c.in.Queue) == 0 {
		return false
	}
	return workflow.GetVersion(ctx, versionIdleRace, workflow.DefaultVersion, 1) >= 1
}

// finish ends the conversation: queued messages are dropped (their callers
// get an error saying so), then every handler is let finish.
func (c *conversation) finish(ctx workflow.Context, reason string) (assistant.ConversationResult, error) {
	c.closing, c.reason = true, reason
	for _, m := range c.in.Queue {
		c.record(assistant.Turn{Number: m.Turn, WorkflowID: c.turnWorkflowID(m.Turn), Status: assistant.TurnDropped, Message: short(m.Text)})
	}
	c.in.Queue = nil
	c.showDetails(ctx)
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return assistant.ConversationResult{}, err
	}
	res := assistant.ConversationResult{ThreadID: c.in.ThreadID, TurnCount: c.in.TurnCount, Reason: reason}
	if c.deletesThread(reason) {
		in := activities.DeleteThreadInput{ThreadID: c.in.ThreadID}
		if err := workflow.ExecuteActivity(shortCall(ctx, "delete thread "+c.in.ThreadID), a.DeleteThread, in).Get(ctx, nil); err != nil {
			return res, err
		}
		res.ThreadDeleted = true
	}
	return res, nil
}

// deletesThread reports whether the settings ask to delete the thread when
// the conversation ends for this reason. DeleteThreadOnEnd is newer than the
// workflow's histories: none of them set it, so no version gate is needed.
func (c *conversation) deletesThread(reason string) bool {
	s := c.in.Settings
	return c.in.ThreadID != "" && (reason == "idle" && s.DeleteThreadOnIdle || reason == "ended" && s.DeleteThreadOnEnd)
}

// continueAsNew starts a fresh history carrying the queue: the handlers of
// queued messages return Pending (their callers await the turn's workflow),
// and continue-as-new waits until every handler has returned. An End
// received meanwhile, or in the same workflow task, ends the conversation
// instead: continuing would drop it with this run's history.
func (c *conversation) continueAsNew(ctx workflow.Context) (assistant.ConversationResult, error) {
	c.closing = true
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return assistant.ConversationResult{}, err
	}
	if c.integrity {
		if err := settle(ctx); err != nil {
			return assistant.ConversationResult{}, err
		}
		if c.ended {
			return c.finish(ctx, "ended")
		}
	}
	next := c.nextInput()
	workflow.GetLogger(ctx).Info("Conversation continues as new", "Queued", len(next.Queue), "Turns", next.TurnCount)
	return assistant.ConversationResult{}, workflow.NewContinueAsNewError(ctx, Conversation, next)
}

// settle lets every other coroutine that can run do so before the run
// decides: a signal that came in this workflow task waits for its receiver
// (the End goroutine), which has not run yet. The new coroutine runs after
// those created before it.
func settle(ctx workflow.Context) error {
	done := false
	workflow.Go(ctx, func(workflow.Context) { done = true })
	return workflow.Await(ctx, func() bool { return done })
}

// nextInput is what continue-as-new carries.
func (c *conversation) nextInput() assistant.ConversationInput {
	next := c.in
	next.Seen = c.recentSeen()
	return next
}
