/*
 * cmd_record.c - "planwatch record": one observation of an indicator or
 * prose target (validated as a batch of one: monitor/batch.h), or the
 * progress of a 专栏 project.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "monitor/batch.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "record (--indicator ID | --target ID) --year Y --value V [--unit U] " \
	      "[--source S] [--note N] [--estimated] [--by NAME] [--state draft|submitted]\n" \
	      "       planwatch record --project ID --year Y --status STATUS [--percent P] " \
	      "[--investment X] [--note N] [--source S] [--by NAME]"

struct record_args {
	struct pw_cli_ref ref;
	const char *year, *value, *unit, *source, *note, *by, *status, *percent, *investment;
	bool estimated;
	enum pw_obs_state state;
};

static int parse_args(int argc, char **argv, struct record_args *a, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' }, { "target", required_argument, NULL, 't' },
		{ "project", required_argument, NULL, 'p' }, { "year", required_argument, NULL, 'y' },
		{ "value", required_argument, NULL, 'v' }, { "unit", required_argument, NULL, 'u' },
		{ "source", required_argument, NULL, 's' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, { "state", required_argument, NULL, 'S' },
		{ "estimated", no_argument, NULL, 'e' }, { "status", required_argument, NULL, 'T' },
		{ "percent", required_argument, NULL, 'P' },
		{ "investment", required_argument, NULL, 'I' }, { NULL, 0, NULL, 0 },
	};
	int c, st;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if ((st = pw_cli_ref_option(ctx->store, &a->ref, c, optarg)) != 1) {
			if (st < 0)
				return -1;
			continue;
		}
		switch (c) {
		case 'y': a->year = optarg; break;
		case 'v': a->value = optarg; break;
		case 'u': a->unit = optarg; break;
		case 's': a->source = optarg; break;
		case 'n': a->note = optarg; break;
		case 'b': a->by = optarg; break;
		case 'e': a->estimated = true; break;
		case 'T': a->status = optarg; break;
		case 'P': a->percent = optarg; break;
		case 'I': a->investment = optarg; break;
		case 'S':
			st = pw_obs_state_from_name(optarg);
			if (st != PW_OBS_DRAFT && st != PW_OBS_SUBMITTED)
				return pw_error("--state is draft or submitted, not '%s'", optarg);
			a->state = (enum pw_obs_state)st;
			break;
		default: return -1;
		}
	}
	return optind == argc && a->ref.id && a->year ? 0 : -1;
}

static int record_value(struct pw_ctx *ctx, const struct record_args *a)
{
	struct pw_batch b;
	struct pw_batch_input in = {
		.entity = a->ref.entity, .id = a->ref.id, .year = a->year, .value = a->value,
		.unit = a->unit, .source = a->source, .note = a->note,
		.estimated = a->estimated ? "1" : NULL,
	};
	struct pw_batch_opts o = { .by = pw_cli_actor(a->by), .state = a->state };
	int own, rc;

	pw_batch_init(&b, NULL);
	b.opts = &o; /* the same value again is not recorded again */
	/* checked under the write lock: the same value recorded twice at
	 * once is written once (pw_batch_commit()) */
	rc = pw_store_write_begin(ctx->store, &own);
	if (rc == 0) {
		rc = pw_batch_add(ctx->store, &b, &in);
		if (rc == 0)
			rc = pw_batch_commit(ctx->store, &b, &o, NULL);
		rc = pw_store_write_end(ctx->store, own, rc);
	}
	pw_batch_print(&b, stderr);
	if (rc == 0)
		printf("%s %lld, %d: %.15g %s (%s)\n",
		       pw_cli_word(pw_entity_name(a->ref.entity), pw_entity_label(a->ref.entity)),
		       (long long)a->ref.id, b.rows[0].year, b.rows[0].value,
		       b.rows[0].unit ? b.rows[0].unit : "",
		       b.rows[0].unchanged ? _("unchanged: nothing written")
		       : pw_cli_word(pw_obs_state_name(a->state), pw_obs_state_label(a->state)));
	pw_batch_release(&b);
	return rc == 1 ? PW_ERR_INPUT : pw_err_of(rc, PW_ERR_DB);
}

/* An optional number option into *v; -1 when given but not a number. */
static int opt_number(const char *name, const char *s, bool *has, double *v)
{
	*has = s != NULL;
	return s ? pw_cli_number(name, s, v) : 0;
}

static int record_progress(struct pw_ctx *ctx, const struct record_args *a)
{
	struct pw_progress p = { .item_id = a->ref.id, .year = pw_cli_year(a->year),
				 .status = a->status, .note = a->note, .source = a->source,
				 .by = pw_cli_actor(a->by), .state = a->state };
	const char *status;
	int rc;

	if (!p.year || !a->status)
		return pw_cli_usage(USAGE);
	if (opt_number("percent", a->percent, &p.has_percent, &p.percent) < 0 ||
	    opt_number("investment", a->investment, &p.has_investment, &p.investment) < 0)
		return PW_EXIT_USAGE;
	rc = pw_store_progress_record(ctx->store, &p, NULL);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	status = pw_progress_status_name(pw_progress_status_from_name(a->status));
	printf(_("project %lld, %d: %s\n"), (long long)a->ref.id, p.year,
	       pw_cli_word(status, pw_progress_status_label(status)));
	return PW_EXIT_OK;
}

int cmd_record(int argc, char **argv, struct pw_ctx *ctx)
{
	struct record_args a;

	memset(&a, 0, sizeof(a));
	a.state = PW_OBS_DRAFT;
	if (parse_args(argc, argv, &a, ctx) < 0)
		return pw_cli_ref_exit(&a.ref, USAGE);
	if (a.ref.entity == PW_ENTITY_PROJECT)
		return record_progress(ctx, &a);
	if (!a.value)
		return pw_cli_usage(USAGE);
	return record_value(ctx, &a);
}
