// Package workflows holds the deterministic side of the engine: the Run
// workflow (the run state machine) and its helpers. It never touches the
// network, the clock or randomness; the API is reached through activities.
package workflows

import "github.com/durable-assistants/durable-assistants/activities"

// a is the bridge to the activities: a nil pointer whose method values name
// the activities to schedule (the worker registers the real struct).
var a *activities.Activities
