package client

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

type weather struct {
	City  string  `json:"city" desc:"the city"`
	TempC float64 `json:"temp_c"`
	Sky   string  `json:"sky" enum:"clear,cloudy,rain"`
}

func TestSchemaFormatIsStrictSchemaOfType(t *testing.T) {
	f, err := SchemaFormat[weather]("weather")
	require.NoError(t, err)
	require.Equal(t, assistant.FormatJSONSchema, f.Type)
	require.True(t, f.JSONSchema.Strict)
	require.Equal(t, "weather", f.JSONSchema.Name)
	require.ElementsMatch(t, []string{"city", "temp_c", "sky"}, f.JSONSchema.Schema["required"])
	require.NoError(t, assistant.RunRequest{AssistantID: "a", Message: "m", Overrides: &assistant.RunOverrides{ResponseFormat: f}}.Validate())

	_, err = SchemaFormat[string]("s")
	require.ErrorContains(t, err, "struct or a map")
	require.Equal(t, "weather", schemaName(typeOf[weather]()))
	require.Equal(t, "reply", schemaName(typeOf[map[string]int]()))
}

func TestDecodeReply(t *testing.T) {
	ok := assistant.Result{Status: assistant.StatusCompleted, APIRunID: "run_1", Reply: `{"city":"Paris","temp_c":21.5,"sky":"clear"}`}
	w, err := DecodeReply[weather](ok)
	require.NoError(t, err)
	require.Equal(t, weather{City: "Paris", TempC: 21.5, Sky: "clear"}, w)

	for name, res := range map[string]assistant.Result{
		"not completed": {Status: assistant.StatusFailed, Reply: `{}`},
		"not json":      {Status: assistant.StatusCompleted, Reply: `Echo: hi`},
		"unknown field": {Status: assistant.StatusCompleted, Reply: `{"city":"Paris","wind":3}`},
		"two values":    {Status: assistant.StatusCompleted, Reply: `{"city":"Paris"} {}`},
		"wrong type":    {Status: assistant.StatusCompleted, Reply: `{"temp_c":"hot"}`},
	} {
		_, err := DecodeReply[weather](res)
		require.Error(t, err, name)
	}
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
