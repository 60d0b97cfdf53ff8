package config

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Worker is the worker binary's configuration.
type Worker struct {
	Temporal
	Model
	PollInitial   time.Duration `env:"POLL_INITIAL" envDefault:"50ms"`
	PollMax       time.Duration `env:"POLL_MAX" envDefault:"1s"`
	MaxConcurrent int           `env:"WORKER_MAX_CONCURRENT_ACTIVITIES" envDefault:"1000"`
	// ActivityPollers are the worker's concurrent activity task polls. A
	// task queue has several partitions (4 by default, on the dev server
	// too) and a partition without a poll of its own hands its tasks out
	// only after a delay (measured ~2 s): with the SDK's 2 polls, 50
	// parallel tool calls of 2 s took 4.1 s. Keep it at least twice the
	// queue's partitions (bench/RESULTS.md §4).
	ActivityPollers int `env:"WORKER_ACTIVITY_POLLERS" envDefault:"8"`
	// StickyCache is how many workflows the worker keeps in memory between
	// their tasks (worker.SetStickyWorkflowCacheSize; the SDK's default is
	// 10,000). An idle conversation is one; past this many, the least
	// recently used are evicted and replayed from history at their next
	// message, so idle conversations do not hold worker memory (bench §7).
	StickyCache int `env:"WORKER_STICKY_CACHE" envDefault:"2000"`
	// RunMode is how runs that name no mode follow the API: poll or stream.
	RunMode string `env:"RUN_MODE" envDefault:"poll"`
	// SweepInterval is how often the sweep cancels the API runs of Run
	// workflows that were terminated or timed out; 0 turns it off.
	SweepInterval time.Duration `env:"SWEEP_INTERVAL" envDefault:"5m"`
	// MCPServers is a JSON array of MCP servers whose tools the worker offers
	// (tools/mcptools.Server; checked at start by serve).
	MCPServers string `env:"MCP_SERVERS"`
	// HealthAddress serves /healthz and /readyz (serve/health.go), "" for none.
	HealthAddress string `env:"HEALTH_ADDRESS"`
	Log
	Observability
}

// Log configures log/slog.
type Log struct {
	Level  string `env:"LOG_LEVEL" envDefault:"info"`
	Format string `env:"LOG_FORMAT" envDefault:"text"`
}

// LoadWorker parses and validates the worker's environment.
func LoadWorker() (Worker, error) {
	w, err := parse[Worker]()
	if err != nil {
		return w, err
	}
	return w, errors.Join(w.Temporal.Validate(), w.Model.Validate(), w.validate(), w.Log.validate(), w.Observability.Validate())
}

func (w Worker) validate() error {
	switch {
	case w.PollInitial <= 0:
		return fmt.Errorf("POLL_INITIAL must be positive")
	case w.PollMax < w.PollInitial:
		return fmt.Errorf("POLL_MAX must be at least POLL_INITIAL")
	case w.MaxConcurrent <= 0:
		return fmt.Errorf("WORKER_MAX_CONCURRENT_ACTIVITIES must be positive")
	case w.StickyCache < 1:
		return fmt.Errorf("WORKER_STICKY_CACHE must be positive")
	case w.ActivityPollers < 2:
		return fmt.Errorf("WORKER_ACTIVITY_POLLERS must be at least 2")
	case w.ActivityPollers > w.MaxConcurrent:
		return fmt.Errorf("WORKER_ACTIVITY_POLLERS must not exceed WORKER_MAX_CONCURRENT_ACTIVITIES")
	case w.RunMode != "poll" && w.RunMode != "stream":
		return fmt.Errorf("RUN_MODE=%q is not poll or stream", w.RunMode)
	case w.SweepInterval != 0 && w.SweepInterval < time.Second:
		return fmt.Errorf("SWEEP_INTERVAL must be 0 (off) or at least 1s")
	}
	if w.HealthAddress != "" {
		if _, _, err := net.SplitHostPort(w.HealthAddress); err != nil {
			return fmt.Errorf("HEALTH_ADDRESS=%q is not host:port (e.g. :8081)", w.HealthAddress)
		}
	}
	return nil
}

func (l Log) validate() error {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.Level)); err != nil {
		return fmt.Errorf("LOG_LEVEL=%q is not one of debug, info, warn, error", l.Level)
	}
	if l.Format != "text" && l.Format != "json" {
		return fmt.Errorf("LOG_FORMAT=%q is not text or json", l.Format)
	}
	return nil
}

// Logger builds the slog logger (valid settings assumed).
func (l Log) Logger() *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(l.Level))
	opts := &slog.HandlerOptions{Level: lv}
	if l.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// parse reads T from the environment, rewording parse errors so they name the
// variable (env reports the Go field).
func parse[T any]() (T, error) {
	v, err := env.ParseAs[T]()
	if err == nil {
		return v, nil
	}
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return v, err
	}
	names := envNames(reflect.TypeFor[T]())
	msgs := make([]string, 0, len(agg.Errors))
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) && names[pe.Name] != "" {
			msgs = append(msgs, fmt.Sprintf("%s=%q: not a valid %s", names[pe.Name], os.Getenv(names[pe.Name]), pe.Type))
			continue
		}
		msgs = append(msgs, e.Error())
	}
	return v, errors.New(strings.Join(msgs, "; "))
}

// envNames maps the struct's field names (embedded structs included) to
// their environment variable names.
func envNames(t reflect.Type) map[string]string {
	out := map[string]string{}
	for f := range t.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			maps.Copy(out, envNames(f.Type))
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("env"), ","); name != "" {
			out[f.Name] = name
		}
	}
	return out
}
