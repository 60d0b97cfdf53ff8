package codec

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Environment variables that configure the codec (Load reads their values).
const (
	EnvKeys     = "PAYLOAD_CODEC_KEYS"      // "k2:<base64>,k1:<base64>"
	EnvKeyFiles = "PAYLOAD_CODEC_KEY_FILES" // "k2:/run/secrets/k2,k1:/run/secrets/k1"
)

var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ValidateKeyID checks that id is 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'.
// The ID travels in payload metadata in the clear. The error does not
// repeat an invalid ID: a key pasted where its ID belongs must not reach a log.
func ValidateKeyID(id string) error {
	if !keyIDPattern.MatchString(id) {
		return fmt.Errorf("codec: a key ID (%d bytes) is not 1-64 of A-Z a-z 0-9 . _ -", len(id))
	}
	return nil
}

// Load builds the codec configured by the values of PAYLOAD_CODEC_KEYS
// (keys inline) or PAYLOAD_CODEC_KEY_FILES (one file per key holding its
// base64); nil, nil when both are empty: the codec is off. Errors name the
// variable and the key ID, never key material.
func Load(keys, keyFiles string) (*Codec, error) {
	switch {
	case keys != "" && keyFiles != "":
		return nil, fmt.Errorf("set %s or %s, not both", EnvKeys, EnvKeyFiles)
	case keys != "":
		ks, err := parseList(keys, func(id, v string) ([]byte, error) { return decodeSecret(v) })
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKeys, err)
		}
		return New(ks...)
	case keyFiles != "":
		ks, err := parseList(keyFiles, readSecretFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKeyFiles, err)
		}
		return New(ks...)
	}
	return nil, nil
}

// FromEnv is Load with the process's environment.
func FromEnv() (*Codec, error) {
	return Load(os.Getenv(EnvKeys), os.Getenv(EnvKeyFiles))
}

// parseList reads "id:value,id:value", turning each value into a secret.
func parseList(list string, secret func(id, value string) ([]byte, error)) ([]Key, error) {
	var keys []Key
	for i, item := range strings.Split(list, ",") {
		id, value, ok := strings.Cut(strings.TrimSpace(item), ":")
		if !ok || value == "" {
			return nil, fmt.Errorf("entry %d is not <key-id>:<value>", i+1)
		}
		if err := ValidateKeyID(id); err != nil {
			return nil, err
		}
		s, err := secret(id, value)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", id, err)
		}
		keys = append(keys, Key{ID: id, Secret: s})
	}
	return keys, nil
}

func readSecretFile(_, path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeSecret(strings.TrimSpace(string(b)))
}

// decodeSecret reads a base64 (standard or URL alphabet) 32-byte key.
func decodeSecret(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if len(b) != 32 {
				return nil, fmt.Errorf("decodes to %d bytes, want 32 (openssl rand -base64 32)", len(b))
			}
			return b, nil
		}
	}
	return nil, errors.New("not base64 (openssl rand -base64 32 makes one)")
}
