/*
 * cmd_target.c - "planwatch target set (--indicator ID | --target ID)
 * --value V ...": records the target another body sets (按市定目标执行,
 * 按下达目标确定), so that assessment can judge the indicator; and
 * "target show [--indicator ID | --target ID]": one, or every recorded
 * one with its indicator or prose target; "target link --target ID
 * [--indicator ID | --none]": the table indicator a prose target restates,
 * and the office's correction of it.
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <stdbool.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINK_USAGE "target link --target ID [--indicator ID | --none] [--note TEXT] [--by NAME]"
#define USAGE "target set (--indicator ID | --target ID) --value V [--value-hi V] " \
	      "[--cmp ge|le|eq|approx|range] [--kind level|growth|cumulative|annual] " \
	      "[--year Y] [--unit U] [--source TEXT] [--note TEXT] [--by NAME]\n" \
	      "       planwatch target show [--indicator ID | --target ID]\n" \
	      "       planwatch " LINK_USAGE

static int set_enum(int v, const char *what, const char *arg, int *out)
{
	if (v < 0)
		return pw_error("unknown %s '%s'", what, arg);
	*out = v;
	return 0;
}

struct target_args {
	struct pw_cli_ref ref;
	struct pw_external x;
	const char *by;
	int has_value;
};

static int parse_one(int c, struct target_args *a, struct pw_ctx *ctx)
{
	int v = 0;

	if ((v = pw_cli_ref_option(ctx->store, &a->ref, c, optarg)) != 1)
		return v;
	switch (c) {
	case 'v': a->has_value = 1; return pw_cli_number("value", optarg, &a->x.value);
	case 'h': a->x.has_value_hi = true; return pw_cli_number("value-hi", optarg, &a->x.value_hi);
	case 'c':
		if (set_enum(pw_cmp_from_name(optarg), "comparison", optarg, &v) < 0)
			return -1;
		a->x.cmp = (enum pw_cmp)v;
		return 0;
	case 'k':
		if (set_enum(pw_kind_from_name(optarg), "kind", optarg, &v) < 0)
			return -1;
		a->x.kind = (enum pw_kind)v;
		return 0;
	case 'y':
		a->x.year = pw_cli_year(optarg);
		return a->x.year ? 0 : pw_error("year '%s' is not a year", optarg);
	case 'u': a->x.unit = optarg; return 0;
	case 's': a->x.source = optarg; return 0;
	case 'n': a->x.note = optarg; return 0;
	case 'b': a->by = optarg; return 0;
	}
	return -1;
}

static int parse_args(int argc, char **argv, struct target_args *a, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' }, { "target", required_argument, NULL, 't' },
		{ "value", required_argument, NULL, 'v' }, { "value-hi", required_argument, NULL, 'h' },
		{ "cmp", required_argument, NULL, 'c' }, { "kind", required_argument, NULL, 'k' },
		{ "year", required_argument, NULL, 'y' }, { "unit", required_argument, NULL, 'u' },
		{ "source", required_argument, NULL, 's' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (parse_one(c, a, ctx) < 0)
			return -1;
	return optind == argc && a->ref.id ? 0 : -1;
}

static void print_external(const struct target_args *a, const struct pw_external *x)
{
	printf(_("%s %lld: external target %s %s %.15g"),
	       pw_cli_word(pw_entity_name(a->ref.entity), pw_entity_label(a->ref.entity)),
	       (long long)a->ref.id, pw_cli_word(pw_kind_name(x->kind), pw_kind_label(x->kind)),
	       pw_cli_word(pw_cmp_name(x->cmp), pw_cmp_label(x->cmp)), x->value);
	if (x->has_value_hi)
		printf("-%.15g", x->value_hi);
	if (x->unit)
		printf(" %s", x->unit);
	if (x->year)
		printf(_(" by %d"), x->year);
	if (x->source)
		printf(" (%s)", x->source);
	if (x->set_by)
		printf(_(", set by %s at %s"), x->set_by, x->set_at ? x->set_at : "?");
	putchar('\n');
}

static int target_set(int argc, char **argv, struct pw_ctx *ctx)
{
	struct target_args a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.x.cmp = PW_CMP_EQ;
	a.x.kind = PW_KIND_LEVEL;
	if (parse_args(argc, argv, &a, ctx) < 0)
		return pw_cli_ref_exit(&a.ref, USAGE);
	if (!a.has_value)
		return pw_cli_usage(USAGE);
	rc = pw_store_external_set(ctx->store, a.ref.entity, a.ref.id, &a.x, pw_cli_actor(a.by),
				   NULL);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	print_external(&a, &a.x);
	return PW_EXIT_OK;
}

/* Prints the external target recorded for row id of entity e as one line
 * of the list, headed by `what` (its name); nothing when none is set. */
