package workflows

import (
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionEncodedLimits marks runs refused by the limits on encoded size (and
// on instructions and IDs), which runs started before them did not meet.
const versionEncodedLimits = "encoded-limits"

// validate refuses a bad request before anything is sent. A request that
// only the stricter limits refuse may belong to a run started before them,
// which must replay as it ran: the refusal is recorded as a version, so a
// run without the marker goes on. The marker is written only on that path,
// so valid runs keep their history as it was.
func (r *runner) validate(ctx workflow.Context) error {
	err := r.req.Validate()
	if err == nil {
		return nil
	}
	if legacyValid(r.req) && workflow.GetVersion(ctx, versionEncodedLimits, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	return temporal.NewNonRetryableApplicationError("invalid run request: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
}

// legacyValid is the check before the encoded-size limits: a set assistant
// ID, a message of at most MaxMessageBytes raw bytes of UTF-8, the mode and
// the metadata (which the probe, valid in every other field, checks).
func legacyValid(req assistant.RunRequest) bool {
	probe := assistant.RunRequest{AssistantID: "a", Message: "x", Mode: req.Mode, Metadata: req.Metadata}
	return strings.TrimSpace(req.AssistantID) != "" && strings.TrimSpace(req.Message) != "" &&
		len(req.Message) <= assistant.MaxMessageBytes && utf8.ValidString(req.Message) && probe.Validate() == nil
}
