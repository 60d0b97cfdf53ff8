package config

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// fakeCredential issues numbered tokens valid for ttl and records the scopes
// it was asked for; fail makes it refuse.
type fakeCredential struct {
	ttl time.Duration

	mu     sync.Mutex
	calls  int
	scopes []string
	fail   bool
}

func (f *fakeCredential) GetToken(_ context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return azcore.AccessToken{}, errors.New("no identity here")
	}
	f.calls++
	f.scopes = append(f.scopes, o.Scopes...)
	return azcore.AccessToken{Token: fmt.Sprintf("entra-token-%d", f.calls), ExpiresOn: time.Now().Add(f.ttl)}, nil
}

func (f *fakeCredential) state() (calls int, scopes []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, append([]string(nil), f.scopes...)
}

func (f *fakeCredential) setFail(v bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = v
}
