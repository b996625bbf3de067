/*
 * cmd_annual.c - "planwatch annual [--plan ID] [--year Y] [--json]": the
 * targets annual documents set, year by year, against the five-year plan
 * (the path's value for the year, consistency, whether the year met its
 * target); "planwatch annual link ID (--indicator REF | --target REF |
 * --none)": a person's decision on what an annual target implements
 * (docs/annual.md).
 */
#include "cli/cli.h"
#include "cli/monitor_cli.h"
#include "eval/annual.h"
#include "eval/policy.h"
#include "model/plan_json.h"
#include "model/target_text.h"
#include "text/utf8.h"
#include "util/error.h"
#include "util/i18n.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define USAGE "annual [--plan ID] [--year Y] [--json] [--unapproved] [--tolerance X]\n" \
	      "       planwatch annual link ID (--indicator REF | --target REF | --none) [--by NAME]"

/* ---- the table as text ---- */

static void print_value(bool has, double v)
{
	if (has)
		printf("%-10g ", v);
	else
		printf("%-*s ", pw_utf8_pad("—", 10), "—");
}

/* "indicator 33 地区生产总值增长 (plan line 176)": the line lets a person
 * choose between candidates of the same name. */
static void print_item(const struct pw_annual_item *it)
{
	printf("%s %lld %s (%s %d)",
	       pw_cli_word(pw_entity_name(it->entity), pw_entity_label(it->entity)),
	       (long long)it->id, it->name ? it->name : "?", _("plan line"),
	       it->ind ? it->ind->line : it->t->line);
}

static void print_row(const struct pw_annual_row *row)
{
	const struct pw_annual_target *at = row->at;
	const char *text = at->t.t.text ? at->t.t.text : "";
	size_t i;

	printf("  %-5lld %-*s ", (long long)at->id, pw_utf8_pad(text, 34), text);
	if (!row->judged) {
		printf("%s\n", pw_cli_word(pw_link_status_name(row->status),
					   pw_link_status_label(row->status)));
		for (i = 0; i < row->nitems; i++) {
			printf("        %s ", _("candidate:"));
			print_item(&row->items[i]);
			putchar('\n');
		}
		if (row->status == PW_LINK_AMBIGUOUS)
			printf("        %s planwatch annual link %lld --%s ID\n", _("confirm with:"),
			       (long long)at->id, pw_entity_name(row->items[0].entity));
		return;
	}
	print_value(row->r.has_path, row->r.path);
	printf("%-*s ", pw_utf8_pad(pw_cli_word(pw_annual_fit_name(row->r.fit),
						 pw_annual_fit_label(row->r.fit)), 12),
	       pw_cli_word(pw_annual_fit_name(row->r.fit), pw_annual_fit_label(row->r.fit)));
	print_value(row->r.has_actual, row->r.actual);
	printf("%s\n", pw_cli_word(pw_status_name(row->r.status), pw_status_label(row->r.status)));
	printf("        → ");
	print_item(&row->items[0]);
	printf(" (%s)", pw_cli_word(pw_link_status_name(row->status),
				     pw_link_status_label(row->status)));
	if (row->r.has_needed)
		printf("; %s %g", _("needed after the years before"), row->r.needed);
	putchar('\n');
	if (row->restates)
		printf("        %s %lld (%s)\n", _("the same target as"),
		       (long long)row->restates->at->id,
		       row->restates->at->doc_title ? row->restates->at->doc_title : "");
}

static void print_text(const struct pw_annual_table *t, const char *title)
{
	size_t i;
	int year = 0;
	int64_t doc = 0;

	printf(_("plan %d: %s\n"), t->plan_id, title ? title : "");
	if (!t->nrows)
		printf("%s\n", _("no annual targets: import a work report or annual plan "
				  "(planwatch import FILE --kind annual)"));
	for (i = 0; i < t->nrows; i++) {
		const struct pw_annual_target *at = t->rows[i].at;

		if (at->year != year || at->doc_id != doc) {
			year = at->year;
			doc = at->doc_id;
			printf("\n%d  %s\n", year, at->doc_title ? at->doc_title : "");
			printf("  %-5s %-*s %-*s %-*s %-*s %s\n", "id",
			       pw_utf8_pad(_("annual target"), 34), _("annual target"),
			       pw_utf8_pad(_("path"), 10), _("path"),
			       pw_utf8_pad(_("consistency"), 12), _("consistency"),
			       pw_utf8_pad(_("actual"), 10), _("actual"), _("year's result"));
		}
		print_row(&t->rows[i]);
	}
}

/* ---- the table as JSON ---- */

static json_t *num_or_null(bool has, double v)
{
	return has && isfinite(v) ? pw_json_number(v) : json_null();
}

static json_t *item_json(const struct pw_annual_item *it)
{
	json_t *o = json_object();

	json_object_set_new(o, pw_entity_name(it->entity), json_integer(it->id));
	json_object_set_new(o, "name", it->name ? json_string(it->name) : json_null());
	json_object_set_new(o, "unit", it->unit ? json_string(it->unit) : json_null());
	json_object_set_new(o, "line", json_integer(it->ind ? it->ind->line : it->t->line));
	return o;
}

