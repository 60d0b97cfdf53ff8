package codec

import (
	"bytes"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
)

// FuzzDecode: whatever an encrypted-looking payload holds (a history can be
// written by anyone with namespace access), Decode returns an error or a
// payload, never panics, and accepts only what this key sealed (the seed's
// "hello"; the fuzzing workers seal it afresh, with another nonce).
func FuzzDecode(f *testing.F) {
	c, _ := New(testKey("k1", 1), testKey("k0", 2))
	good, _ := c.Encode([]*commonpb.Payload{{Data: []byte(`"hello"`)}})
	f.Add(good[0].GetData(), "k1")
	f.Add([]byte{}, "k1")
	f.Add(bytes.Repeat([]byte{0}, 40), "k0")
	f.Add([]byte("short"), "nope")
	f.Fuzz(func(t *testing.T, data []byte, keyID string) {
		p := &commonpb.Payload{Data: data, Metadata: map[string][]byte{
			converter.MetadataEncoding: []byte(Encoding), MetadataKeyID: []byte(keyID)}}
		out, err := c.Decode([]*commonpb.Payload{p})
		if err == nil && !(keyID == "k1" && len(out) == 1 && string(out[0].GetData()) == `"hello"`) {
			t.Fatalf("accepted a payload it did not seal: %x -> %v", data, out)
		}
	})
}

// FuzzLoad: any PAYLOAD_CODEC_KEYS value parses or fails with an error;
// one that parses has a valid first key ID.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{"k1:" + b64(testKey("k", 1)), "a:b,c:d", ":", ",", "k1:" + b64(testKey("k", 1)) + ",k1:x",
		"bad id:" + b64(testKey("k", 1))} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		c, err := Load(spec, "")
		if err != nil || c == nil {
			return
		}
		if ValidateKeyID(c.EncryptKeyID()) != nil {
			t.Fatalf("loaded an invalid key ID %q", c.EncryptKeyID())
		}
	})
}
