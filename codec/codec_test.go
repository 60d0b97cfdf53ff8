package codec

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

func testKey(id string, b byte) Key { return Key{ID: id, Secret: bytes.Repeat([]byte{b}, 32)} }

func b64(k Key) string { return base64.StdEncoding.EncodeToString(k.Secret) }

func TestRoundTripHidesPlaintext(t *testing.T) {
	c, err := New(testKey("k1", 1))
	require.NoError(t, err)
	dc := DataConverter(c)
	p, err := dc.ToPayload(map[string]string{"message": "my secret order A-1234"})
	require.NoError(t, err)
	require.NotContains(t, string(p.GetData()), "A-1234")
	require.NotContains(t, p.String(), "json/plain", "the inner encoding is encrypted too")
	require.Equal(t, "k1", string(p.GetMetadata()[MetadataKeyID]))
	require.Equal(t, Encoding, string(p.GetMetadata()[converter.MetadataEncoding]))

	var back map[string]string
	require.NoError(t, dc.FromPayload(p, &back))
	require.Equal(t, "my secret order A-1234", back["message"])
}

func TestTwoEncryptionsDiffer(t *testing.T) {
	c, _ := New(testKey("k1", 1))
	in := []*commonpb.Payload{{Data: []byte("same")}}
	a, err := c.Encode(in)
	require.NoError(t, err)
	b, err := c.Encode(in)
	require.NoError(t, err)
	require.NotEqual(t, a[0].GetData(), b[0].GetData(), "a fresh nonce per payload")
}

// Rotation: a payload written under k1 still decodes once k2 is put first,
// and new payloads name k2.
func TestRotationKeepsOldPayloadsReadable(t *testing.T) {
	old, _ := New(testKey("k1", 1))
	oldP, err := DataConverter(old).ToPayload("written before the rotation")
	require.NoError(t, err)

	rotated, err := New(testKey("k2", 2), testKey("k1", 1))
	require.NoError(t, err)
	var s string
	require.NoError(t, DataConverter(rotated).FromPayload(oldP, &s))
	require.Equal(t, "written before the rotation", s)

	newP, err := DataConverter(rotated).ToPayload("after")
	require.NoError(t, err)
	require.Equal(t, "k2", string(newP.GetMetadata()[MetadataKeyID]))

	// Once k1 is dropped, its payloads fail with an error naming it.
	dropped, _ := New(testKey("k2", 2))
	err = DataConverter(dropped).FromPayload(oldP, &s)
	require.ErrorContains(t, err, `key "k1", which is not configured`)
}

func TestPlainPayloadsPassThrough(t *testing.T) {
	c, _ := New(testKey("k1", 1))
	plain, err := converter.GetDefaultDataConverter().ToPayload("from before the codec")
	require.NoError(t, err)
	var s string
	require.NoError(t, DataConverter(c).FromPayload(plain, &s))
	require.Equal(t, "from before the codec", s)
}

func TestTamperingIsDetected(t *testing.T) {
	c, _ := New(testKey("k1", 1), testKey("k2", 2))
	enc, err := c.Encode([]*commonpb.Payload{{Data: []byte("x")}})
	require.NoError(t, err)

	flipped := &commonpb.Payload{Metadata: enc[0].Metadata, Data: append([]byte(nil), enc[0].Data...)}
	flipped.Data[len(flipped.Data)-1] ^= 1
	_, err = c.Decode([]*commonpb.Payload{flipped})
	require.ErrorContains(t, err, "does not decrypt")

	// Relabelled to the other configured key: the ID is authenticated.
	relabelled := &commonpb.Payload{Data: enc[0].Data, Metadata: map[string][]byte{
		converter.MetadataEncoding: []byte(Encoding), MetadataKeyID: []byte("k2")}}
	_, err = c.Decode([]*commonpb.Payload{relabelled})
	require.ErrorContains(t, err, "does not decrypt")

	short := &commonpb.Payload{Data: []byte{1, 2}, Metadata: enc[0].Metadata}
	_, err = c.Decode([]*commonpb.Payload{short})
	require.ErrorContains(t, err, "too short")
}

func TestNewRejectsBadKeys(t *testing.T) {
	_, err := New()
	require.Error(t, err)
	_, err = New(Key{ID: "k1", Secret: make([]byte, 16)})
	require.ErrorContains(t, err, "want 32")
	_, err = New(testKey("k1", 1), testKey("k1", 2))
	require.ErrorContains(t, err, "twice")
	_, err = New(testKey("bad id", 1))
	require.ErrorContains(t, err, "key ID")
}

func TestLoadFromEnvValues(t *testing.T) {
	k1, k2 := testKey("k1", 1), testKey("k2", 2)
	c, err := Load("k2:"+b64(k2)+", k1:"+b64(k1), "")
	require.NoError(t, err)
	require.Equal(t, "k2", c.EncryptKeyID())

	c, err = Load("", "")
	require.NoError(t, err)
	require.Nil(t, c, "no keys: the codec is off")

	dir := t.TempDir()
	f := filepath.Join(dir, "k1")
	require.NoError(t, os.WriteFile(f, []byte(b64(k1)+"\n"), 0o600))
	c, err = Load("", "k1:"+f)
	require.NoError(t, err)
	require.Equal(t, "k1", c.EncryptKeyID())

	_, err = Load("k1:"+b64(k1), "k1:"+f)
	require.ErrorContains(t, err, "not both")
	_, err = Load("", "k1:"+filepath.Join(dir, "missing"))
	require.ErrorContains(t, err, EnvKeyFiles)
}

// A malformed list never echoes key material: a key pasted without its ID,
// or with a bad ID, is not in the error.
func TestLoadErrorsDoNotEchoKeys(t *testing.T) {
	secret := b64(testKey("k", 7))
	for _, spec := range []string{
		secret,                  // no ID at all
		secret + ":" + secret,   // the key where the ID belongs
		"k1:" + secret[:20],     // too short
		"k1:" + secret + "!!",   // not base64
		"k1:" + secret + ",k1:", // second entry empty
	} {
		_, err := Load(spec, "")
		require.Error(t, err, spec)
		require.NotContains(t, err.Error(), secret[:16], spec)
		require.True(t, strings.HasPrefix(err.Error(), EnvKeys), err.Error())
	}
}

func TestFailureMessagesAreEncrypted(t *testing.T) {
	c, _ := New(testKey("k1", 1))
	fc := FailureConverter(c)
	f := fc.ErrorToFailure(errors.New("the user wrote: my card is 4111"))
	require.NotContains(t, f.String(), "4111")
	require.Contains(t, fc.FailureToError(f).Error(), "my card is 4111")
}

// Decoding a failure leaves it encrypted: the SDK decodes the failure of a
// local activity's marker command before sending that command, so an
// in-place decode put the plaintext message into history.
func TestDecodingLeavesTheFailureEncrypted(t *testing.T) {
	c, _ := New(testKey("k1", 1))
	fc := FailureConverter(c)
	f := fc.ErrorToFailure(temporal.NewApplicationError("create thread: the user wrote: my card is 4111", "T",
		errors.New("cause quoting 4111")))
	before := f.String()
	err := fc.FailureToError(f)
	require.Contains(t, err.Error(), "my card is 4111", "the error reads in the clear")
	require.Equal(t, before, f.String(), "the failure itself is unchanged")
	require.NotContains(t, f.String(), "4111")
	require.NotContains(t, fc.ErrorToFailure(err).String(), "4111", "failing with the decoded error encrypts again")
	require.Nil(t, fc.FailureToError(nil))
}
