/*
 * main.c - planwatch's entry point: it only dispatches subcommands from one
 * table (as git.c does).  Shared preconditions run from the table's flags;
 * the handler's error kind becomes the exit code here and nowhere else
 * (util/error.h), after standard output was checked (as git does).
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/nelem.h"

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
	  "extract FILE [--json] [--kind plan|annual] [--year Y]",
	  N_("extract a plan document: tables, prose targets, 专栏, outline") },
	{ "lint", cmd_lint, 0,
	  "lint FILE [--json] [-W<check>] [-Wno-<check>]",
	  N_("check a plan document as a compiler checks code (docs/lint.md)") },
	{ "import", cmd_import, 0, /* opens the database itself, after reading */
	  "import FILE... [--kind plan|annual] [--year Y] [--plan ID]",
	  N_("store plans (same text: unchanged; edited: a new version)") },
	{ "list", cmd_list, EXISTING_DB,
	  "list [--json]",
	  N_("list stored plans") },
	{ "show", cmd_show, EXISTING_DB,
	  "show ID [--json] [--version N]",
	  N_("print a stored plan with the row ids other commands take") },
	{ "assess", cmd_assess, 0,
	  "assess FILE | --db PATH [--plan ID] [--year Y] [--tolerance X] [--json]\n"
	  "      | --db PATH --all [--year Y] [--threads N] [--verbose] [--json]",
	  N_("assess every target (docs/assessment.md)") },
	{ "report", cmd_report, EXISTING_DB,
	  "report --kind annual|midterm|final [--plan ID] [--version N] [--year Y]\n"
	  "      [--format md|html|xlsx|docx|csv|json] [-o FILE] [--tolerance X] [--unapproved]",
	  N_("write a monitoring or evaluation report") },
	{ "annual", cmd_annual, EXISTING_DB,
	  "annual [--plan ID] [--year Y] [--json] [--unapproved] [--tolerance X]\n"
	  "      | annual link ID (--indicator REF | --target REF | --none) [--by NAME]",
	  N_("annual targets against the five-year plan: path, consistency, result") },
	{ "unit", cmd_unit, NEED_DB,
	  "unit add NAME [--parent NAME] [--by NAME] | unit list",
	  N_("responsible units (牵头单位)") },
	{ "assign", cmd_assign, EXISTING_DB,
	  "assign (--indicator|--target|--project) ID --unit NAME [--year Y] | assign list | assign import FILE",
	  N_("lead unit of an indicator, target or project") },
	{ "record", cmd_record, EXISTING_DB,
	  "record (--indicator|--target) ID --year Y --value V [--unit U] [--source S] [--note N]\n"
	  "      [--estimated] [--state draft|submitted] [--by NAME]\n"
	  "  record --project ID --year Y --status S [--percent P] [--investment X]",
	  N_("record one value") },
	{ "data", cmd_data, EXISTING_DB,
	  "data import FILE.csv|FILE.xlsx [--plan ID] [--state S] [--source S] [--dry-run]",
	  N_("import a batch of values (all or nothing)") },
	{ "obs", cmd_obs, EXISTING_DB,
	  "obs list [--indicator|--target ID] [--history] [--json] | obs submit|approve|return ID [--note N]",
	  N_("observations and their review states") },
	{ "progress", cmd_progress, EXISTING_DB,
	  "progress list [--project ID] [--history] [--json] | progress submit|approve|return ID",
	  N_("project progress and its review states") },
	{ "target", cmd_target, EXISTING_DB,
	  "target set (--indicator|--target) ID --value V [--value-hi V] [--cmp C] [--kind K]\n"
	  "      [--year Y] [--unit U] [--source S] [--note N] | target show\n"
	  "      | target link --target ID [--indicator ID | --none]",
	  N_("targets set by another body (按市定目标执行); the indicator a prose target restates") },
	{ "limit", cmd_limit, EXISTING_DB,
	  "limit (--indicator|--target) ID [--min V] [--max V] [--clear] [--note N]",
	  N_("the plausible limits of an indicator's values, set by the planning office") },
	{ "deadline", cmd_deadline, EXISTING_DB,
	  "deadline --plan ID --year Y [--unit NAME] [--date YYYY-MM-DD | --clear] [--note N]",
	  N_("the day a year's figures are due, set by the planning office") },
	{ "template", cmd_template, EXISTING_DB,
	  "template --unit NAME --year Y [--xlsx|--csv] [-o FILE]",
	  N_("a unit's fill-in sheet") },
	{ "serve", cmd_serve, EXISTING_DB,
	  "serve [--port N] [--host ADDR] [--threads N] [--access-log FILE] [--demo-db PATH] [--assets DIR]",
	  N_("serve the site and the JSON API (docs/api.md, docs/web.md) until SIGTERM") },
	{ "publish", cmd_publish, EXISTING_DB,
	  "publish -o|--output DIR [--assets DIR]",
	  N_("the public pages and open data as static files") },
	{ "user", cmd_user, NEED_DB,
	  "user add NAME --role ROLE [--unit UNIT] | user passwd|disable NAME | user list",
	  N_("web accounts; the password is read from standard input") },
	{ "backup", cmd_backup, EXISTING_DB,
	  "backup -o FILE",
	  N_("a consistent copy of the database, taken while others write") },
	{ "restore", cmd_restore, 0,
	  "restore FROM",
	  N_("replace the database by a checked copy") },
	{ "check", cmd_check, 0,
	  "check",
	  N_("integrity, foreign keys, append-only triggers, audit trail") },
};

