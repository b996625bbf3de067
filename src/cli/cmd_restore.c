/*
 * cmd_restore.c - "planwatch restore --db PATH FROM": the database
 * replaced by the copy FROM (a file "planwatch backup" wrote), after
 * checking FROM (store/backup.h).  FROM is never written: it is the file
 * protected from being an output here, not the database.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "store/backup.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/outfile.h"

#include <stdio.h>
#include <string.h>

#define USAGE "restore --db PATH FROM"

int cmd_restore(int argc, char **argv, struct pw_ctx *ctx)
{
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return pw_cli_usage(USAGE);
	if (!ctx->db_given)
		pw_warning("restoring into '%s' (no --db given)", ctx->db_path);
	pw_outfile_protect(argv[1]);
	rc = pw_store_restore(ctx->db_path, argv[1]);
	if (rc == PW_RESTORE_SAME)
		return PW_EXIT_USAGE;
	if (rc == PW_RESTORE_BAD)
		return PW_EXIT_INPUT;
	if (rc != PW_RESTORE_OK)
		return PW_EXIT_DB;
	fprintf(stderr, _("restored %s from %s\n"), ctx->db_path, argv[1]);
	return PW_EXIT_OK;
}
