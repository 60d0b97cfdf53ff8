package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/proto"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// events reads a closed or open workflow's whole history.
func (w *world) events(ctx context.Context, id string) ([]*historypb.HistoryEvent, error) {
	it := w.tc.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var evs []*historypb.HistoryEvent
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		evs = append(evs, e)
	}
	return evs, nil
}

func size(evs []*historypb.HistoryEvent) int {
	n := 0
	for _, e := range evs {
		n += proto.Size(e)
	}
	return n
}

func (b *bench) history(ctx context.Context) (string, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{})
	if err != nil {
		return "", err
	}
	defer emu.close()
	q, stop, err := b.w.startInProcess("history", emu.url, kitDefault)
	if err != nil {
		return "", err
	}
	defer stop()
	var out strings.Builder
	var last []*historypb.HistoryEvent
	out.WriteString("A run with one round of 3 parallel tool calls (100 ms each), no poll hint; events and bytes (sum of the events' protobuf sizes) of the Run workflow's history. Budget: <= ~40 events, < 64 KiB, flat in run duration.\n\n| model latency (before and after the tools) | events | bytes | GET run requests |\n|---|---|---|---|\n")
	for _, l := range b.cfg.history {
		b.logf("history: model latency %s", l)
		s := shape{modelLatency: l, toolLatency: 100 * time.Millisecond, tools: 3}
		before := emu.requests()
		id, err := workflowPeer(b.w.tc, q, asst, s, "")(ctx, 0)
		if err != nil {
			return "", err
		}
		evs, err := b.w.events(ctx, id)
		if err != nil {
			return "", err
		}
		gets := diff(before, emu.requests())["GET /v1/threads/{thread_id}/runs/{run_id}"]
		fmt.Fprintf(&out, "| %s | %d | %d (%.1f KiB) | %d |\n", l, len(evs), size(evs), float64(size(evs))/1024, gets)
		last = evs
	}
	fmt.Fprintf(&out, "\nEvents of the last run by type: %s\n", byType(last))
	conv, err := b.conversation(ctx, q, asst)
	if err != nil {
		return "", err
	}
	out.WriteString("\n" + conv)
	return out.String(), nil
}

// conversation sends turns to one Conversation and reports how its history
// grows per turn (each turn also has its own child Run history).
func (b *bench) conversation(ctx context.Context, q, asst string) (string, error) {
	cv := client.New(b.w.tc, client.Options{TaskQueue: q}).Conversations(assistant.ConversationSettings{AssistantID: asst, IdleTimeout: time.Minute})
	key := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	var out strings.Builder
	out.WriteString("Conversation (workflows.Conversation, Update-with-Start per message, one child Run per turn; each turn one tool call):\n\n| after turn | conversation events | conversation bytes | this turn's child Run events | child bytes |\n|---|---|---|---|---|\n")
	prevE, prevB := 0, 0
	for i := 1; i <= b.cfg.turns; i++ {
		b.logf("history: conversation turn %d", i)
		s := shape{modelLatency: 100 * time.Millisecond, toolLatency: 50 * time.Millisecond, tools: 1}
		if _, err := cv.SendMessage(ctx, key, s.message()); err != nil {
			return "", err
		}
		evs, err := b.w.events(ctx, assistant.ConversationWorkflowID(key))
		if err != nil {
			return "", err
		}
		child := childRunID(evs)
		cevs, err := b.w.events(ctx, child)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&out, "| %d | %d (+%d) | %d (+%d) | %d | %d |\n", i, len(evs), len(evs)-prevE, size(evs), size(evs)-prevB, len(cevs), size(cevs))
		prevE, prevB = len(evs), size(evs)
	}
	_ = cv.End(ctx, key)
	return out.String(), nil
}

// childRunID is the workflow ID of the last child started in evs.
func childRunID(evs []*historypb.HistoryEvent) string {
	id := ""
	for _, e := range evs {
		if a := e.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
			id = a.GetWorkflowId()
		}
	}
	return id
}

// byType counts events by type, in order of first appearance.
func byType(evs []*historypb.HistoryEvent) string {
	var order []string
	n := map[string]int{}
	for _, e := range evs {
		t := strings.TrimPrefix(e.GetEventType().String(), "EVENT_TYPE_")
		if n[t] == 0 {
			order = append(order, t)
		}
		n[t]++
	}
	parts := make([]string, len(order))
	for i, t := range order {
		parts[i] = fmt.Sprintf("%s %d", t, n[t])
	}
	return strings.Join(parts, ", ")
}
