package codec

import (
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// FailureConverter stores an error's message and stack trace encrypted too
// (the SDK's EncodeCommonAttributes): an API error body or a tool's error
// can quote the user's text, and failures are not payloads otherwise. nil
// gives the SDK's default.
func FailureConverter(c converter.PayloadCodec) converter.FailureConverter {
	if c == nil {
		return temporal.GetDefaultFailureConverter()
	}
	return temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
		DataConverter: DataConverter(c), EncodeCommonAttributes: true})
}
