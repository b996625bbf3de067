/*
 * cli.c - option handling shared by all commands.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

int pw_cli_take_db(int argc, char **argv, struct pw_ctx *ctx)
{
	int i, j = 0;
	const char *env = getenv("PLANWATCH_DB");

	ctx->db_path = env && *env ? env : "planwatch.db";
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			ctx->db_path = argv[++i];
			ctx->db_given = 1;
			continue;
		}
		if (!strncmp(argv[i], "--db=", 5)) {
			ctx->db_path = argv[i] + 5;
			ctx->db_given = 1;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}
