package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	historypb "go.temporal.io/api/history/v1"

	"github.com/durable-assistants/durable-assistants/bench/kit"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

var kitDefault = kit.Tuning{}

func (b *bench) fanout(ctx context.Context) (string, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{PollAfterMs: 100})
	if err != nil {
		return "", err
	}
	defer emu.close()
	q, stop, err := b.w.startInProcess("fanout", emu.url, kitDefault)
	if err != nil {
		return "", err
	}
	defer stop()
	L := b.cfg.fanoutL
	var out strings.Builder
	fmt.Fprintf(&out, "N parallel calls of a tool that takes L = %s; tool phase = first CallTool scheduled -> last CallTool completed (history timestamps). Budget: ~ L + overhead, not N x L.\n\n| N | tool phase | minus L | run wall |\n|---|---|---|---|\n", L)
	for _, n := range b.cfg.fanout {
		b.logf("fanout: N=%d", n)
		s := shape{modelLatency: 100 * time.Millisecond, toolLatency: L, tools: n}
		t0 := time.Now()
		id, err := workflowPeer(b.w.tc, q, asst, s, "")(ctx, n)
		if err != nil {
			return "", err
		}
		wall := time.Since(t0)
		evs, err := b.w.events(ctx, id)
		if err != nil {
			return "", err
		}
		phase := toolPhase(evs)
		fmt.Fprintf(&out, "| %d | %s | %s | %s |\n", n, ms(phase), ms(phase-L), ms(wall))
	}
	return out.String(), nil
}

// toolPhase spans the CallTool activities of a history.
func toolPhase(evs []*historypb.HistoryEvent) time.Duration {
	tools := map[int64]bool{}
	var first, last time.Time
	for _, e := range evs {
		if a := e.GetActivityTaskScheduledEventAttributes(); a != nil && a.GetActivityType().GetName() == "CallTool" {
			tools[e.GetEventId()] = true
			if first.IsZero() {
				first = e.GetEventTime().AsTime()
			}
		}
		if a := e.GetActivityTaskCompletedEventAttributes(); a != nil && tools[a.GetScheduledEventId()] {
			last = e.GetEventTime().AsTime()
		}
	}
	return last.Sub(first)
}
