package workflows

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// The model test drives one conversation key through random sequences of
// sends, ends, continue-as-new suggestions and idle gaps, running each
// workflow run in the test suite and carrying what a run leaves (its
// continue-as-new input, the events it did not see) to the next run, or to
// a new conversation under the same key once one ends. It then checks
// every send against what a caller must get: the echo of its own text, or
// an error saying the conversation ended, and only when it did.

type modelEvent struct {
	kind string // send, end, can
	gap  time.Duration
	id   string // send: message ID and text
}

const (
	modelIdle     = time.Hour
	modelTurnTime = 30 * time.Second
	modelWindow   = 200
)

func modelEvents(rnd *rand.Rand, n int) []modelEvent {
	evs := make([]modelEvent, n)
	for i := range evs {
		// Bursts queue messages behind a turn; pauses let the queue drain.
		gap := time.Duration(1+rnd.IntN(5)) * time.Second
		if rnd.IntN(10) < 3 {
			gap = time.Duration(30+rnd.IntN(120)) * time.Second
		}
		ev := modelEvent{kind: "send", gap: gap, id: fmt.Sprintf("m%d", i)}
		switch r := rnd.IntN(20); {
		case r < 2:
			ev.kind = "end"
		case r < 4:
			ev.kind = "can"
		case r < 5:
			ev.gap = modelIdle + time.Minute // the conversation idles out first
		}
		evs[i] = ev
	}
	return evs
}

// modelWorld is what outlives one workflow run: the "server" (turn results
// by workflow ID), what each send got, and which instance took each message.
type modelWorld struct {
	t        *testing.T
	turns    map[string]string // turn workflow ID -> reply, the latest run
	started  map[string]bool   // turn workflow IDs started
	runs     map[string]int    // message text -> Run workflows started
	outcomes map[string]modelOutcome
	instance map[string]int // message -> conversation instance it reached last
	ended    map[int]bool   // instance -> ended by End (not idle)
	order    map[int][]int  // instance -> turn numbers in the order their Runs started
}

type modelOutcome struct {
	reply assistant.TurnReply
	err   error
}

// runOnce runs one workflow run of the conversation; it returns the
// continue-as-new input (nil when the conversation ended) and the events it
// never saw.
func (w *modelWorld) runOnce(inst int, in assistant.ConversationInput, continued bool, evs []modelEvent) (*assistant.ConversationInput, []modelEvent) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: assistant.ConversationWorkflowID("model")})
	if continued {
		env.SetContinuedExecutionRunID("previous")
	}
	env.RegisterWorkflow(Conversation)
	// Registered, not mocked: the test suite does not cancel a mocked child,
	// and an End must cancel the running turn.
	env.RegisterWorkflowWithOptions(
		func(ctx workflow.Context, req assistant.RunRequest) (assistant.Result, error) {
			w.runs[req.Message]++
			id := workflow.GetInfo(ctx).WorkflowExecution.ID
			require.False(w.t, w.started[id], "turn workflow ID %s started twice", id)
			w.started[id] = true
			w.order[inst] = append(w.order[inst], turnNumber(id))
			if err := workflow.Sleep(ctx, modelTurnTime); err != nil {
				return assistant.Result{}, err
			}
			w.turns[id] = "Echo: " + req.Message
			return assistant.Result{ThreadID: "thread_1", Status: assistant.StatusCompleted, Reply: "Echo: " + req.Message}, nil
		}, workflow.RegisterOptions{Name: assistant.WorkflowRun})
	seen := make([]bool, len(evs))
	at := time.Duration(0)
	// The test suite queues at most 1000 callbacks: a run is offered the
	// next modelWindow events (it idles out if it outlives them).
	for i, ev := range evs[:min(len(evs), modelWindow)] {
		at += ev.gap
		env.RegisterDelayedCallback(func() {
			seen[i] = true
			switch ev.kind {
			case "end":
				w.ended[inst] = true
				env.SignalWorkflow(assistant.SignalEnd, nil)
			case "can":
				env.SetContinueAsNewSuggested(true)
			case "send":
				w.send(env, inst, ev.id)
			}
		}, at)
	}
	env.ExecuteWorkflow(Conversation, in)
	require.True(w.t, env.IsWorkflowCompleted())
	var rest []modelEvent
	for i, ev := range evs {
		// A send whose Update never got an answer is retried with its ID,
		// as the client does.
		if !seen[i] || ev.kind == "send" && w.lost(ev.id) {
			rest = append(rest, ev)
		}
	}
	var can *workflow.ContinueAsNewError
	if err := env.GetWorkflowError(); errors.As(err, &can) {
		var next assistant.ConversationInput
		require.NoError(w.t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
		return &next, rest
	} else {
		require.NoError(w.t, err)
	}
	return nil, rest
}

func (w *modelWorld) lost(id string) bool {
	_, ok := w.outcomes[id]
	return !ok
}

func (w *modelWorld) send(env *testsuite.TestWorkflowEnvironment, inst int, id string) {
	// A send is sent again only when it got no outcome: the last instance
	// it reached is the one that answers it.
	w.instance[id] = inst
	env.UpdateWorkflow(assistant.UpdateSendMessage, id, &testsuite.TestUpdateCallback{
		OnReject: func(err error) { w.outcomes[id] = modelOutcome{err: err} },
		OnAccept: func() {},
		OnComplete: func(v any, err error) {
			r, _ := v.(assistant.TurnReply)
			w.outcomes[id] = modelOutcome{reply: r, err: err}
		},
	}, assistant.SendMessageInput{Text: "text " + id})
}

