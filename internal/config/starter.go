package config

import "errors"

// Starter is the starter's configuration: Temporal only, never a model key.
type Starter struct {
	Temporal
	// SummaryIncludeText puts the start of the user's message in the UI
	// summary of the workflows it starts (readable by anyone with UI access).
	SummaryIncludeText bool `env:"SUMMARY_INCLUDE_TEXT"`
}

// LoadStarter parses and validates the starter's environment.
func LoadStarter() (Starter, error) {
	s, err := parse[Starter]()
	if err != nil {
		return s, err
	}
	return s, errors.Join(s.Temporal.Validate())
}
