package devserver

import (
	"slices"
	"testing"
)

// TestStartDevArgsEnableEagerActivities: the dev server hands a scheduled
// activity straight back to the worker that scheduled it (issue 18).
func TestStartDevArgsEnableEagerActivities(t *testing.T) {
	args, err := startDevArgs(Options{HostPort: "127.0.0.1:7233", DBFile: "/tmp/x.db"}, []string{"--http-port", "1"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(args, "system.enableActivityEagerExecution=true")
	if i < 1 || args[i-1] != "--dynamic-config-value" {
		t.Fatalf("eager activities not enabled: %q", args)
	}
	if j := slices.Index(args, "--db-filename"); j < 0 || args[j+1] != "/tmp/x.db" {
		t.Fatalf("db file lost: %q", args)
	}
}

// TestStartDevArgsWriteAheadLog: an on-disk database is in WAL mode, synced
// at every commit; in memory, or when asked, the CLI's defaults.
func TestStartDevArgsWriteAheadLog(t *testing.T) {
	for _, o := range []Options{{DBFile: "/tmp/x.db"}, {}, {DBFile: "/tmp/x.db", RollbackJournal: true}} {
		o.HostPort = "127.0.0.1:7233"
		args, err := startDevArgs(o, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := o.DBFile != "" && !o.RollbackJournal
		if got := slices.Contains(args, "journal_mode=wal") && slices.Contains(args, "synchronous=full"); got != want {
			t.Errorf("%+v: WAL pragmas %v, want %v: %q", o, got, want, args)
		}
	}
}
