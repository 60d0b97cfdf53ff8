package serve

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/workflows"
)

// SweepScheduleID names the sweep's schedule of a task queue: one per queue,
// since each queue's workers may speak to another model API.
func SweepScheduleID(taskQueue string) string {
	return "durable-assistants-sweep-" + taskQueue
}

// registerSweep registers the Sweep workflow and its activity on the worker.
func registerSweep(w worker.Registry, tc client.Client) {
	w.RegisterWorkflowWithOptions(workflows.Sweep, workflow.RegisterOptions{Name: workflows.SweepName})
	w.RegisterActivity(activities.NewVisibility(tc))
}

// keepSweepSchedule ensures the sweep's schedule once the worker polls,
// trying again for a while: a server that has just come up may be slow to
// answer, and the worker must not wait for it (runs work without the
// schedule; only terminated ones keep their API run).
func keepSweepSchedule(ctx context.Context, tc client.Client, taskQueue string, every time.Duration, logger *slog.Logger) {
	const attempts = 6
	for i := 1; ; i++ {
		actx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := EnsureSweepSchedule(actx, tc, taskQueue, every)
		cancel()
		if err == nil || ctx.Err() != nil {
			return
		}
		if i == attempts {
			logger.Error("The sweep schedule could not be created or updated", "Error", err)
			return
		}
		logger.Warn("The sweep schedule could not be created or updated yet; trying again", "Error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Duration(i) * 5 * time.Second):
		}
	}
}

// EnsureSweepSchedule creates the schedule that runs a Sweep every interval
// on the task queue, or updates it to this interval: every worker does it at
// start, so it is idempotent. An interval of 0 deletes it.
func EnsureSweepSchedule(ctx context.Context, tc client.Client, taskQueue string, every time.Duration) error {
	id := SweepScheduleID(taskQueue)
	handle := tc.ScheduleClient().GetHandle(ctx, id)
	if every == 0 {
		var nf *serviceerror.NotFound
		if err := handle.Delete(ctx); err != nil && !errors.As(err, &nf) {
			return err
		}
		return nil
	}
	spec := client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}}
	action := &client.ScheduleWorkflowAction{
		ID:        id,
		Workflow:  workflows.SweepName,
		Args:      []any{workflows.SweepInput{Lookback: 2*every + time.Minute}},
		TaskQueue: taskQueue,
	}
	_, err := tc.ScheduleClient().Create(ctx, client.ScheduleOptions{ID: id, Spec: spec, Action: action})
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return err
	}
	return handle.Update(ctx, client.ScheduleUpdateOptions{DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
		s := in.Description.Schedule
		s.Spec, s.Action = &spec, action
		return &client.ScheduleUpdate{Schedule: &s}, nil
	}})
}
