/*
 * monitor_cli.c - option helpers of the monitoring commands
 * (monitor_cli.h).
 */
#include "cli/monitor_cli.h"
#include "cli/cli.h"
#include "store/store.h"
#include "text/number.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* s as a number of ASCII digits only, at most max; -1 when it is not. */
static int64_t digits(const char *s, int64_t max)
{
	int64_t v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int64_t pw_cli_id(const char *s)
{
	int64_t v = digits(s, INT64_MAX);

	return v > 0 ? v : 0;
}

int pw_cli_plan(const char *s, int *plan)
{
	int64_t v = digits(s, INT_MAX);

	if (v <= 0)
		return pw_error("plan '%s' is not a plan id (see 'planwatch list')", s);
	*plan = (int)v;
	return 0;
}

int pw_cli_year(const char *s)
{
	int64_t v = digits(s, PW_MONITOR_YEAR_MAX);

	return v >= PW_MONITOR_YEAR_MIN ? (int)v : 0;
}

int pw_cli_number(const char *name, const char *s, double *v)
{
	size_t n = s ? pw_scan_number(s, v) : 0;

	if (!n || s[n] || !isfinite(*v))
		return pw_error("--%s '%s' is not a number", name, s ? s : "");
	return 0;
}

const char *pw_cli_actor(const char *by)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (by && *by)
		return by;
	if (!u || !*u)
		u = getenv("LOGNAME");
	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

int pw_cli_exit(int rc)
{
	return pw_err_of(rc, PW_ERR_DB);
}

int pw_cli_write_exit(int rc)
{
	return pw_err_of(rc, PW_ERR_FAIL);
}

const char *pw_cli_word(const char *en, const char *zh)
{
	return zh && pw_i18n_chinese() ? zh : en;
}

int pw_cli_usage(const char *text)
{
	pw_error("usage: planwatch %s", text);
	return PW_EXIT_USAGE;
}

int pw_cli_review(int argc, char **argv, struct pw_ctx *ctx, const char *usage,
		  const char *noun, pw_cli_review_fn *fn)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' }, { "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const verbs[] = { NULL, "submit", "approve", "return" };
	const char *note = NULL, *by = NULL;
	int64_t id, new_id;
	int c, rc, to;

	for (to = PW_OBS_SUBMITTED; to <= PW_OBS_RETURNED; to++)
		if (argc >= 1 && !strcmp(argv[0], verbs[to]))
			break;
	if (to > PW_OBS_RETURNED)
		return pw_cli_usage(usage);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			note = optarg;
		else if (c == 'b')
			by = optarg;
		else
			return pw_cli_usage(usage);
	}
	if (optind != argc - 1 || !(id = pw_cli_id(argv[optind])))
		return pw_cli_usage(usage);
	rc = fn(ctx->store, id, (enum pw_obs_state)to, note, pw_cli_actor(by), &new_id);
	if (rc < 0)
		return pw_cli_write_exit(rc);
	printf(_("%s %lld: %s (now row %lld)\n"), _(noun), (long long)id,
	       pw_cli_word(pw_obs_state_name((enum pw_obs_state)to),
			   pw_obs_state_label((enum pw_obs_state)to)),
	       (long long)new_id);
	return PW_EXIT_OK;
}