static int show_one(struct pw_ctx *ctx, enum pw_entity e, int64_t id, const char *what)
{
	struct target_args a;
	struct pw_external x;
	int rc = pw_store_external_get(ctx->store, e, id, &x);

	if (rc == PW_STORE_NOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.ref.entity = e;
	a.ref.id = id;
	printf("  %s  ", what);
	print_external(&a, &x);
	pw_external_release(&x);
	return 1;
}

static bool is_external(const struct pw_target *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].kind == PW_KIND_EXTERNAL)
			return true;
	return false;
}

/* The external targets of one plan's indicators; their number or -1. */
static int show_indicators(struct pw_ctx *ctx, const struct pw_plan *p, const int64_t *ids,
			   size_t n)
{
	struct strbuf what = STRBUF_INIT;
	size_t t, r, k = 0;
	int rc = 0, found = 0;

	for (t = 0; t < p->ntables && rc >= 0; t++)
		for (r = 0; r < p->tables[t].nrows && k < n && rc >= 0; r++, k++) {
			const struct pw_indicator *ind = &p->tables[t].rows[r];

			if (!is_external(ind->targets, ind->ntargets))
				continue;
			sb_reset(&what);
			sb_addf(&what, "%s %s%s%s", ind->no ? ind->no : "-",
				ind->group ? ind->group : "", ind->group ? "：" : "",
				ind->name ? ind->name : "");
			rc = show_one(ctx, PW_ENTITY_INDICATOR, ids[k], what.buf);
			found += rc > 0;
		}
	sb_release(&what);
	return rc < 0 ? -1 : found;
}

/* The same for the prose targets of kind external. */
static int show_targets(struct pw_ctx *ctx, const struct pw_plan *p, const int64_t *ids,
			size_t n)
{
	size_t k;
	int rc = 0, found = 0;

	for (k = 0; k < n && k < p->ntargets && rc >= 0; k++) {
		const struct pw_prose_target *t = &p->targets[k];

		if (t->t.kind != PW_KIND_EXTERNAL)
			continue;
		rc = show_one(ctx, PW_ENTITY_TARGET, ids[k],
			      t->subject ? t->subject : t->t.text ? t->t.text : "");
		found += rc > 0;
	}
	return rc < 0 ? -1 : found;
}

/* Every external target recorded for the current version of plan_id;
 * their number, or -1. */
static int show_plan(struct pw_ctx *ctx, int plan_id)
{
	struct pw_cli_plan_rows r;
	int rc = pw_cli_plan_rows_load(ctx->store, plan_id, 0, &r);
	int n1, n2;

	if (rc == 0) {
		n1 = show_indicators(ctx, &r.plan, r.ind, r.nind);
		n2 = n1 < 0 ? 0 : show_targets(ctx, &r.plan, r.tgt, r.ntgt);
		rc = n1 < 0 || n2 < 0 ? -1 : n1 + n2;
	}
	pw_cli_plan_rows_release(&r);
	return rc;
}

