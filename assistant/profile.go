package assistant

// Profile is the assistant settings a run names by its AssistantID on the
// responses protocol, which has no assistant object.
type Profile struct {
	Model        string `json:"model"`
	Instructions string `json:"instructions,omitempty"`
}