int pw_cli_print_rows(const struct pw_cli_listing *l, const void *rows, size_t n, int json)
{
	const char *row = rows;
	json_t *a, *o;
	size_t i;

	if (!json) {
		puts(l->header);
		for (i = 0; i < n; i++)
			l->print(row + i * l->size);
		return 0;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		o = l->to_json(row + i * l->size);
		if (!o) {
			json_decref(a);
			return pw_error("%s %lld has text that is not UTF-8", l->noun,
					(long long)l->id(row + i * l->size));
		}
		json_array_append_new(a, o);
	}
	json_dumpf(a, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(a);
	return 0;
}

int pw_cli_plan_rows_load(struct pw_store *s, int plan_id, int items,
			  struct pw_cli_plan_rows *r)
{
	struct pw_plan *p = &r->plan;
	int rc;

	memset(r, 0, sizeof(*r));
	pw_plan_init(p);
	rc = pw_store_load_plan(s, plan_id, 0, p);
	if (rc == 0)
		rc = pw_store_plan_indicator_ids(s, plan_id, 0, &r->ind, &r->nind);
	if (rc == 0)
		rc = pw_store_plan_target_ids(s, plan_id, 0, &r->tgt, &r->ntgt);
	if (rc == 0 && items)
		rc = pw_store_plan_item_ids(s, plan_id, 0, &r->prj, &r->nprj);
	if (rc == 0)
		printf("plan %d: %s\n", plan_id, p->title ? p->title : p->source ? p->source : "");
	return rc;
}

void pw_cli_plan_rows_release(struct pw_cli_plan_rows *r)
{
	free(r->ind);
	free(r->tgt);
	free(r->prj);
	pw_plan_free(&r->plan);
}

/* "表2:9:城镇登记失业率" -> table 2, no "9", name; -1 when not that form. */
static int split_ref(const char *arg, int *table, struct strbuf *no, struct strbuf *name)
{
	const char *p = arg, *colon = strchr(arg, ':');
	const char *second;
	struct strbuf num = STRBUF_INIT;
	int64_t t;

	if (!colon)
		return -1;
	while (p < colon && !isdigit((unsigned char)*p))
		p++;
	sb_add(&num, p, (size_t)(colon - p));
	t = digits(num.buf, 9999);
	sb_release(&num);
	*table = t > 0 ? (int)t : 0;
	second = strchr(colon + 1, ':');
	sb_add(no, colon + 1, second ? (size_t)(second - colon - 1) : strlen(colon + 1));
	if (second)
		sb_addstr(name, second + 1);
	return *table > 0 ? 0 : -1;
}

/* Resolves arg into *id; -1 with *fail the exit code otherwise. */
static int resolve_ref(struct pw_store *s, const char *arg, int64_t *id, int *fail)
{
	struct strbuf no = STRBUF_INIT, name = STRBUF_INIT;
	const char *why = NULL;
	int table, rc = split_ref(arg, &table, &no, &name);

	*fail = PW_EXIT_USAGE;
	if (rc < 0) {
		rc = pw_error("'%s' is not an id or TABLE:NO[:NAME] (see 'planwatch assign list')", arg);
	} else {
		rc = pw_store_find_indicator(s, 0, table, no.buf, name.len ? name.buf : NULL, id, &why);
		*fail = pw_cli_exit(rc);
	}
	if (rc == PW_STORE_NOTFOUND)
		rc = pw_error("indicator '%s': %s", arg, why);
	sb_release(&no);
	sb_release(&name);
	return rc < 0 ? -1 : 0;
}

/* An indicator or target id must name a row: not found otherwise (a
 * project's is checked by the store when it is written). */
static int check_ref(struct pw_store *s, struct pw_cli_ref *r)
{
	struct pw_monitor_ref m;
	int rc;

	if (!s || r->entity == PW_ENTITY_PROJECT)
		return 0;
	rc = pw_store_monitor_ref(s, r->entity, r->id, &m);
	if (rc == 0)
		pw_monitor_ref_release(&m);
	else if (rc == PW_STORE_NOTFOUND)
		pw_error_kind(PW_ERR_NOTFOUND, "no %s %lld in the database",
			      pw_entity_name(r->entity), (long long)r->id);
	r->fail = pw_cli_exit(rc);
	return rc < 0 ? -1 : 0;
}

int pw_cli_set_ref(struct pw_store *s, struct pw_cli_ref *r, enum pw_entity e,
		   const char *arg)
{
	r->fail = PW_EXIT_USAGE;
	if (r->id)
		return pw_error("give one of --indicator, --target, --project");
	r->entity = e;
	r->id = pw_cli_id(arg);
	if (r->id)
		return check_ref(s, r);
	if (e == PW_ENTITY_INDICATOR && s)
		return resolve_ref(s, arg, &r->id, &r->fail);
	return pw_error("'%s' is not an id (see 'planwatch assign list')", arg);
}

int pw_cli_ref_option(struct pw_store *s, struct pw_cli_ref *r, int c, const char *arg)
{
	static const char codes[] = "itp";
	const char *k = c ? strchr(codes, c) : NULL;

	if (!k)
		return 1;
	return pw_cli_set_ref(s, r, (enum pw_entity)(k - codes), arg) < 0 ? -1 : 0;
}

int pw_cli_ref_exit(const struct pw_cli_ref *r, const char *usage)
{
	if (r->fail == PW_EXIT_NOTFOUND || r->fail == PW_EXIT_DB)
		return r->fail;
	return pw_cli_usage(usage);
}