static json_t *row_json(const struct pw_annual_row *row)
{
	const struct pw_annual_target *at = row->at;
	json_t *o = json_object(), *c = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(at->id));
	json_object_set_new(o, "year", json_integer(at->year));
	json_object_set_new(o, "document", json_integer(at->doc_id));
	json_object_set_new(o, "line", json_integer(at->t.line));
	json_object_set_new(o, "text", at->t.t.text ? json_string(at->t.t.text) : json_null());
	json_object_set_new(o, "subject", at->t.subject ? json_string(at->t.subject) : json_null());
	json_object_set_new(o, "kind", json_string(pw_kind_name(at->t.t.kind)));
	json_object_set_new(o, "cmp", pw_cmp_name(at->t.t.cmp) ? json_string(pw_cmp_name(at->t.t.cmp))
							 : json_null());
	json_object_set_new(o, "value", num_or_null(at->t.t.has_value, at->t.t.value));
	json_object_set_new(o, "value_hi", num_or_null(at->t.t.has_value_hi, at->t.t.value_hi));
	json_object_set_new(o, "unit", at->t.unit ? json_string(at->t.unit) : json_null());
	json_object_set_new(o, "link", json_string(pw_link_status_name(row->status)));
	for (i = 0; i < row->nitems; i++)
		json_array_append_new(c, item_json(&row->items[i]));
	json_object_set_new(o, row->judged ? "linked" : "candidates",
			    row->judged ? item_json(&row->items[0]) : c);
	if (row->judged)
		json_decref(c);
	json_object_set_new(o, "term", row->judged ? json_string(pw_annual_term_name(row->r.term))
						   : json_null());
	json_object_set_new(o, "path", num_or_null(row->judged && row->r.has_path, row->r.path));
	json_object_set_new(o, "needed", num_or_null(row->judged && row->r.has_needed,
						     row->r.needed));
	json_object_set_new(o, "consistency",
			    row->judged ? json_string(pw_annual_fit_name(row->r.fit)) : json_null());
	json_object_set_new(o, "actual", num_or_null(row->judged && row->r.has_actual,
						     row->r.actual));
	json_object_set_new(o, "status", row->judged ? json_string(pw_status_name(row->r.status))
						     : json_null());
	json_object_set_new(o, "restates", row->restates ? json_integer(row->restates->at->id)
							 : json_null());
	return o;
}

static int print_json(const struct pw_annual_table *t)
{
	json_t *root = json_object(), *rows = json_array();
	size_t i;
	int rc;

	for (i = 0; i < t->nrows; i++)
		json_array_append_new(rows, row_json(&t->rows[i]));
	json_object_set_new(root, "plan", json_integer(t->plan_id));
	json_object_set_new(root, "targets", rows);
	rc = pw_json_print(stdout, root, PW_JSON_OUT);
	json_decref(root);
	return rc;
}

/* ---- annual link ---- */

static int cmd_link(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "indicator", required_argument, NULL, 'i' },
		{ "target", required_argument, NULL, 't' },
		{ "none", no_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_cli_ref ref = { PW_ENTITY_INDICATOR, 0, 0 };
	const char *by = NULL;
	int c, none = 0, rc;
	int64_t id;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			none = 1;
		else if (c == 'b')
			by = optarg;
		else if (c == 'i' || c == 't' ? pw_cli_ref_option(ctx->store, &ref, c, optarg) < 0 : 1)
			return pw_cli_ref_exit(&ref, USAGE);
	}
	if (optind != argc - 1 || !(id = pw_cli_id(argv[optind])) || none == !!ref.id)
		return pw_cli_usage(USAGE);
	rc = pw_store_annual_link(ctx->store, id, ref.entity, none ? 0 : ref.id, pw_cli_actor(by));
	if (rc < 0)
		return pw_cli_write_exit(rc);
	if (none)
		printf(_("annual target %lld: implements nothing in the plan\n"), (long long)id);
	else
		printf(_("annual target %lld: implements %s %lld (confirmed)\n"), (long long)id,
		       pw_cli_word(pw_entity_name(ref.entity), pw_entity_label(ref.entity)),
		       (long long)ref.id);
	return PW_EXIT_OK;
}

/* ---- annual ---- */

int cmd_annual(int argc, char **argv, struct pw_ctx *ctx)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "year", required_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ "unapproved", no_argument, NULL, 'u' },
		{ "tolerance", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct pw_annual_opts o = { 0, false, 0.05 };
	struct pw_plan_info info;
	struct pw_annual_table t;
	int c, json = 0, plan_id = 0, rc;

	if (argc > 1 && !strcmp(argv[1], "link"))
		return cmd_link(argc - 1, argv + 1, ctx);
	if (argc > 1 && !strcmp(argv[1], "list"))
		argc--, argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'p' ? pw_cli_plan(optarg, &plan_id) < 0
		    : c == 'y' ? !(o.year = pw_cli_year(optarg))
		    : c == 'T' ? pw_cli_tolerance(optarg, &o.tol) < 0
		    : c == 'j' ? (json = 1, 0)
		    : c == 'u' ? (o.unapproved = true, 0) : 1)
			return pw_cli_usage(USAGE);
	}
	if (optind != argc)
		return pw_cli_usage(USAGE);
	if (!plan_id && (rc = pw_policy_the_plan(ctx->store, &plan_id)) < 0)
		return pw_cli_exit(rc);
	if ((rc = pw_store_plan_info(ctx->store, plan_id, 0, &info)) < 0)
		return pw_cli_exit(rc);
	rc = pw_eval_annual(ctx->store, plan_id, &o, &t);
	if (rc == 0) {
		if (json)
			rc = print_json(&t);
		else
			print_text(&t, info.title);
	}
	pw_annual_table_release(&t);
	pw_plan_info_release(&info);
	return rc < 0 ? pw_cli_exit(rc) : PW_EXIT_OK;
}
