package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// startTemporal starts the dev server with its state and log in the data
// directory, unless one already listens on the address: a second demo, or
// `make temporal`, is reused and left running. The returned func stops what
// this call started.
func startTemporal(ctx context.Context, o options) (stop func(), err error) {
	if conn, err := net.DialTimeout("tcp", o.temporalAddr, time.Second); err == nil {
		conn.Close()
		say("using the Temporal server already on %s (not ours: left running)", o.temporalAddr)
		return func() {}, nil
	}
	logPath := filepath.Join(o.dataDir, "temporal.log")
	// The log stays open while the server runs: once it is closed, the
	// server's next log line fails the copy from its stdout pipe, the pipe
	// is closed, and the server dies of SIGPIPE (seen as "connection
	// refused" seconds after it answered).
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	say("starting the Temporal dev server on %s (UI :%s); its log: %s", o.temporalAddr, o.uiPort, logPath)
	srv, err := devserver.Start(ctx, devserver.Options{
		HostPort: o.temporalAddr, UIPort: o.uiPort,
		DBFile: filepath.Join(o.dataDir, "temporal.db"), Output: log,
	})
	if err != nil {
		log.Close()
		return nil, err
	}
	return func() {
		say("stopping the Temporal dev server (pid %d)", srv.Pid())
		_ = srv.Stop()
		log.Close()
	}, nil
}
