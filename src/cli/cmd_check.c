/*
 * cmd_check.c - "planwatch check --db PATH": integrity, foreign keys, the
 * schema's triggers (the append-only guards among them) and the audit
 * trail of a database, read without changing it (store/backup.h).  Each
 * problem is one line "PATH: problem" on standard output; exit 1 if any.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "store/backup.h"
#include "store/store.h"
#include "util/error.h"

#include <stdio.h>

#define USAGE "check --db PATH"

static void print_problem(void *arg, const char *text)
{
	printf("%s: %s\n", (const char *)arg, text);
}

int cmd_check(int argc, char **argv, struct pw_ctx *ctx)
{
	int n;

	(void)argv;
	if (argc != 1)
		return pw_cli_usage(USAGE);
	n = pw_store_check(ctx->db_path, print_problem, (void *)ctx->db_path);
	if (n == PW_STORE_NOTFOUND)
		return PW_EXIT_NOTFOUND;
	if (n < 0)
		return PW_EXIT_DB;
	if (n > 0) {
		pw_error_kind(PW_ERR_FAIL, "database '%s': problems found: %d", ctx->db_path, n);
		return PW_EXIT_FAIL;
	}
	printf("%s: ok\n", ctx->db_path);
	return PW_EXIT_OK;
}