static int show_all(struct pw_ctx *ctx)
{
	struct pw_plan_info *infos;
	size_t i, n;
	int rc = 0, total = 0;

	if (pw_store_list_plans(ctx->store, &infos, &n) < 0)
		return PW_EXIT_DB;
	for (i = 0; rc >= 0 && i < n; i++)
		if ((rc = show_plan(ctx, infos[i].id)) > 0)
			total += rc;
	pw_plan_info_free_array(infos, n);
	if (rc < 0)
		return pw_cli_exit(rc);
	if (!total)
		printf("%s\n", _("no external targets set (set one with 'planwatch target set')"));
	return PW_EXIT_OK;
}

static int target_show(int argc, char **argv, struct pw_ctx *ctx)
{
	struct target_args a;
	struct pw_external x;
	int rc;

	if (argc == 1)
		return show_all(ctx);
	memset(&a, 0, sizeof(a));
	if (parse_args(argc, argv, &a, ctx) < 0)
		return pw_cli_ref_exit(&a.ref, USAGE);
	rc = pw_store_external_get(ctx->store, a.ref.entity, a.ref.id, &x);
	if (rc == PW_STORE_NOTFOUND) {
		printf(_("%s %lld: no external target set\n"), pw_entity_name(a.ref.entity),
		       (long long)a.ref.id);
		return PW_EXIT_OK;
	}
	if (rc < 0)
		return PW_EXIT_DB;
	print_external(&a, &x);
	pw_external_release(&x);
	return PW_EXIT_OK;
}

/* ---- target link: which table indicator a prose target restates -------- */

static int print_link(struct pw_ctx *ctx, int64_t target)
{
	int64_t ind;

	if (pw_store_target_link_get(ctx->store, target, &ind) < 0)
		return PW_EXIT_DB;
	if (ind)
		printf(_("target %lld restates indicator %lld (their values are entered once, "
			 "for the indicator)\n"), (long long)target, (long long)ind);
	else
		printf(_("target %lld restates no table indicator\n"), (long long)target);
	return PW_EXIT_OK;
}

/*
 * "target link --target ID": the link in force; with --indicator ID (or
 * TABLE:NO) or --none, the office's correction (pw_store_target_link()).
 */
static int target_link(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "target", required_argument, NULL, 't' }, { "indicator", required_argument, NULL, 'i' },
		{ "none", no_argument, NULL, 'n' }, { "note", required_argument, NULL, 'N' },
		{ "by", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 },
	};
	struct pw_cli_ref tgt = { 0 }, ind = { 0 };
	const char *note = NULL, *by = NULL;
	int c, none = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't' && pw_cli_set_ref(ctx->store, &tgt, PW_ENTITY_TARGET, optarg) < 0)
			return pw_cli_ref_exit(&tgt, LINK_USAGE);
		if (c == 'i' && pw_cli_set_ref(ctx->store, &ind, PW_ENTITY_INDICATOR, optarg) < 0)
			return pw_cli_ref_exit(&ind, LINK_USAGE);
		if (c == 'n')
			none = 1;
		else if (c == 'N')
			note = optarg;
		else if (c == 'b')
			by = optarg;
		else if (c != 't' && c != 'i')
			return pw_cli_usage(LINK_USAGE);
	}
	if (optind != argc || !tgt.id || (none && ind.id))
		return pw_cli_usage(LINK_USAGE);
	if (!none && !ind.id)
		return print_link(ctx, tgt.id);
	rc = pw_store_target_link(ctx->store, tgt.id, ind.id, note, pw_cli_actor(by));
	if (rc < 0)
		return pw_cli_write_exit(rc);
	return print_link(ctx, tgt.id);
}

int cmd_target(int argc, char **argv, struct pw_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "link"))
		return target_link(argc - 1, argv + 1, ctx);
	if (argc >= 2 && !strcmp(argv[1], "set"))
		return target_set(argc - 1, argv + 1, ctx);
	if (argc >= 2 && !strcmp(argv[1], "show"))
		return target_show(argc - 1, argv + 1, ctx);
	return pw_cli_usage(USAGE);
}