func turnNumber(workflowID string) int {
	n, _ := strconv.Atoi(workflowID[strings.LastIndex(workflowID, "/turn-")+len("/turn-"):])
	return n
}

// await is the client's wait on a Pending reply: the turn's own workflow,
// or, when it never started, the conversation ended before it.
func (w *modelWorld) await(o modelOutcome) modelOutcome {
	if o.err != nil || !o.reply.Pending {
		return o
	}
	if reply, ok := w.turns[o.reply.WorkflowID]; ok {
		o.reply.Reply, o.reply.Pending = reply, false
		return o
	}
	return modelOutcome{err: errors.New("the conversation ended before turn " + strconv.Itoa(o.reply.Turn) + " was answered")}
}

func runModel(t *testing.T, seed uint64, steps int) {
	rnd := rand.New(rand.NewPCG(seed, 14))
	w := &modelWorld{t: t, turns: map[string]string{}, started: map[string]bool{}, runs: map[string]int{}, outcomes: map[string]modelOutcome{},
		instance: map[string]int{}, ended: map[int]bool{}, order: map[int][]int{}}
	evs := modelEvents(rnd, steps)
	var next *assistant.ConversationInput
	inst := 0
	runs := 0
	for ; len(evs) > 0 || next != nil; runs++ {
		require.Less(t, runs, 10*steps+10, "seed %d: the conversation makes no progress", seed)
		in := assistant.ConversationInput{Settings: assistant.ConversationSettings{AssistantID: "asst_1", IdleTimeout: modelIdle},
			// The test suite gives every run the same ID, where the server
			// gives each a new one: the first run ID is supplied here.
			Epoch: fmt.Sprintf("instance-%d", inst)}
		if next != nil {
			in = *next
		} else {
			// No conversation runs: an End or a suggestion reaches nothing,
			// and a message starts one (Update-with-Start).
			for len(evs) > 0 && evs[0].kind != "send" {
				evs = evs[1:]
			}
			if len(evs) == 0 {
				break
			}
			evs[0].gap = 0
		}
		next, evs = w.runOnce(inst, in, next != nil, evs)
		if os.Getenv("CONVERSATION_MODEL_DEBUG") != "" {
			t.Logf("run %d: instance %d, continued %v, %d events left, next event %v", runs, inst, next != nil, len(evs), evs[:min(1, len(evs))])
		}
		if next == nil {
			inst++
		}
	}
	w.check(seed)
	pending, ended, cancelled := 0, 0, 0
	for id, o := range w.outcomes {
		if o.reply.Pending {
			pending++
		}
		if o.err != nil {
			ended++
			if w.runs["text "+id] == 1 {
				cancelled++
			}
		}
	}
	t.Logf("seed %d: %d messages answered or refused (%d awaited through their turn, %d ended, %d of them cancelled while they ran), %d runs, %d conversations",
		seed, len(w.outcomes), pending, ended, cancelled, runs, inst)
}

// check holds every send to the model: its own echo, or an ended error
// only in a conversation that was ended; no message runs twice; turns run
// in the order messages were accepted.
func (w *modelWorld) check(seed uint64) {
	for id, o := range w.outcomes {
		o = w.await(o)
		text := "text " + id
		if o.err != nil {
			require.True(w.t, w.ended[w.instance[id]], "seed %d: %s got %v in a conversation nobody ended", seed, id, o.err)
			require.Regexp(w.t, "ended", o.err.Error(), "seed %d: %s", seed, id)
			var app *temporal.ApplicationError
			if errors.As(o.err, &app) { // from the workflow, not the client's wait
				var ended assistant.EndedTurn
				require.NoError(w.t, app.Details(&ended))
				require.Equal(w.t, w.runs[text] == 1, ended.Cancelled, "seed %d: %s: %v (its turn ran %d times)", seed, id, o.err, w.runs[text])
			}
			continue
		}
		require.Equal(w.t, "Echo: "+text, o.reply.Reply, "seed %d: %s got another message's reply", seed, id)
		require.Equal(w.t, 1, w.runs[text], "seed %d: %s", seed, id)
	}
	for text, n := range w.runs {
		require.Equal(w.t, 1, n, "seed %d: %q ran %d times", seed, text, n)
	}
	for inst, order := range w.order {
		for i := 1; i < len(order); i++ {
			require.Equal(w.t, order[i-1]+1, order[i], "seed %d: instance %d ran turns %v", seed, inst, order)
		}
	}
}

// TestConversationModel: CONVERSATION_MODEL_STEPS events per seed (default
// 40) over CONVERSATION_MODEL_SEEDS seeds (default 5).
func TestConversationModel(t *testing.T) {
	steps, seeds := 40, 5
	if n, err := strconv.Atoi(os.Getenv("CONVERSATION_MODEL_STEPS")); err == nil {
		steps = n
	}
	if n, err := strconv.Atoi(os.Getenv("CONVERSATION_MODEL_SEEDS")); err == nil {
		seeds = n
	}
	for seed := range uint64(seeds) {
		runModel(t, seed, steps)
	}
}
