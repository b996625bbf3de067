/*
 * monitor_cli.h - option helpers shared by the monitoring commands
 * (unit, assign, record, data, obs, target, template).
 */
#ifndef PW_MONITOR_CLI_H
#define PW_MONITOR_CLI_H

#include "model/plan.h"
#include "store/monitor.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* A positive row id from s (ASCII digits only, no sign, blanks or
 * overflow), or 0. */
int64_t pw_cli_id(const char *s);
/* --plan ID: a positive plan id up to INT_MAX into *plan; -1 (reported)
 * when s is not one. */
int pw_cli_plan(const char *s, int *plan);
/* A year PW_MONITOR_YEAR_MIN..MAX from s (digits only), or 0. */
int pw_cli_year(const char *s);
/* A finite decimal number from s into *v (1,234.5 and -3 are; 1e3, 0x10,
 * nan, 12abc are not); -1 (reported, naming option `name`) otherwise. */
int pw_cli_number(const char *name, const char *s, double *v);
/* --by NAME, else $USER / $LOGNAME / the login name. */
const char *pw_cli_actor(const char *by);
/* The error kind of a store return value (pw_err_of()): the kind the
 * store reported, PW_STORE_NOTFOUND not found; a database error when it
 * reported none of a kind. */
int pw_cli_exit(int rc);
/* The same for a write, whose unclassified -1 is a plain failure. */
int pw_cli_write_exit(int rc);
/* The word to print for an enum value: zh (its Chinese word) when
 * messages come out in Chinese, else en (its English name). */
const char *pw_cli_word(const char *en, const char *zh);
/* Prints "usage: planwatch <text>" as an error; returns PW_EXIT_USAGE. */
int pw_cli_usage(const char *text);

/* A review step as the store takes it: pw_store_obs_transition(),
 * pw_store_progress_transition(). */
typedef int pw_cli_review_fn(struct pw_store *s, int64_t id, enum pw_obs_state to,
			     const char *note, const char *who, int64_t *new_id);

/*
 * "VERB ID [--note TEXT] [--by NAME]", argv[0] the verb (submit, approve
 * or return): moves row ID of the `noun` chain (observation, project
 * progress) with fn and prints "<noun> ID: <state> (now row N)".  Returns
 * the exit code: usage (with `usage`) when argv[0] is no verb or the
 * arguments are wrong, not found for an unknown row, failure for a
 * refused step.
 */
struct pw_ctx;
int pw_cli_review(int argc, char **argv, struct pw_ctx *ctx, const char *usage,
		  const char *noun, pw_cli_review_fn *fn);

/* How pw_cli_print_rows() writes one kind of listed row (observations,
 * project progress): rows are `size` bytes apart. */
struct pw_cli_listing {
	const char *header; /* the heading line of the text table */
	const char *noun;   /* names a row in errors: "observation" */
	size_t size;
	void (*print)(const void *row);       /* one text line */
	json_t *(*to_json)(const void *row);  /* NULL for text not UTF-8 */
	int64_t (*id)(const void *row);
};

/* The n rows as a text table, or (json) as a JSON array on stdout.  0, or
 * -1 (reported) when a row cannot be written as JSON (text that is not
 * UTF-8): no row is silently left out. */
int pw_cli_print_rows(const struct pw_cli_listing *l, const void *rows, size_t n, int json);

/* The current version of a stored plan with the row ids of its
 * indicators, prose targets and projects, in plan order, as the
 * monitoring listings walk it. */
struct pw_cli_plan_rows {
	struct pw_plan plan;
	int64_t *ind, *tgt, *prj;
	size_t nind, ntgt, nprj;
};

/* Loads plan plan_id into r (the project ids only when items) and prints
 * its heading "plan N: TITLE".  0, or a store code (nothing printed).
 * Release r with pw_cli_plan_rows_release() either way. */
int pw_cli_plan_rows_load(struct pw_store *s, int plan_id, int items,
			  struct pw_cli_plan_rows *r);
void pw_cli_plan_rows_release(struct pw_cli_plan_rows *r);

/* --indicator/--target/--project ID as getopt gives them: records which
 * one was given (more than one is an error: returns -1).  An indicator
 * may also be named as TABLE:NO[:NAME] ("2:15", "表2:9:城镇登记失业率"),
 * resolved in the current version of the only plan with such a table. */
struct pw_cli_ref {
	enum pw_entity entity;
	int64_t id; /* 0 until given */
	int fail;   /* after a refused reference: its exit code (usage, not found, db) */
};

int pw_cli_set_ref(struct pw_store *s, struct pw_cli_ref *r, enum pw_entity e,
		   const char *arg);

/* The getopt codes of the reference options: --indicator 'i', --target
 * 't', --project 'p'.  For c one of them, sets r from arg (pw_cli_set_ref)
 * and returns 0 or -1; for any other c returns 1 (not a reference). */
int pw_cli_ref_option(struct pw_store *s, struct pw_cli_ref *r, int c, const char *arg);

/* The exit code after the options were refused: r's own code when the
 * reference names nothing (not found) or the database failed, already
 * reported, with no usage text; else the usage (pw_cli_usage()). */
int pw_cli_ref_exit(const struct pw_cli_ref *r, const char *usage);

#endif
