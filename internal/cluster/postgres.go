package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// postgres is a private PostgreSQL server: its own data directory, a free
// port on 127.0.0.1, trust authentication for the one user "temporal".
type postgres struct {
	port int
	proc *process
}

const pgUser = "temporal"

// startPostgres initializes a database cluster in dir/pgdata and starts
// PostgreSQL on it. PostgreSQL refuses to run as root: as root it runs as
// the "postgres" user the Debian package creates (else "nobody").
func startPostgres(ctx context.Context, dir string) (*postgres, error) {
	bin, err := postgresBinDir()
	if err != nil {
		return nil, err
	}
	cred, err := postgresCredential()
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "pgdata")
	if err := os.Mkdir(data, 0o700); err != nil {
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(data, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, err
		}
	}
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", pgUser,
		"--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	initdb.Dir = dir // the postgres user may not enter ours
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	// Durability settings are off: a test database is thrown away, and the
	// Temporal server's own restart is what the tests exercise.
	p, err := startProcess(filepath.Join(dir, "postgres.log"), cred, syscall.SIGQUIT,
		filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-k", data,
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200")
	if err != nil {
		return nil, err
	}
	pg := &postgres{port: port, proc: p}
	if err := pg.waitReady(ctx, bin); err != nil {
		pg.stop()
		return nil, err
	}
	return pg, nil
}

func (pg *postgres) waitReady(ctx context.Context, bin string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		check := exec.CommandContext(ctx, filepath.Join(bin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(pg.port))
		if check.Run() == nil {
			return nil
		}
		if pg.proc.exited() || time.Now().After(deadline) {
			return fmt.Errorf("PostgreSQL did not come up; its log ends:\n%s", pg.proc.logTail())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop shuts PostgreSQL down at once (SIGINT: "fast" shutdown).
func (pg *postgres) stop() { pg.proc.stop(syscall.SIGINT, 10*time.Second) }

// postgresBinDir finds Debian's PostgreSQL (newest major version first);
// POSTGRES_BIN overrides it.
func postgresBinDir() (string, error) {
	if dir := os.Getenv("POSTGRES_BIN"); dir != "" {
		return dir, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		if p, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
		return "", errors.New("PostgreSQL not found: install it (apt-get install postgresql) or set POSTGRES_BIN to the directory of initdb and postgres")
	}
	slices.SortFunc(found, func(a, b string) int { return majorOf(b) - majorOf(a) })
	return filepath.Dir(found[0]), nil
}

func majorOf(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// postgresCredential is nil when not root (PostgreSQL runs as us).
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
	}
	return nil, errors.New("running as root and neither user postgres nor nobody exists to run PostgreSQL as")
}
