package config

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// DefaultProfile is the profile every worker on the responses protocol has:
// OPENAI_MODEL with no instructions, unless ASSISTANT_PROFILES redefines it.
const DefaultProfile = "default"

// Profiles are the assistants of the responses protocol, which has no
// assistant object: a run names a profile as its assistant ID, and the worker
// sends the profile's model and instructions with every response.
type Profiles struct {
	// JSON is ASSISTANT_PROFILES, e.g.
	// {"support":{"model":"gpt-4o","instructions":"Answer briefly."}}.
	JSON string `env:"ASSISTANT_PROFILES"`
	// DefaultModel is OPENAI_MODEL, the model of the built-in default profile.
	DefaultModel string `env:"OPENAI_MODEL" envDefault:"gpt-4o-mini"`
}

// profileName keeps names usable as assistant IDs and in metadata.
var profileName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// Parse returns the profiles by name, the default one included, or an error
// naming ASSISTANT_PROFILES or OPENAI_MODEL and the bad entry.
func (p Profiles) Parse() (map[string]assistant.Profile, error) {
	out := map[string]assistant.Profile{}
	if strings.TrimSpace(p.JSON) != "" {
		dec := json.NewDecoder(strings.NewReader(p.JSON))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&out); err != nil {
			return nil, fmt.Errorf(`ASSISTANT_PROFILES is not a JSON object of {"name":{"model":"...","instructions":"..."}}: %v`, err)
		}
	}
	for name, pr := range out {
		if !profileName.MatchString(name) {
			return nil, fmt.Errorf("ASSISTANT_PROFILES: profile name %q must be 1-64 letters, digits, '_', '.' or '-'", name)
		}
		if strings.TrimSpace(pr.Model) == "" {
			return nil, fmt.Errorf("ASSISTANT_PROFILES: profile %q has no model", name)
		}
	}
	if _, ok := out[DefaultProfile]; !ok {
		if strings.TrimSpace(p.DefaultModel) == "" {
			return nil, fmt.Errorf("OPENAI_MODEL is empty; it is the model of the %q profile", DefaultProfile)
		}
		out[DefaultProfile] = assistant.Profile{Model: p.DefaultModel}
	}
	return out, nil
}
