/*
 * cli.h - what every command handler shares.
 *
 * Adding a command (the checklist, after git's builtin.h):
 *  1. write int cmd_<verb>(int argc, char **argv, struct pw_ctx *ctx) in
 *     src/cli/cmd_<verb>.c; it parses its own options with getopt_long,
 *     calls library functions only, and returns an error kind (enum
 *     pw_err, util/error.h: PW_OK, or pw_err_of() of the failed call);
 *     main() maps it to the exit code and checks standard output;
 *  2. declare it below and add a row to the table in src/main.c, with the
 *     flags it needs (NEED_DB opens the database before the handler runs);
 *  3. add its synopsis to that row, every option it accepts to
 *     src/cli/help.c and docs/cli.md (t0110-help.sh checks both), and its
 *     messages to the catalogue (make po);
 *  4. add tests: tests/unit for the library part, tests/e2e for the command.
 */
#ifndef PW_CLI_H
#define PW_CLI_H

#include "model/plan.h"

#include <stdio.h>

struct pw_store;

struct pw_ctx {
	const char *db_path;    /* --db, $PLANWATCH_DB, or "planwatch.db" */
	int db_given;           /* --db was on the command line */
	struct pw_store *store; /* open when the command has NEED_DB */
};

/* Removes a global "--db PATH" / "--db=PATH" from argv (any position),
 * storing it in ctx, and protects it from being an output file
 * (pw_outfile_protect()).  Returns the new argc. */
int pw_cli_take_db(int argc, char **argv, struct pw_ctx *ctx);

/* An integer lo..hi from the whole of s into *out; -1 (reported as
 * "bad <what> 's'") otherwise. */
int pw_cli_int(const char *s, const char *what, long lo, long hi, int *out);
/* --tolerance: "0.05", "5%" and "5" all mean 5% (a fraction of 1 or more
 * makes no sense) into *out; -1 (reported) for anything else or 100%+. */
int pw_cli_tolerance(const char *s, double *out);

/* --kind plan|annual and --year Y of extract and import: an annual
 * document (docs/annual.md) is detected from its title unless --kind says;
 * --year overrides the year it sets targets for.  kind -1: detect. */
struct pw_cli_doc {
	int kind; /* -1, or enum pw_doc_kind */
	int year; /* 0: detect */
};
#define PW_CLI_DOC_INIT { -1, 0 }
/* getopt code 'K' (--kind) or 'Y' (--year) with its argument; 0 or -1
 * (reported). */
int pw_cli_doc_option(int c, const char *arg, struct pw_cli_doc *d);
/* Before reading: what the options fix in p (model/plan.h). */
void pw_cli_doc_preset(const struct pw_cli_doc *d, struct pw_plan *p);
/* After reading: --kind plan wins over the title; an annual document
 * needs a year.  0 or -1 (reported, naming path). */
int pw_cli_doc_check(const struct pw_cli_doc *d, struct pw_plan *p, const char *path);

/* One option as --help lists it: "--year Y" and what it does (English
 * source, translated when printed). */
struct pw_cli_opt {
	const char *spelling;
	const char *help;
};

/* Prints every option of command cmd, then the global ones, to f. */
void pw_cli_print_options(FILE *f, const char *cmd);

int cmd_extract(int argc, char **argv, struct pw_ctx *ctx);
int cmd_lint(int argc, char **argv, struct pw_ctx *ctx);
int cmd_import(int argc, char **argv, struct pw_ctx *ctx);
int cmd_list(int argc, char **argv, struct pw_ctx *ctx);
int cmd_show(int argc, char **argv, struct pw_ctx *ctx);
int cmd_assess(int argc, char **argv, struct pw_ctx *ctx);
int cmd_report(int argc, char **argv, struct pw_ctx *ctx);
/* monitoring (docs/monitoring.md) */
int cmd_unit(int argc, char **argv, struct pw_ctx *ctx);
int cmd_assign(int argc, char **argv, struct pw_ctx *ctx);
int cmd_record(int argc, char **argv, struct pw_ctx *ctx);
int cmd_data(int argc, char **argv, struct pw_ctx *ctx);
int cmd_obs(int argc, char **argv, struct pw_ctx *ctx);
int cmd_progress(int argc, char **argv, struct pw_ctx *ctx);
int cmd_target(int argc, char **argv, struct pw_ctx *ctx);
int cmd_template(int argc, char **argv, struct pw_ctx *ctx);
int cmd_limit(int argc, char **argv, struct pw_ctx *ctx);
int cmd_deadline(int argc, char **argv, struct pw_ctx *ctx);
/* annual documents against the plan (docs/annual.md) */
int cmd_annual(int argc, char **argv, struct pw_ctx *ctx);
/* web (docs/api.md) */
int cmd_serve(int argc, char **argv, struct pw_ctx *ctx);
int cmd_publish(int argc, char **argv, struct pw_ctx *ctx);
int cmd_user(int argc, char **argv, struct pw_ctx *ctx);
/* copies and checks of the database (store/backup.h) */
int cmd_backup(int argc, char **argv, struct pw_ctx *ctx);
int cmd_restore(int argc, char **argv, struct pw_ctx *ctx);
int cmd_check(int argc, char **argv, struct pw_ctx *ctx);

#endif
