/*
 * cmd_limit.c - "planwatch limit (--indicator ID | --target ID)": the
 * plausible limits the planning office set for the values of an
 * indicator or prose target; with --min and/or --max (or --clear) it sets
 * them (store/monitor.h, pw_store_limits_set()).  A value outside is then
 * refused by record, data import and the web form alike (monitor/batch.h).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "monitor/batch.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define USAGE "limit (--indicator ID | --target ID) [--min V] [--max V] [--clear] " \
	      "[--note TEXT] [--by NAME]"

struct limit_args {
	struct pw_cli_ref ref;
	struct pw_limits l;
	const char *by;
	int clear;
};

static int parse_one(int c, struct limit_args *a, struct pw_ctx *ctx)
{
	int v = pw_cli_ref_option(ctx->store, &a->ref, c, optarg);

	if (v != 1)
		return v;
	switch (c) {
	case 'm': a->l.has_min = true; return pw_cli_number("min", optarg, &a->l.min);
	case 'M': a->l.has_max = true; return pw_cli_number("max", optarg, &a->l.max);
	case 'c': a->clear = 1; return 0;
	case 'n': a->l.note = (char *)optarg; return 0; /* borrowed, never freed */
	case 'b': a->by = optarg; return 0;
	}
	return -1;
}

static int parse_args(int argc, char **argv, struct limit_args *a, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' }, { "target", required_argument, NULL, 't' },
		{ "min", required_argument, NULL, 'm' }, { "max", required_argument, NULL, 'M' },
		{ "clear", no_argument, NULL, 'c' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (parse_one(c, a, ctx) < 0)
			return -1;
	if (a->clear && (a->l.has_min || a->l.has_max))
		return -1;
	return optind == argc && a->ref.id && a->ref.entity != PW_ENTITY_PROJECT ? 0 : -1;
}

static int print_limits(struct pw_ctx *ctx, const struct pw_cli_ref *ref)
{
	struct strbuf text = STRBUF_INIT;
	struct pw_monitor_ref r;
	int rc = pw_store_monitor_ref(ctx->store, ref->entity, ref->id, &r);

	if (rc < 0)
		return pw_cli_exit(rc);
	pw_batch_limits_text(&r.limits, r.unit, &text);
	if (text.len)
		printf(_("%s %lld '%s': values must be %s%s%s\n"),
		       pw_cli_word(pw_entity_name(ref->entity), pw_entity_label(ref->entity)),
		       (long long)ref->id, r.name ? r.name : "", text.buf,
		       r.limits.note ? " — " : "", r.limits.note ? r.limits.note : "");
	else
		printf(_("%s %lld '%s': no limits set\n"),
		       pw_cli_word(pw_entity_name(ref->entity), pw_entity_label(ref->entity)),
		       (long long)ref->id, r.name ? r.name : "");
	sb_release(&text);
	pw_monitor_ref_release(&r);
	return PW_EXIT_OK;
}

int cmd_limit(int argc, char **argv, struct pw_ctx *ctx)
{
	struct limit_args a;
	int rc;

	memset(&a, 0, sizeof(a));
	if (parse_args(argc, argv, &a, ctx) < 0)
		return pw_cli_ref_exit(&a.ref, USAGE);
	if (!a.clear && !a.l.has_min && !a.l.has_max)
		return print_limits(ctx, &a.ref);
	rc = pw_store_limits_set(ctx->store, a.ref.entity, a.ref.id, &a.l, pw_cli_actor(a.by));
	if (rc < 0)
		return pw_cli_write_exit(rc);
	return print_limits(ctx, &a.ref);
}
