package integration

import (
	"strings"
	"testing"
)

// azureChaos is which of TestChaos's scenarios run in which Azure mode: a
// and b on the assistants protocol in each mode; on the responses protocol
// (Azure OpenAI only), b and c with a key and a to d with Entra ID, where
// the fresh worker must also sign in anew. Kept few: each costs a heartbeat
// timeout (10 s) of CI time.
var azureChaos = []struct {
	p         protocol
	scenarios string // first letters of chaosScenarios' names
}{
	{protocols[0].onAzure(azureProviders[0]), "ab"},
	{protocols[0].onAzure(azureProviders[1]), "ab"},
	{protocols[0].onAzure(azureProviders[2]), "ab"},
	{protocols[1].onAzure(azureProviders[0]), "bc"},
	{protocols[1].onAzure(azureProviders[1]), "abcd"},
}

// TestAzureChaos runs chaos scenarios (the same functions as TestChaos) with
// the emulator playing Azure and the worker signing in as on Azure: SIGKILLs
// right after the run's creation committed, while the model thinks, during a
// tool handler and right after the tool outputs were accepted; each time a
// fresh worker finishes the run exactly once, as counted by the emulator.
func TestAzureChaos(t *testing.T) {
	t.Run("scenarios", func(t *testing.T) {
		for _, c := range azureChaos {
			for _, sc := range chaosScenarios {
				if !strings.Contains(c.scenarios, sc.name[:1]) {
					continue
				}
				t.Run(c.p.label()+"/"+sc.name[:1], func(t *testing.T) {
					t.Parallel()
					sc.run(t, c.p)
				})
			}
		}
	})
	printChaosTable(t)
}
