package tools

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata" // the worker image may have no zoneinfo; embed it so every IANA name works
)

// currentTimeArgs are the arguments of the current_time tool.
type currentTimeArgs struct {
	Timezone string `json:"timezone" desc:"IANA time zone name, e.g. Europe/Paris or America/New_York; UTC if unsure"`
}

// currentTimeResult is the result of the current_time tool.
type currentTimeResult struct {
	Timezone string `json:"timezone"`
	Time     string `json:"time"` // RFC 3339
	Weekday  string `json:"weekday"`
}

// currentTimeTool tells the time in a zone; now is the clock, so tests can fix it.
func currentTimeTool(now func() time.Time) Tool {
	return Func("current_time", "Get the current date, time and weekday in an IANA time zone.",
		func(_ context.Context, a currentTimeArgs) (currentTimeResult, error) {
			// "Local" and "" would answer with the worker's own zone, which means nothing to the user.
			if a.Timezone == "" || a.Timezone == "Local" {
				return currentTimeResult{}, fmt.Errorf("timezone %q is not an IANA time zone name such as Europe/Paris or UTC", a.Timezone)
			}
			loc, err := time.LoadLocation(a.Timezone)
			if err != nil {
				return currentTimeResult{}, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Paris or UTC", a.Timezone)
			}
			t := now().In(loc)
			return currentTimeResult{Timezone: loc.String(), Time: t.Format(time.RFC3339), Weekday: t.Weekday().String()}, nil
		})
}