#define NCOMMANDS NELEM(commands)

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "%s\n\n%s\n", _("usage: planwatch <command> [options]"), _("commands:"));
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n      %s\n", commands[i].usage, _(commands[i].help));
	fprintf(f, "\n%s\n", _("Commands that use a database take --db PATH (else $PLANWATCH_DB, else\n"
				"./planwatch.db). \"planwatch COMMAND --help\" lists its options;\n"
				"details: docs/cli.md."));
	fprintf(f, "\n%s\n", _("exit codes:"));
	for (i = 0; i < PW_ERR_NKINDS; i++)
		fprintf(f, "  %3d  %s\n", pw_err_exit_code((int)i), _(pw_err_info((int)i)->text));
}

static void command_help(FILE *f, const struct command *cmd)
{
	fprintf(f, "%s planwatch %s\n%s\n\n%s\n", _("usage:"), cmd->usage, _(cmd->help),
		_("options:"));
	pw_cli_print_options(f, cmd->name);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* "--help" or "-h" anywhere after the command (before a "--"). */
static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/*
 * After a command succeeded: whatever it printed must have reached its
 * place.  A full disk or a closed reader only shows at the flush, so
 * flush, look at the error flag and close (git's check at exit).  A
 * standard output that was closed before we started is no error of ours
 * (looked at first thing: the database may take its descriptor later).
 */
static int stdout_open;

static enum pw_err check_stdout(void)
{
	int bad, err;

	if (!stdout_open)
		return PW_OK;
	errno = 0;
	bad = fflush(stdout) != 0 || ferror(stdout);
	err = errno;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (!bad || err == EPIPE)
		return PW_OK;
	pw_error_kind(PW_ERR_IO, "cannot write to standard output: %s",
		      err ? strerror(err) : _("write error"));
	return PW_ERR_IO;
}

/* The exit code of a handler's result: the one table (util/error.h). */
static int finish(int kind)
{
	if (kind == PW_OK)
		kind = check_stdout();
	return pw_err_exit_code(kind);
}

int main(int argc, char **argv)
{
	struct pw_ctx ctx = { 0 };
	const struct command *cmd;
	struct stat st;
	int rc;

	stdout_open = fstat(STDOUT_FILENO, &st) == 0;
	pw_i18n_init();
	pw_clear_error();
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		cmd = argc > 2 ? find_command(argv[2]) : NULL;
		if (cmd)
			command_help(stdout, cmd);
		else
			usage(argc < 2 ? stderr : stdout);
		return finish(argc < 2 ? PW_ERR_USAGE : PW_OK);
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		pw_error_kind(PW_ERR_USAGE, "unknown command '%s'", argv[1]);
		usage(stderr);
		return finish(PW_ERR_USAGE);
	}
	if (wants_help(argc, argv)) {
		command_help(stdout, cmd);
		return finish(PW_OK);
	}
	argc = pw_cli_take_db(argc - 1, argv + 1, &ctx);
	if (cmd->flags & (NEED_DB | EXISTING_DB)) {
		rc = cmd->flags & NEED_DB ? pw_store_open(&ctx.store, ctx.db_path)
					  : pw_store_open_existing(&ctx.store, ctx.db_path);
		if (rc < 0)
			return finish(pw_err_of(rc, PW_ERR_DB));
	}
	rc = cmd->fn(argc, argv + 1, &ctx);
	if (ctx.store)
		pw_store_close(ctx.store);
	return finish(rc);
}
