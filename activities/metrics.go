package activities

import (
	"net/http"
	"strconv"

	"github.com/openai/openai-go/v3/option"
	tclient "go.temporal.io/sdk/client"
)

// MetricAPIErrors counts the model API's error answers by HTTP status code
// ("connection" when no answer came at all).
const MetricAPIErrors = "durable_assistants_api_errors"

// APIMetrics is an openai-go middleware counting the model API's errors by
// status code into h. It sits at the HTTP layer, so every call counts —
// polls, creates, submits, streams — each attempt once.
func APIMetrics(h tclient.MetricsHandler) option.Middleware {
	return func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		code := ""
		switch {
		case err != nil && req.Context().Err() == nil:
			code = "connection"
		case err == nil && resp.StatusCode >= 400:
			code = strconv.Itoa(resp.StatusCode)
		}
		if code != "" {
			h.WithTags(map[string]string{"status_code": code}).Counter(MetricAPIErrors).Inc(1)
		}
		return resp, err
	}
}
