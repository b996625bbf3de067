/*
 * main.c - planwatch's entry point: it only dispatches subcommands from one
 * table (as git.c does).  Shared preconditions run from the table's flags.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEED_DB (1 << 0)

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct pw_ctx *ctx);
	unsigned flags;
	const char *help;
};

static const struct command commands[] = {
	{ "extract", cmd_extract, 0, "extract FILE [--json]        extract a plan document" },
	{ "import", cmd_import, NEED_DB, "import FILE [--db PATH]      store a plan (new version if edited)" },
	{ "list", cmd_list, NEED_DB, "list [--db PATH]             list stored plans" },
	{ "show", cmd_show, NEED_DB, "show ID [--json] [--db PATH] print a stored plan" },
	{ "assess", cmd_assess, 0, "assess FILE|--db PATH [--year Y] [--json]  assess targets" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: planwatch <command> [options]\n\ncommands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].help);
	fputs("\nThe database is --db PATH, else $PLANWATCH_DB, else ./planwatch.db.\n"
	      "\nexit codes:\n"
	      "  0 success   1 failure or findings   2 usage   3 bad input file\n"
	      "  4 database error   5 not found   70 out of memory\n",
	      f);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct pw_ctx ctx = { 0 };
	const struct command *cmd;
	int rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? PW_EXIT_USAGE : PW_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		pw_error("unknown command '%s'", argv[1]);
		usage(stderr);
		return PW_EXIT_USAGE;
	}
	argc = pw_cli_take_db(argc - 1, argv + 1, &ctx);
	if ((cmd->flags & NEED_DB) && pw_store_open(&ctx.store, ctx.db_path) < 0)
		return PW_EXIT_DB;
	rc = cmd->fn(argc, argv + 1, &ctx);
	if (ctx.store)
		pw_store_close(ctx.store);
	return rc;
}
