/*
 * cmd_report.c - "planwatch report --db PATH [--plan ID] [--version N]
 * --kind annual|midterm|final [--year Y] [--format FMT] [-o FILE]
 * [--tolerance X] [--unapproved]": writes the annual monitoring report,
 * the mid-term or the final evaluation of a stored plan (docs/reports.md).
 * The evaluation comes from eval/evaluation.h, the writers from
 * report/report.h, the defaults (plan, year) from eval/policy.h; this
 * file only parses options and calls them.
 */
#include "cli/cli.h"
#include "eval/policy.h"
#include "report/report.h"
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/outfile.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define USAGE "usage: planwatch report --db PATH [--plan ID] [--version N] " \
	      "--kind annual|midterm|final [--year Y] [--format md|html|xlsx|docx|csv|json] " \
	      "[-o FILE] [--tolerance X] [--unapproved]"

struct report_cli {
	int plan_id, version, format; /* format -1: from -o's extension, else md */
	const char *out;
	struct pw_eval_opts eo;
};

static int parse_name(int v, const char *what, const char *s, int *out)
{
	if (v < 0)
		return pw_error("unknown %s '%s'", what, s);
	*out = v;
	return 0;
}

static int parse_opt(int c, struct report_cli *cli)
{
	int kind = 0;

	switch (c) {
	case 'p': return pw_cli_int(optarg, "plan id", 1, 1L << 30, &cli->plan_id);
	case 'V': return pw_cli_int(optarg, "version", 1, 1L << 30, &cli->version);
	case 'y': return pw_cli_int(optarg, "year", 1900, 2200, &cli->eo.year);
	case 't': return pw_cli_tolerance(optarg, &cli->eo.assess.approx_tol);
	case 'u': cli->eo.unapproved = true; return 0;
	case 'o': cli->out = optarg; return 0;
	case 'f':
		return parse_name(pw_report_format_from_name(optarg), "format", optarg,
				  &cli->format);
	case 'k':
		if (parse_name(pw_report_kind_from_name(optarg), "report kind", optarg, &kind) < 0)
			return -1;
		cli->eo.kind = (enum pw_report_kind)kind;
		return 0;
	default: return -1;
	}
}

static int parse_args(int argc, char **argv, struct report_cli *cli, int *kind_given)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "version", required_argument, NULL, 'V' },
		{ "kind", required_argument, NULL, 'k' },
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "tolerance", required_argument, NULL, 't' },
		{ "unapproved", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:k:y:f:o:t:", opts, NULL)) != -1) {
		*kind_given |= c == 'k';
		if (parse_opt(c, cli) < 0)
			return -1;
	}
	return optind == argc ? 0 : pw_error("unexpected argument '%s'", argv[optind]);
}

/* The format an output file's extension names (.htm and .markdown too), or
 * -1; -2 when the name has no extension. */
static int format_of_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	if (!dot || dot == (slash ? slash + 1 : path))
		return -2;
	if (!strcasecmp(dot + 1, "htm"))
		return PW_FORMAT_HTML;
	if (!strcasecmp(dot + 1, "markdown"))
		return PW_FORMAT_MD;
	return pw_report_format_from_name(dot + 1);
}

/* The format from -o's extension when --format is not given: a file named
 * .pdf or .doc is refused rather than filled with Markdown; a --format
 * that disagrees with the extension is written with a warning. */
static int infer_format(struct report_cli *cli)
{
	int f = cli->out ? format_of_path(cli->out) : -2;

	if (cli->format >= 0) {
		if (f >= 0 && f != cli->format)
			pw_warning("writing a %s report to '%s'",
				   pw_report_format_name((enum pw_report_format)cli->format),
				   cli->out);
		return 0;
	}
	if (f == -1)
		return pw_error("cannot tell the format of '%s' from its extension: use "
				"--format md|html|csv|json|xlsx|docx", cli->out);
	cli->format = f >= 0 ? f : PW_FORMAT_MD;
	return 0;
}

