package main

import (
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
)

// stepTimes is where one run's time went, read from its history: workflow
// tasks (how many, how long each waited for a worker, how long the worker
// took), activities (how long each waited for a worker: the dispatch), and
// the tool round (first CallTool scheduled -> last completed, or, for local
// tools, the workflow task that ran them).
type stepTimes struct {
	events      int // the history's length: each is server work
	wfts        int
	firstWFT    time.Duration // workflow started -> first task started
	wftDispatch time.Duration // sum of scheduled -> started
	wftRun      time.Duration // sum of started -> completed
	activities  int
	actDispatch time.Duration // sum over sequential steps: a round of parallel calls counts its slowest
}

// stepsOf reads a run's history. Activities scheduled by the same workflow
// task run in parallel: their dispatch counts once, the longest.
func stepsOf(evs []*historypb.HistoryEvent) stepTimes {
	s := stepTimes{events: len(evs)}
	at := func(e *historypb.HistoryEvent) time.Time { return e.GetEventTime().AsTime() }
	byID := map[int64]*historypb.HistoryEvent{}
	roundOf := map[int64]int64{} // scheduled event -> the task completed event before it
	roundMax := map[int64]time.Duration{}
	var start time.Time
	var lastCompleted int64
	for _, e := range evs {
		byID[e.GetEventId()] = e
		switch e.GetEventType() {
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
			start = at(e)
		case enumspb.EVENT_TYPE_WORKFLOW_TASK_STARTED:
			s.wfts++
			sch := byID[e.GetWorkflowTaskStartedEventAttributes().GetScheduledEventId()]
			if sch != nil {
				s.wftDispatch += at(e).Sub(at(sch))
			}
			if s.wfts == 1 {
				s.firstWFT = at(e).Sub(start)
			}
		case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
			lastCompleted = e.GetEventId()
			if st := byID[e.GetWorkflowTaskCompletedEventAttributes().GetStartedEventId()]; st != nil {
				s.wftRun += at(e).Sub(at(st))
			}
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
			roundOf[e.GetEventId()] = lastCompleted
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_STARTED:
			s.activities++
			id := e.GetActivityTaskStartedEventAttributes().GetScheduledEventId()
			if sch := byID[id]; sch != nil {
				r := roundOf[id]
				roundMax[r] = max(roundMax[r], at(e).Sub(at(sch)))
			}
		}
	}
	for _, d := range roundMax {
		s.actDispatch += d
	}
	return s
}
