package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// EnsureSearchAttributes checks that the namespace knows the workflows'
// search attributes (docs/design.md#seen-in-the-temporal-ui). Missing ones are registered when
// register is true; otherwise, or when registering is refused, the error
// names them with the exact commands that add them.
func EnsureSearchAttributes(ctx context.Context, tc client.Client, namespace string, register bool, logger *slog.Logger) error {
	resp, err := tc.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes of namespace %s: %w", namespace, err)
	}
	missing := map[string]enums.IndexedValueType{}
	for name, want := range assistant.SearchAttributeTypes() {
		got, ok := resp.GetCustomAttributes()[name]
		switch {
		case !ok:
			missing[name] = want
		case got != want:
			return fmt.Errorf("search attribute %s of namespace %s is of type %s, the workflows need %s", name, namespace, got, want)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if !register {
		return missingError(namespace, missing, "TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false")
	}
	_, err = tc.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: namespace, SearchAttributes: missing,
	})
	var exists *serviceerror.AlreadyExists
	if err != nil && !errors.As(err, &exists) { // another worker may have been quicker
		return missingError(namespace, missing, "registering them failed: "+err.Error())
	}
	logger.Info("Registered search attributes", "Namespace", namespace, "Names", slices.Sorted(maps.Keys(missing)))
	return nil
}

// missingError names the missing attributes and the commands that add them.
func missingError(namespace string, missing map[string]enums.IndexedValueType, why string) error {
	names := slices.Sorted(maps.Keys(missing))
	var b strings.Builder
	fmt.Fprintf(&b, "search attributes missing in namespace %s: %s (%s); add them with:", namespace, strings.Join(names, ", "), why)
	for _, n := range names {
		fmt.Fprintf(&b, "\n  temporal operator search-attribute create --namespace %s --name %s --type %s", namespace, n, missing[n])
	}
	return fmt.Errorf("%s", b.String())
}