/* --plan, else the only stored plan. */
/* --plan, else the only plan (eval/policy.h). */
static int pick_plan(struct pw_ctx *ctx, struct report_cli *cli)
{
	int rc;

	if (cli->plan_id)
		return PW_EXIT_OK;
	rc = pw_policy_the_plan(ctx->store, &cli->plan_id);
	if (rc == PW_STORE_NOTFOUND)
		return PW_EXIT_NOTFOUND;
	if (rc == PW_POLICY_AMBIGUOUS)
		return PW_EXIT_USAGE;
	return rc < 0 ? PW_EXIT_DB : PW_EXIT_OK;
}

/* --year, else the default of eval/policy.h for the kind and the plan. */
static int default_year(struct pw_ctx *ctx, struct report_cli *cli)
{
	struct pw_plan_info in;
	int rc;

	if (cli->eo.year)
		return PW_EXIT_OK;
	rc = pw_store_plan_info(ctx->store, cli->plan_id, cli->version, &in);
	if (rc < 0)
		return pw_err_of(rc, PW_ERR_DB);
	cli->eo.year = pw_policy_default_year(cli->eo.kind, in.start, in.end);
	pw_plan_info_release(&in);
	return PW_EXIT_OK;
}

/* A binary report with no -o goes through a temporary file to a pipe;
 * a terminal is refused. */
static int write_binary_stdout(const struct pw_evaluation *ev, enum pw_report_format f)
{
	char tmpl[] = "/tmp/planwatch-report.XXXXXX";
	char buf[65536];
	size_t n;
	FILE *in;
	int fd, rc = 0;

	if (isatty(STDOUT_FILENO))
		pw_die(PW_EXIT_USAGE, "refusing to write a %s report to a terminal: use -o FILE",
		       pw_report_format_name(f));
	fd = mkstemp(tmpl);
	if (fd < 0)
		pw_die(PW_ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	close(fd);
	pw_outfile_track(tmpl);
	if (pw_report_write(ev, f, tmpl) < 0 || !(in = fopen(tmpl, "rb"))) {
		remove(tmpl);
		pw_outfile_untrack(tmpl);
		return pw_err_of(-1, PW_ERR_FAIL);
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rc = -1;
	fclose(in);
	remove(tmpl);
	pw_outfile_untrack(tmpl);
	if (rc < 0 || fflush(stdout) != 0)
		pw_die(PW_ERR_IO, "cannot write the report to standard output");
	return PW_EXIT_OK;
}

static int write_report(const struct pw_evaluation *ev, const struct report_cli *cli)
{
	enum pw_report_format f = (enum pw_report_format)cli->format;

	if (!cli->out && pw_report_format_binary(f))
		return write_binary_stdout(ev, f);
	if (pw_report_write(ev, f, cli->out) < 0)
		return pw_err_of(-1, PW_ERR_FAIL);
	if (cli->out)
		fprintf(stderr, _("wrote %s (%s, %zu indicators)\n"), cli->out, ev->title, ev->ninds);
	return PW_EXIT_OK;
}

int cmd_report(int argc, char **argv, struct pw_ctx *ctx)
{
	struct report_cli cli = { .format = -1 };
	struct pw_evaluation ev;
	int kind_given = 0, rc;

	pw_eval_opts_init(&cli.eo);
	if (parse_args(argc, argv, &cli, &kind_given) < 0 || !kind_given) {
		if (!kind_given)
			pw_error("--kind is required");
		pw_error(USAGE);
		return PW_EXIT_USAGE;
	}
	if ((cli.out && pw_outfile_check(cli.out) < 0) || infer_format(&cli) < 0)
		return PW_EXIT_USAGE;
	rc = pick_plan(ctx, &cli);
	if (rc == PW_EXIT_OK)
		rc = default_year(ctx, &cli);
	if (rc != PW_EXIT_OK)
		return rc;
	rc = pw_eval_from_store(ctx->store, cli.plan_id, cli.version, &cli.eo, &ev);
	if (rc < 0)
		return pw_err_of(rc, PW_ERR_FAIL);
	rc = write_report(&ev, &cli);
	pw_eval_release(&ev);
	return rc;
}
