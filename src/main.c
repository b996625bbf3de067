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

#define NEED_DB (1 << 0)       /* opens (creating) the database */
#define EXISTING_DB (1 << 1)   /* the database must exist; read-only is fine */

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct pw_ctx *ctx);
	unsigned flags;
	const char *usage; /* synopsis after "planwatch " */
	const char *help;  /* one line on what it does */
};

static const struct command commands[] = {
	{ "extract", cmd_extract, 0,
	  "extract FILE [--json]",
	  "extract a plan document: tables, prose targets, 专栏, outline" },
	{ "import", cmd_import, NEED_DB,
	  "import FILE...",
	  "store plans (same text: unchanged; edited: a new version)" },
	{ "list", cmd_list, EXISTING_DB,
	  "list [--json]",
	  "list stored plans" },
	{ "show", cmd_show, EXISTING_DB,
	  "show ID [--json] [--version N]",
	  "print a stored plan with the row ids other commands take" },
	{ "assess", cmd_assess, 0,
	  "assess FILE | --db PATH [--plan ID] [--year Y] [--tolerance X] [--json]",
	  "assess every target (docs/assessment.md)" },
	{ "report", cmd_report, EXISTING_DB,
	  "report --kind annual|midterm|final [--year Y] [--format md|html|xlsx|docx|csv|json] [-o FILE] [--plan ID]",
	  "write a monitoring or evaluation report" },
	{ "unit", cmd_unit, NEED_DB,
	  "unit add NAME [--parent NAME] | unit list",
	  "responsible units (牵头单位)" },
	{ "assign", cmd_assign, EXISTING_DB,
	  "assign (--indicator|--target|--project) ID --unit NAME [--year Y] | assign list | assign import FILE",
	  "lead unit of an indicator, target or project" },
	{ "record", cmd_record, EXISTING_DB,
	  "record --indicator ID --year Y --value V [--unit U] [--source S] [--note N] [--state draft|submitted]",
	  "record one value" },
	{ "data", cmd_data, EXISTING_DB,
	  "data import FILE.csv|FILE.xlsx [--by NAME] [--state S] [--dry-run]",
	  "import a batch of values (all or nothing)" },
	{ "obs", cmd_obs, EXISTING_DB,
	  "obs list [--indicator ID] [--history] | obs submit|approve|return ID [--note N]",
	  "observations and their review states" },
	{ "progress", cmd_progress, EXISTING_DB,
	  "progress list [--project ID] [--history] | progress submit|approve|return ID [--note N]",
	  "project progress and its review states" },
	{ "target", cmd_target, EXISTING_DB,
	  "target set --indicator ID --value V [--cmp C] [--year Y] [--source S] | target show",
	  "targets set by another body (按市定目标执行)" },
	{ "template", cmd_template, EXISTING_DB,
	  "template --unit NAME --year Y [--xlsx|--csv] [-o FILE]",
	  "a unit's fill-in sheet" },
	{ "serve", cmd_serve, EXISTING_DB,
	  "serve [--port N] [--host ADDR] [--threads N] [--access-log FILE] [--demo-db PATH]",
	  "serve the site and the JSON API (docs/api.md, docs/web.md) until SIGTERM" },
	{ "publish", cmd_publish, EXISTING_DB,
	  "publish -o DIR [--assets DIR]",
	  "the public pages and open data as static files" },
	{ "user", cmd_user, NEED_DB,
	  "user add NAME --role ROLE [--unit UNIT] | user passwd|disable NAME | user list",
	  "web accounts; the password is read from standard input" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: planwatch <command> [options]\n\ncommands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n      %s\n", commands[i].usage, commands[i].help);
	fputs("\nCommands that use a database take --db PATH (else $PLANWATCH_DB, else\n"
	      "./planwatch.db). Details: docs/cli.md.\n"
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
	if (cmd->flags & (NEED_DB | EXISTING_DB)) {
		rc = cmd->flags & NEED_DB ? pw_store_open(&ctx.store, ctx.db_path)
					  : pw_store_open_existing(&ctx.store, ctx.db_path);
		if (rc < 0)
			return rc == PW_STORE_NOTFOUND ? PW_EXIT_NOTFOUND : PW_EXIT_DB;
	}
	rc = cmd->fn(argc, argv + 1, &ctx);
	if (ctx.store)
		pw_store_close(ctx.store);
	return rc;
}
