package main

import (
	"context"
	"fmt"
	"strings"
)

// askApprovals asks about every tool call of the running turn that waits
// for approval and was not asked about yet. The answer is the next input
// line: "y" or "yes" approves, anything else (or end of input) denies, the
// text after "n " being the reason told to the model.
func (ch *chat) askApprovals(ctx context.Context, asked map[string]bool) {
	pending, err := ch.cv.PendingApprovals(ctx, ch.key)
	if err != nil {
		return // between turns, or the turn just ended
	}
	for _, p := range pending {
		if asked[p.ToolCallID] {
			continue
		}
		asked[p.ToolCallID] = true
		fmt.Fprintf(ch.stderr, "approve %s(%s)? [y/N] ", shown(ch.stderr, p.Name), shown(ch.stderr, oneLine(p.Arguments, 200)))
		answer, ok := "", false
		select {
		case <-ctx.Done():
			return
		case answer, ok = <-ch.lines:
		}
		answer = strings.TrimSpace(answer)
		if !ch.prompt {
			fmt.Fprintln(ch.stderr, answer) // echo piped answers, so the log reads well
		}
		if ok && (strings.EqualFold(answer, "y") || strings.EqualFold(answer, "yes")) {
			err = ch.cv.Approve(ctx, ch.key, p.ToolCallID)
		} else {
			err = ch.cv.Deny(ctx, ch.key, p.ToolCallID, denyReason(answer))
		}
		if err != nil {
			fmt.Fprintln(ch.stderr, "error:", shown(ch.stderr, describeFailure(err)))
		}
	}
}

// end ends the conversation.
func (ch *chat) end(ctx context.Context) int {
	if err := ch.cv.End(ctx, ch.key); err != nil {
		fmt.Fprintln(ch.stderr, "error:", shown(ch.stderr, describeFailure(err)))
		return exitTransport
	}
	fmt.Fprintln(ch.stderr, "conversation ended")
	return exitOK
}

// history prints the conversation's recent turns.
func (ch *chat) history(ctx context.Context) {
	st, err := ch.cv.History(ctx, ch.key)
	if err != nil {
		fmt.Fprintln(ch.stderr, "error:", shown(ch.stderr, describeFailure(err)))
		return
	}
	fmt.Fprintf(ch.stdout, "thread %s, %d turns\n", orDash(st.ThreadID), st.TurnCount)
	for _, t := range st.Turns {
		status := string(t.Status)
		if t.RunStatus != "" {
			status += "/" + string(t.RunStatus)
		}
		fmt.Fprintf(ch.stdout, "  %3d %-20s %s -> %s\n", t.Number, status, shown(ch.stdout, oneLine(t.Message, 40)),
			shown(ch.stdout, oneLine(t.Reply, 60)))
	}
}

// denyReason is the answer without a leading "n" or "no".
func denyReason(answer string) string {
	first, rest, _ := strings.Cut(answer, " ")
	if strings.EqualFold(first, "n") || strings.EqualFold(first, "no") {
		return strings.TrimSpace(rest)
	}
	return answer
}
