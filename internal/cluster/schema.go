package cluster

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
)

// createSchemas creates the server's two databases with its own schema tool
// (temporal-sql-tool), as the official admin-tools image does: the database,
// the versioning tables, then every versioned step up to the latest.
func createSchemas(ctx context.Context, sqlTool string, pgPort int) error {
	for db, schema := range map[string]string{
		"temporal":            "postgresql/v12/temporal",
		"temporal_visibility": "postgresql/v12/visibility",
	} {
		for _, step := range [][]string{
			{"create-database"},
			{"setup-schema", "-v", "0.0"},
			{"update-schema", "--schema-name", schema},
		} {
			args := append([]string{"--plugin", "postgres12", "--ep", "127.0.0.1", "-p", strconv.Itoa(pgPort),
				"-u", pgUser, "--db", db}, step...)
			if out, err := exec.CommandContext(ctx, sqlTool, args...).CombinedOutput(); err != nil {
				return fmt.Errorf("temporal-sql-tool %s on %s: %w\n%s", step[0], db, err, out)
			}
		}
	}
	return nil
}
