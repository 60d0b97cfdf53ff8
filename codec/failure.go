package codec

import (
	failurepb "go.temporal.io/api/failure/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/proto"
)

// FailureConverter stores an error's message and stack trace encrypted too
// (the SDK's EncodeCommonAttributes): an API error body or a tool's error
// can quote the user's text, and failures are not payloads otherwise. nil
// gives the SDK's default.
func FailureConverter(c converter.PayloadCodec) converter.FailureConverter {
	if c == nil {
		return temporal.GetDefaultFailureConverter()
	}
	return decodeACopy{temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
		DataConverter: DataConverter(c), EncodeCommonAttributes: true})}
}

// decodeACopy decodes a copy of the failure it is given. The SDK's converter
// decrypts the message and stack trace in place, and for a local activity
// that fails the failure it decodes is the one of the marker command it is
// about to send: the plaintext message went to history beside its
// encrypted copy.
type decodeACopy struct{ converter.FailureConverter }

func (d decodeACopy) FailureToError(f *failurepb.Failure) error {
	if f == nil {
		return nil
	}
	return d.FailureConverter.FailureToError(proto.Clone(f).(*failurepb.Failure))
}
