// Command starter starts and follows durable assistant runs from a terminal
// or a script. It holds no model API key: the worker does.
//
//	starter run --assistant ID (--message TEXT | --message-file F|-) [--thread ID] [--instructions TEXT] [--no-wait] [--json]
//	starter assistant create --name N --model M [--instructions T]
//	starter assistant apply --name N --model M [--instructions T]; get ID; list; update ID ...; delete ID
//	starter file upload PATH [--purpose P]; list; get ID [--content [--out F]]; delete ID
//	starter thread create|update|delete; message create|get|update; run update; step get
//	starter chat --conversation KEY --assistant ID [--message-file F|-] [--instructions T] [--idle-timeout D]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/internal/config"
)

// Exit codes: scripts rely on them.
const (
	exitOK        = 0
	exitNotDone   = 1 // the run ended in a status other than completed, or failed
	exitUsage     = 2
	exitTransport = 3 // Temporal unreachable, bad configuration
)

const usage = `usage:
  starter run --assistant ID (--message TEXT | --message-file F|-) [--thread ID] [--instructions TEXT] [--workflow-id ID] [--no-wait] [--json]
              [--model M] [--replace-instructions T] [--additional-message ROLE:TEXT]... [--tools a,b] [--tool-choice C]
              [--parallel-tool-calls B] [--temperature X] [--top-p X] [--response-format F] [--json-schema FILE [--schema-name N] [--strict]]
              [--truncation auto|last_messages:N] [--max-prompt-tokens N] [--max-completion-tokens N] [--metadata K=V]...
              [--attach FILE_ID[:code_interpreter,file_search]]... [--image FILE_ID|URL]... [--image-detail D]
              [--code-file FILE_ID]... [--vector-store VS_ID]
              [--create-thread-and-run]   (one request makes the thread and the run; see the README)
  starter assistant create --name NAME --model MODEL [--instructions TEXT]
  starter assistant apply --name NAME --model MODEL [--instructions TEXT] [--builtin-tools code_interpreter,file_search]
              [--code-file FILE_ID]... [--vector-store VS_ID] [--json]   (idempotent: creates, updates or leaves it)
  starter assistant get ID | delete ID | update ID [--name N] [--model M] [--instructions T] [--tools] [--json]
  starter assistant list [--limit N] [--after ID] [--all] [--json]
  starter show --thread ID [--limit N] [--after MSG_ID] [--all] [--json]   (messages and runs, newest first)
  starter thread create [--metadata K=V]... [--key K] [--json]
  starter thread update ID --metadata K=V... | starter thread delete ID
  starter file upload PATH [--purpose assistants|vision|user_data] [--name N] [--json]   (prints file-...)
  starter file list [--purpose P] [--limit N] [--after ID] [--all] [--json]
  starter file get ID [--json] | get ID --content [--out FILE] | delete ID
  starter message create --thread ID [--role user|assistant] (--text T | --text-file F|-) [--metadata K=V]... [--key K] [--json]
  starter message get MSG_ID --thread ID [--json] | message update MSG_ID --thread ID --metadata K=V... [--json]
  starter run update RUN_ID --thread ID --metadata K=V... [--json]
  starter step get STEP_ID --thread ID --run RUN_ID [--json]
  starter chat --conversation KEY --assistant ID [--message-file F|-] [--instructions TEXT] [--idle-timeout 24h]`

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitUsage
	}
	var cmd command
	twoWords := ""
	if len(args) > 1 {
		twoWords = args[0] + " " + args[1]
	}
	switch {
	case threadsOpCommands[twoWords] != "":
		cmd, args = threadsOpCommand(twoWords), args[2:]
	case args[0] == "run":
		cmd, args = runCommand, args[1:]
	case args[0] == "show":
		cmd, args = showCommand, args[1:]
	case args[0] == "thread" && len(args) > 1 && (args[1] == "update" || args[1] == "delete"):
		cmd, args = threadCommand(args[1]), args[2:]
	case args[0] == "chat":
		cmd, args = chatCommand, args[1:]
	case args[0] == "assistant" && len(args) > 1 && args[1] == "create":
		cmd, args = assistantCreateCommand, args[2:]
	case args[0] == "assistant" && len(args) > 1 && strings.Contains(" apply get list update delete ", " "+args[1]+" "):
		cmd, args = assistantOpCommand(args[1]), args[2:]
	case args[0] == "file" && len(args) > 1 && strings.Contains(" upload list get delete ", " "+args[1]+" "):
		cmd, args = fileCommand(args[1]), args[2:]
	default:
		fmt.Fprintf(stderr, "starter: unknown command %q\n%s\n", args[0], usage)
		return exitUsage
	}
	c, closeFn, err := connect(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "starter:", err)
		return exitTransport
	}
	defer closeFn()
	return cmd(ctx, c, args, stdout, stderr)
}

// connect dials Temporal with the configured TLS, credentials and payload
// codec; the SDK's own log is discarded, but a plaintext connection to a
// remote host is always warned about on stderr.
func connect(stderr io.Writer) (*client.Client, func(), error) {
	cfg, err := config.LoadStarter()
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	if w := cfg.InsecureWarning(); w != "" {
		fmt.Fprintln(stderr, "starter: warning:", w)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts, err := cfg.ClientOptions(logger)
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	tc, err := tclient.Dial(opts)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to Temporal at TEMPORAL_ADDRESS=%s: %w", cfg.Address, err)
	}
	c := client.New(tc, client.Options{TaskQueue: cfg.TaskQueue, Namespace: cfg.Namespace, UIURL: cfg.UIURL,
		SummaryIncludeText: cfg.SummaryIncludeText, DataConverter: opts.DataConverter})
	return c, tc.Close, nil
}
