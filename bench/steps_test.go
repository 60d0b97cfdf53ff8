package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// stepsOf sums the workflow tasks' waits and runs, and counts a round of
// parallel activities' dispatch once, by its slowest.
func TestStepsOfHistory(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	var evs []*historypb.HistoryEvent
	add := func(ms int, typ enumspb.EventType, attrs func(e *historypb.HistoryEvent)) {
		e := &historypb.HistoryEvent{EventId: int64(len(evs) + 1), EventType: typ, EventTime: timestamppb.New(t0.Add(time.Duration(ms) * time.Millisecond))}
		if attrs != nil {
			attrs(e)
		}
		evs = append(evs, e)
	}
	wft := func(sched, start, done int) {
		add(sched, enumspb.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, nil)
		s := int64(len(evs))
		add(start, enumspb.EVENT_TYPE_WORKFLOW_TASK_STARTED, func(e *historypb.HistoryEvent) {
			e.Attributes = &historypb.HistoryEvent_WorkflowTaskStartedEventAttributes{WorkflowTaskStartedEventAttributes: &historypb.WorkflowTaskStartedEventAttributes{ScheduledEventId: s}}
		})
		st := int64(len(evs))
		add(done, enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, func(e *historypb.HistoryEvent) {
			e.Attributes = &historypb.HistoryEvent_WorkflowTaskCompletedEventAttributes{WorkflowTaskCompletedEventAttributes: &historypb.WorkflowTaskCompletedEventAttributes{StartedEventId: st}}
		})
	}
	activity := func(sched, start int) {
		add(sched, enumspb.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, nil)
		s := int64(len(evs))
		add(start, enumspb.EVENT_TYPE_ACTIVITY_TASK_STARTED, func(e *historypb.HistoryEvent) {
			e.Attributes = &historypb.HistoryEvent_ActivityTaskStartedEventAttributes{ActivityTaskStartedEventAttributes: &historypb.ActivityTaskStartedEventAttributes{ScheduledEventId: s}}
		})
	}
	add(0, enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, nil)
	wft(0, 30, 40)   // waits 30, runs 10
	activity(40, 50) // dispatch 10
	wft(500, 510, 530)
	activity(530, 535) // a round of three: the slowest, 25, counts
	activity(530, 555)
	activity(530, 531)
	got := stepsOf(evs)
	require.Equal(t, stepTimes{events: 15, wfts: 2, firstWFT: 30 * time.Millisecond, wftDispatch: 40 * time.Millisecond,
		wftRun: 30 * time.Millisecond, activities: 4, actDispatch: 35 * time.Millisecond}, got)
}
