/*
 * cli.c - option handling shared by all commands.
 */
#include "cli/cli.h"
#include "util/error.h"
#include "util/outfile.h"

#include <errno.h>
#include <math.h>
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
	/* no output file of this run may be the database (util/outfile.h) */
	pw_outfile_protect(ctx->db_path);
	return j;
}

int pw_cli_int(const char *s, const char *what, long lo, long hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return pw_error("bad %s '%s'", what, s);
	*out = (int)v;
	return 0;
}

int pw_cli_tolerance(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0 || (*end && strcmp(end, "%")))
		return pw_error("bad tolerance '%s'", s);
	if (*end || v >= 1.0)
		v /= 100.0;
	if (v >= 1.0)
		return pw_error("tolerance '%s' is 100%% or more", s);
	*out = v;
	return 0;
}

/* ---- --kind and --year of extract and import ---- */

int pw_cli_doc_option(int c, const char *arg, struct pw_cli_doc *d)
{
	int k;

	if (c == 'K') {
		if ((k = pw_doc_kind_from_name(arg)) < 0)
			return pw_error("--kind is plan or annual, not '%s'", arg);
		d->kind = k;
		return 0;
	}
	return pw_cli_int(arg, "year", 1900, 2200, &d->year);
}

void pw_cli_doc_preset(const struct pw_cli_doc *d, struct pw_plan *p)
{
	if (d->kind == PW_DOC_ANNUAL || (d->kind < 0 && d->year))
		p->doc_kind = PW_DOC_ANNUAL;
	p->year = d->kind == PW_DOC_PLAN ? 0 : d->year;
}

int pw_cli_doc_check(const struct pw_cli_doc *d, struct pw_plan *p, const char *path)
{
	if (d->kind == PW_DOC_PLAN) {
		if (d->year)
			return pw_error("--year is for annual documents, not with --kind plan");
		p->doc_kind = PW_DOC_PLAN;
		p->year = 0;
	}
	if (p->doc_kind == PW_DOC_ANNUAL && !p->year)
		return pw_error("'%s': cannot tell the year the annual document sets targets for: "
				"give --year", path);
	return 0;
}
