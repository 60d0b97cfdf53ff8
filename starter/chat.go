package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// approvalPollInterval paces the look for tool calls awaiting approval while
// a reply is awaited.
const approvalPollInterval = 300 * time.Millisecond

// chat is one terminal chat session on a conversation.
type chat struct {
	cv     *client.Conversations
	key    string
	lines  <-chan string // standard input, line by line; closed at EOF
	stdout io.Writer
	stderr io.Writer
	prompt bool // standard input is a terminal
}

// chatFlags are `starter chat`'s command line.
type chatFlags struct {
	settings assistant.ConversationSettings
	key      string
	first    string // --message-file's text, sent before the input lines
	fromFile bool   // --message-file was given
	stdinMsg bool   // --message-file - consumed standard input
}

func parseChatFlags(args []string, stderr io.Writer) (chatFlags, error) {
	fs := newFlagSet("chat", stderr)
	var f chatFlags
	s := &f.settings
	fs.StringVar(&f.key, "conversation", "", "conversation key (required); the same key resumes the conversation")
	fs.StringVar(&s.AssistantID, "assistant", "", "assistant ID (required when the conversation is new)")
	fs.StringVar(&s.Instructions, "instructions", "", "extra instructions for every turn")
	fs.DurationVar(&s.IdleTimeout, "idle-timeout", assistant.DefaultIdleTimeout, "end the conversation after this long without a message")
	fs.BoolVar(&s.DeleteThreadOnIdle, "delete-thread-on-idle", false, "delete the thread at the API when the idle timeout ends the conversation")
	fs.BoolVar(&s.DeleteThreadOnEnd, "delete-thread-on-end", false, "delete the thread at the API when /end ends the conversation")
	messageFile := fs.String("message-file", "", "send this file's text (all its lines) as the first message; - reads standard input")
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	if f.key == "" || s.AssistantID == "" {
		fmt.Fprintln(stderr, "starter chat: --conversation and --assistant are required")
		return f, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "starter chat: unexpected argument %q (messages come from standard input or --message-file)\n", fs.Arg(0))
		return f, errUsage
	}
	if *messageFile != "" {
		msg, err := readChatMessage(*messageFile)
		if err != nil {
			fmt.Fprintf(stderr, "starter chat: --message-file: %v\n", err)
			return f, errUsage
		}
		f.first, f.fromFile, f.stdinMsg = msg, true, *messageFile == "-"
	}
	return f, nil
}

// chatCommand is `starter chat`: each line read is a message, each reply is
// printed; tool calls that need approval are asked about on the way. A
// message of several lines comes from a file: --message-file, or /file.
func chatCommand(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
	f, err := parseChatFlags(args, stderr)
	if err != nil {
		return exitUsage
	}
	var in io.Reader = os.Stdin
	if f.stdinMsg { // standard input was the message: nothing more to read
		in = strings.NewReader("")
	}
	ch := &chat{cv: c.Conversations(f.settings), key: f.key, lines: readLines(in),
		stdout: stdout, stderr: stderr, prompt: isTerminal(os.Stdin) && !f.stdinMsg}
	if f.fromFile && !ch.send(ctx, f.first) {
		return exitNotDone
	}
	return ch.loop(ctx)
}

// loop sends each line and prints its reply, until EOF or /end.
func (ch *chat) loop(ctx context.Context) int {
	if ch.prompt {
		fmt.Fprintln(ch.stderr, "type a message; /file PATH sends a file as one message, /history shows the turns, /end ends the conversation, Ctrl-D quits")
	}
	code := exitOK
	for {
		if ch.prompt {
			fmt.Fprint(ch.stderr, "you> ")
		}
		var line string
		select {
		case <-ctx.Done():
			return code
		case l, ok := <-ch.lines:
			if !ok {
				return code
			}
			line = strings.TrimSpace(l)
		}
		switch line {
		case "":
			continue
		case "/end":
			return ch.end(ctx)
		case "/history":
			ch.history(ctx)
			continue
		}
		if path, ok := strings.CutPrefix(line, "/file "); ok {
			msg, err := readChatMessage(strings.TrimSpace(path))
			if err == nil && strings.TrimSpace(path) == "-" {
				err = errors.New("standard input is the chat's input: give a file")
			}
			if err != nil {
				fmt.Fprintln(ch.stderr, "error: /file:", shown(ch.stderr, err.Error()))
				code = exitNotDone
				continue
			}
			line = msg
		}
		if !ch.send(ctx, line) {
			code = exitNotDone
		}
	}
}

// send sends one message and waits for its reply, asking about approvals
// meanwhile. It reports whether the turn completed.
func (ch *chat) send(ctx context.Context, text string) bool {
	type result struct {
		r   assistant.TurnReply
		err error
	}
	done := make(chan result, 1)
	go func() {
		r, err := ch.cv.SendMessage(ctx, ch.key, text)
		done <- result{r, err}
	}()
	tick := time.NewTicker(approvalPollInterval)
	defer tick.Stop()
	asked := map[string]bool{}
	for {
		select {
		case res := <-done:
			return ch.printReply(res.r, res.err)
		case <-tick.C:
			ch.askApprovals(ctx, asked)
		}
	}
}

func (ch *chat) printReply(r assistant.TurnReply, err error) bool {
	switch {
	case errors.Is(err, client.ErrConversationEnded) || errors.Is(err, client.ErrTurnFailed):
		fmt.Fprintln(ch.stderr, "error:", shown(ch.stderr, err.Error())) // already one clear sentence
		return false
	case err != nil:
		fmt.Fprintln(ch.stderr, "error:", shown(ch.stderr, describeFailure(err)))
		return false
	case r.Error != nil:
		fmt.Fprintf(ch.stderr, "turn %d ended %s: %s\n", r.Turn, orDash(string(r.Status)),
			shown(ch.stderr, r.Error.Code+": "+r.Error.Message))
		return false
	}
	fmt.Fprintln(ch.stdout, shown(ch.stdout, r.Reply))
	return true
}

// readLines feeds r's lines to a channel, closed at EOF, so the chat can
// wait for input and for replies at once.
func readLines(r io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

// readChatMessage is readMessage, refusing an empty text (which would be no
// turn at all).
func readChatMessage(path string) (string, error) {
	msg, err := readMessage(path)
	if err == nil && strings.TrimSpace(msg) == "" {
		err = errors.New("the message is empty")
	}
	return msg, err
}
