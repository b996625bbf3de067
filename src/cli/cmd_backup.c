/*
 * cmd_backup.c - "planwatch backup --db PATH -o FILE": a consistent copy
 * of the database while other processes go on writing (store/backup.h).
 * FILE is replaced only by a complete copy; it is never the database or
 * one of its -wal/-shm/-journal files.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "store/backup.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/outfile.h"

#include <getopt.h>
#include <stdio.h>

#define USAGE "backup --db PATH -o FILE"

int cmd_backup(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c != 'o')
			return pw_cli_usage(USAGE);
		out = optarg;
	}
	if (optind != argc || !out)
		return pw_cli_usage(USAGE);
	if (pw_outfile_check(out) < 0)
		return pw_err_of(-1, PW_ERR_USAGE);
	if (pw_store_backup(ctx->store, out) < 0)
		return pw_err_of(-1, PW_ERR_IO);
	fprintf(stderr, _("wrote %s (a copy of %s)\n"), out, ctx->db_path);
	return PW_EXIT_OK;
}
