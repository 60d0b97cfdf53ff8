package cluster

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Namespace is the namespace the harness registers, as the dev server has.
const Namespace = "default"

// registerNamespace registers the namespace and the workflows' search
// attributes, then waits until the frontend serves both (its namespace
// cache refreshes every few seconds).
func registerNamespace(ctx context.Context, tc client.Client) error {
	_, err := tc.WorkflowService().RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace:                        Namespace,
		WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
	})
	var exists *serviceerror.NamespaceAlreadyExists
	if err != nil && !errors.As(err, &exists) {
		return fmt.Errorf("register namespace %s: %w", Namespace, err)
	}
	return retry(ctx, 30*time.Second, func() error {
		if _, err := tc.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
			Namespace: Namespace, SearchAttributes: assistant.SearchAttributeTypes(),
		}); err != nil {
			var exists *serviceerror.AlreadyExists
			if !errors.As(err, &exists) {
				return fmt.Errorf("add search attributes: %w", err)
			}
		}
		resp, err := tc.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: Namespace})
		if err != nil {
			return err
		}
		for name := range assistant.SearchAttributeTypes() {
			if _, ok := resp.GetCustomAttributes()[name]; !ok {
				return fmt.Errorf("search attribute %s not listed yet", name)
			}
		}
		return nil
	})
}

// retry calls f until it succeeds or d has passed; the error is f's last.
func retry(ctx context.Context, d time.Duration, f func() error) error {
	deadline := time.Now().Add(d)
	for {
		err := f()
		if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
