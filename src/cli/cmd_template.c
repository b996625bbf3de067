/*
 * cmd_template.c - "planwatch template --unit NAME --year Y (--xlsx |
 * --csv) [-o FILE]": the fill-in sheet of one responsible unit
 * (monitor/template.h); it imports back with "planwatch data import".
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "monitor/template.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define USAGE "template --unit NAME --year Y [--xlsx | --csv] [-o FILE]"

/* NAME-Y-填报.xlsx in the current directory: a '/' or a leading '.' of
 * the unit's name does not make it a path elsewhere. */
static void default_name(struct strbuf *sb, const char *unit, int year, int csv)
{
	const char *p;

	for (p = unit; *p; p++)
		sb_addch(sb, *p == '/' || *p == '\\' || (p == unit && *p == '.') ? '_' : *p);
	sb_addf(sb, "-%d-填报.%s", year, csv ? "csv" : "xlsx");
}

static int write_template(struct pw_ctx *ctx, const char *unit, int year, int csv,
			  const char *out)
{
	struct strbuf name = STRBUF_INIT;
	struct pw_template t;
	int rc = pw_template_build(ctx->store, unit, year, &t);

	if (rc < 0) {
		pw_template_release(&t);
		return pw_cli_exit(rc);
	}
	if (!out) {
		default_name(&name, unit, year, csv);
		out = name.buf;
	}
	if (!t.nrows && !t.nprojects)
		pw_warning("unit '%s' leads no indicator, target or project in %d (see 'planwatch "
			   "assign')", unit, year);
	rc = csv ? pw_template_write_csv(&t, out) : pw_template_write_xlsx(&t, out);
	if (rc == 0 && (!csv || strcmp(out, "-")) && t.nprojects)
		fprintf(stderr, _("%s: %zu row%s and %zu project%s for %s, %d\n"), out, t.nrows,
			t.nrows == 1 ? "" : "s", t.nprojects, t.nprojects == 1 ? "" : "s", unit, year);
	else if (rc == 0 && (!csv || strcmp(out, "-")))
		fprintf(stderr, _("%s: %zu row%s for %s, %d\n"), out, t.nrows, t.nrows == 1 ? "" : "s",
			unit, year);
	pw_template_release(&t);
	sb_release(&name);
	return pw_err_of(rc, PW_ERR_FAIL);
}

int cmd_template(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' }, { "year", required_argument, NULL, 'y' },
		{ "xlsx", no_argument, NULL, 'x' }, { "csv", no_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 },
	};
	const char *unit = NULL, *out = NULL;
	int c, year = 0, csv = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'u')
			unit = optarg;
		else if (c == 'y' && (year = pw_cli_year(optarg)) > 0)
			continue;
		else if (c == 'x' || c == 'c')
			csv = c == 'c';
		else if (c == 'o')
			out = optarg;
		else
			return pw_cli_usage(USAGE);
	}
	if (optind != argc || !unit || !year)
		return pw_cli_usage(USAGE);
	if (out && strcmp(out, "-") && pw_outfile_check(out) < 0)
		return PW_EXIT_USAGE;
	return write_template(ctx, unit, year, csv, out);
}
