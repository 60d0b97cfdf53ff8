package serve

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/interceptor"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/worker"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/workflows"
)

func TestTracingInterceptorProducesSpans(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	icpt, err := TracingInterceptor(tp)
	require.NoError(t, err)

	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{icpt}})
	env.RegisterWorkflow(workflows.CreateAssistant)
	var acts *activities.Activities
	env.OnActivity(acts.CreateAssistant, mock.Anything, mock.Anything).Return("asst_1", nil)
	env.ExecuteWorkflow(workflows.CreateAssistant, assistant.CreateAssistantInput{Name: "a", Model: "m"})
	require.NoError(t, env.GetWorkflowError())
	require.NoError(t, tp.ForceFlush(context.Background()))

	var names []string
	for _, sp := range exp.GetSpans() {
		names = append(names, sp.Name)
	}
	require.Contains(t, strings.Join(names, ","), "RunWorkflow:CreateAssistant", "spans: %v", names)
}

func TestMissingSearchAttributesNameTheCommands(t *testing.T) {
	err := missingError("default", map[string]enumspb.IndexedValueType{
		"DaRunId": enumspb.INDEXED_VALUE_TYPE_KEYWORD, "DaTotalTokens": enumspb.INDEXED_VALUE_TYPE_INT,
	}, "TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false")
	require.ErrorContains(t, err, "search attributes missing in namespace default: DaRunId, DaTotalTokens")
	require.ErrorContains(t, err, "temporal operator search-attribute create --namespace default --name DaRunId --type Keyword")
	require.ErrorContains(t, err, "temporal operator search-attribute create --namespace default --name DaTotalTokens --type Int")
}
