/*
 * monitor_refs.c - what monitoring needs to know about indicators and
 * targets (facts for validation and templates, the 表/序号/指标名称
 * reference form of data files), external targets (按市定目标执行) and
 * project progress.  See monitor.h.
 */
#include "store/monitor_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Table numbers                                                      */

/* The number after 表 or 专栏 in a table title ("表 2 ..." -> 2), else 0. */
static int title_number(const char *title)
{
	static const char *const marks[] = { "表", "专栏" };
	const char *p;
	size_t i;
	int v = 0;

	for (i = 0; title && i < 2; i++) {
		p = strstr(title, marks[i]);
		if (!p)
			continue;
		p += strlen(marks[i]);
		while (*p == ' ')
			p++;
		while (isdigit((unsigned char)*p) && v < 1000)
			v = v * 10 + (*p++ - '0');
		if (v)
			return v;
	}
	return 0;
}

static int table_no(sqlite3_stmt *st, int title_col, int seq_col)
{
	int v = title_number((const char *)sqlite3_column_text(st, title_col));

	return v ? v : sqlite3_column_int(st, seq_col) + 1;
}

/* ------------------------------------------------------------------ */
/* Facts about one indicator or target                                */

void pw_monitor_ref_release(struct pw_monitor_ref *r)
{
	free(r->no);
	free(r->group);
	free(r->name);
	free(r->unit);
	free(r->target_text);
	free(r->kinds);
	memset(r, 0, sizeof(*r));
}

static const char ind_ref_sql[] =
	"SELECT i.id, v.plan_id, COALESCE(t.period_start, v.period_start),"
	" COALESCE(t.period_end, v.period_end), t.title, t.seq, i.no, i.group_name, i.name,"
	" i.unit, i.attribute, i.direction, i.baseline_year, i.baseline_value,"
	" (SELECT group_concat(x, '; ') FROM (SELECT COALESCE(g.text, g.kind) AS x"
	"  FROM targets g WHERE g.indicator_id = i.id ORDER BY g.seq)),"
	" (SELECT group_concat(k, ',') FROM (SELECT g.kind AS k FROM targets g"
	"  WHERE g.indicator_id = i.id ORDER BY g.seq))"
	" FROM indicators i JOIN indicator_tables t ON t.id = i.table_id"
	" JOIN plan_versions v ON v.id = i.version_id WHERE i.id = ?";

/* Prose targets: the same columns, with the subject as name. */
static const char tgt_ref_sql[] =
	"SELECT g.id, v.plan_id, v.period_start, v.period_end, NULL, -1, NULL, NULL,"
	" COALESCE(g.subject, g.text), g.unit, NULL, 'up', NULL, NULL, g.text, g.kind"
	" FROM targets g JOIN plan_versions v ON v.id = g.version_id WHERE g.id = ?";

static void ref_row(sqlite3_stmt *st, void *out)
{
	struct pw_monitor_ref *r = out;
	int attr = pw_attr_from_name((const char *)sqlite3_column_text(st, 10));
	int dir = pw_dir_from_name((const char *)sqlite3_column_text(st, 11));

	r->id = sqlite3_column_int64(st, 0);
	r->plan_id = sqlite3_column_int(st, 1);
	r->start = sqlite3_column_int(st, 2);
	r->end = sqlite3_column_int(st, 3);
	r->table_no = r->entity == PW_ENTITY_INDICATOR ? table_no(st, 4, 5) : 0;
	r->no = pw_col_text(st, 6);
	r->group = pw_col_text(st, 7);
	r->name = pw_col_text(st, 8);
	r->unit = pw_col_text(st, 9);
	r->attribute = attr < 0 ? PW_ATTR_NONE : (enum pw_attr)attr;
	r->direction = dir < 0 ? PW_DIR_UP : (enum pw_dir)dir;
	r->has_baseline = !pw_col_null(st, 13);
	r->baseline_year = sqlite3_column_int(st, 12);
	r->baseline = sqlite3_column_double(st, 13);
	r->target_text = pw_col_text(st, 14);
	r->kinds = pw_col_text(st, 15);
}

int pw_store_monitor_ref(struct pw_store *s, enum pw_entity e, int64_t id,
			 struct pw_monitor_ref *out)
{
	memset(out, 0, sizeof(*out));
	out->entity = e;
	if (e == PW_ENTITY_PROJECT)
		return pw_error("a project has no indicator facts");
	return pw_monitor_fetch(s, e == PW_ENTITY_INDICATOR ? ind_ref_sql : tgt_ref_sql, id, 0,
				ref_row, out);
}

/* ------------------------------------------------------------------ */
/* The 表/序号/指标名称 reference form                                  */

/* s without blanks (ASCII space, U+3000), trailing 、 or . of a number. */
static void squeeze(struct strbuf *sb, const char *s)
{
	sb_reset(sb);
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (!strncmp(s, "\xe3\x80\x80", 3)) {
			s += 2;
			continue;
		}
		sb_addch(sb, *s);
	}
	while (sb->len && sb->buf[sb->len - 1] == '.')
		sb_setlen(sb, sb->len - 1);
	if (sb->len >= 3 && !strcmp(sb->buf + sb->len - 3, "、"))
		sb_setlen(sb, sb->len - 3);
}

static const char find_sql[] =
	"SELECT i.id, cv.plan_id, t.title, t.seq, i.no FROM indicators i"
	" JOIN indicator_tables t ON t.id = i.table_id"
	" JOIN current_versions cv ON cv.id = i.version_id"
	" WHERE (?1 = 0 OR cv.plan_id = ?1) AND (?2 IS NULL"
	"  OR replace(replace(i.name, ' ', ''), '　', '') = ?2"
	"  OR replace(replace(COALESCE(i.group_name, '') || i.name, ' ', ''), '　', '') = ?2)"
	" ORDER BY cv.plan_id, t.seq, i.seq";

struct find {
	int table_no;
	const char *no; /* squeezed, or NULL */
	int64_t id;
	int plan, nhits, nplans;
};

static void find_row(struct find *f, sqlite3_stmt *st, struct strbuf *tmp)
{
	int plan = sqlite3_column_int(st, 1);

	if (f->table_no && table_no(st, 2, 3) != f->table_no)
		return;
	if (f->no) {
		squeeze(tmp, (const char *)sqlite3_column_text(st, 4));
		if (strcmp(tmp->buf, f->no))
			return;
	}
	if (!f->nhits || plan != f->plan)
		f->nplans++;
	f->nhits++;
	f->plan = plan;
	f->id = sqlite3_column_int64(st, 0);
}

static int find_run(struct pw_store *s, int plan_id, const char *name, struct find *f)
{
	struct strbuf tmp = STRBUF_INIT;
	sqlite3_stmt *st = pw_store_stmt(s, find_sql);
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_text(st, 2, name);
	while ((rc = pw_store_step(s, st)) == 1)
		find_row(f, st, &tmp);
	sb_release(&tmp);
	return rc;
}

int pw_store_find_indicator(struct pw_store *s, int plan_id, int table_no, const char *no,
			    const char *name, int64_t *id, const char **why)
{
	struct strbuf sno = STRBUF_INIT, sname = STRBUF_INIT;
	struct find f = { .table_no = table_no };
	int rc;

	*why = NULL;
	squeeze(&sno, no);
	squeeze(&sname, name);
	f.no = sno.len ? sno.buf : NULL;
	if (!f.no && !sname.len) {
		*why = "the row gives neither 序号 nor 指标名称";
		rc = PW_STORE_NOTFOUND;
	} else {
		rc = find_run(s, plan_id, sname.len ? sname.buf : NULL, &f);
	}
	if (rc == 0 && f.nhits == 1)
		*id = f.id;
	else if (rc == 0 && f.nplans > 1)
		*why = "it matches indicators of several plans (choose one with --plan)";
	else if (rc == 0 && f.nhits > 1)
		*why = "it matches several rows (give both 序号 and 指标名称)";
	else if (rc == 0 && !*why)
		*why = "no such indicator in the table";
	if (rc == 0 && f.nhits != 1)
		rc = PW_STORE_NOTFOUND;
	sb_release(&sno);
	sb_release(&sname);
	return rc;
}

/* ------------------------------------------------------------------ */
/* External targets                                                   */

void pw_external_release(struct pw_external *x)
{
	free(x->unit);
	free(x->source);
	free(x->note);
	free(x->set_by);
	free(x->set_at);
	memset(x, 0, sizeof(*x));
}

#define EXT_COLS                                                                   \
	"SELECT e.id, e.target_id, e.kind, e.cmp, e.value, e.value_hi, e.year, e.unit," \
	" e.source, e.note, e.set_by, e.set_at FROM external_targets e "

static const char *const ext_get_sql[] = {
	PW_SAME_IND EXT_COLS "JOIN targets t ON t.id = e.target_id"
			     " WHERE t.indicator_id IN same AND t.kind = 'external'"
			     " ORDER BY e.id DESC LIMIT 1",
	PW_SAME_TGT EXT_COLS "WHERE e.target_id IN same ORDER BY e.id DESC LIMIT 1",
};

static void ext_row(sqlite3_stmt *st, void *out)
{
	struct pw_external *x = out;
	int kind = pw_kind_from_name((const char *)sqlite3_column_text(st, 2));
	int cmp = pw_cmp_from_name((const char *)sqlite3_column_text(st, 3));

	x->id = sqlite3_column_int64(st, 0);
	x->target_id = sqlite3_column_int64(st, 1);
	x->kind = kind < 0 ? PW_KIND_LEVEL : (enum pw_kind)kind;
	x->cmp = cmp < 0 ? PW_CMP_EQ : (enum pw_cmp)cmp;
	x->value = sqlite3_column_double(st, 4);
	x->has_value_hi = !pw_col_null(st, 5);
	x->value_hi = sqlite3_column_double(st, 5);
	x->year = sqlite3_column_int(st, 6);
	x->unit = pw_col_text(st, 7);
	x->source = pw_col_text(st, 8);
	x->note = pw_col_text(st, 9);
	x->set_by = pw_col_text(st, 10);
	x->set_at = pw_col_text(st, 11);
}

int pw_store_external_get(struct pw_store *s, enum pw_entity e, int64_t id,
			  struct pw_external *out)
{
	memset(out, 0, sizeof(*out));
	if (e == PW_ENTITY_PROJECT)
		return pw_error("a project has no external target");
	return pw_monitor_fetch(s, ext_get_sql[e], id, 0, ext_row, out);
}

static void fill_id(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

/* The targets row of kind external that id stands for. */
static int external_target_row(struct pw_store *s, enum pw_entity e, int64_t id,
			       int64_t *tid)
{
	int rc = pw_monitor_fetch(s, e == PW_ENTITY_INDICATOR
		? "SELECT id FROM targets WHERE indicator_id = ?1 AND kind = 'external'"
		  " ORDER BY seq LIMIT 1"
		: "SELECT id FROM targets WHERE id = ?1 AND kind = 'external'", id, 0, fill_id, tid);

	if (rc == PW_STORE_NOTFOUND)
		return pw_error("%s %lld has no target set elsewhere (按市定目标执行)",
				pw_entity_name(e), (long long)id);
	return rc;
}

static int insert_external(struct pw_store *s, int64_t tid, int64_t prev,
			   const struct pw_external *x, const char *who, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO external_targets (target_id, kind, cmp, value, value_hi, year,"
		" unit, source, note, set_by, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, tid);
	pw_bind_text(st, 2, pw_kind_name(x->kind));
	pw_bind_text(st, 3, pw_cmp_name(x->cmp == PW_CMP_NONE ? PW_CMP_EQ : x->cmp));
	sqlite3_bind_double(st, 4, x->value);
	pw_bind_double_or_null(st, 5, x->value_hi, x->has_value_hi);
	pw_bind_int_or_null(st, 6, x->year, x->year > 0);
	pw_bind_text(st, 7, x->unit);
	pw_bind_text(st, 8, x->source);
	pw_bind_text(st, 9, x->note);
	pw_bind_text(st, 10, who ? who : "unknown");
	pw_bind_int_or_null(st, 11, prev, prev > 0);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static const char ext_json_sql[] =
	"SELECT json_object('id', id, 'target_id', target_id, 'kind', kind, 'cmp', cmp,"
	" 'value', value, 'value_hi', value_hi, 'year', year, 'unit', unit,"
	" 'source', source, 'note', note, 'set_by', set_by, 'supersedes', supersedes)"
	" FROM external_targets WHERE id = ?";

static int external_tx(struct pw_store *s, enum pw_entity e, int64_t id,
		       const struct pw_external *x, const char *who, int64_t *ext_id)
{
	struct pw_external prev;
	int64_t tid = 0, prev_id;
	int rc;

	if (pw_monitor_check_entity(s, e, id) < 0 || external_target_row(s, e, id, &tid) < 0)
		return -1;
	rc = pw_store_external_get(s, e, id, &prev);
	if (rc == -1)
		return -1;
	prev_id = rc == 0 ? prev.id : 0;
	pw_external_release(&prev);
	if (insert_external(s, tid, prev_id, x, who, ext_id) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, "external_target.set", "external_target",
				     ext_json_sql, prev_id, *ext_id);
}

int pw_store_external_set(struct pw_store *s, enum pw_entity e, int64_t id,
			  const struct pw_external *x, const char *who, int64_t *ext_id)
{
	int64_t dummy;
	int own, rc;

	if (e == PW_ENTITY_PROJECT)
		return pw_error("a project has no external target");
	if (x->kind == PW_KIND_EXTERNAL || x->kind == PW_KIND_RELATION)
		return pw_error("an external target is level, growth, cumulative or annual");
	if (x->cmp == PW_CMP_RANGE && !x->has_value_hi)
		return pw_error("a range target needs its upper value");
	if (!isfinite(x->value) || (x->has_value_hi && !isfinite(x->value_hi)))
		return pw_error("an external target value is not a finite number");
	if (x->year && (x->year < PW_MONITOR_YEAR_MIN || x->year > PW_MONITOR_YEAR_MAX))
		return pw_error("year %d of an external target is out of range", x->year);
	if (pw_monitor_tx_begin(s, &own) < 0)
		return -1;
	rc = external_tx(s, e, id, x, who, ext_id ? ext_id : &dummy);
	return pw_monitor_tx_end(s, own, rc);
}

/* ------------------------------------------------------------------ */
/* Project progress                                                   */

static const char progress_head_sql[] =
	PW_SAME_ITEM "SELECT p.id, p.version, p.item_id FROM project_progress p"
		     " WHERE p.item_id IN same AND p.year = ?2 AND NOT EXISTS"
		     " (SELECT 1 FROM project_progress n WHERE n.supersedes = p.id)"
		     " ORDER BY p.id DESC LIMIT 1";

static const char progress_json_sql[] =
	"SELECT json_object('id', id, 'item_id', item_id, 'year', year, 'status', status,"
	" 'percent', percent, 'investment', investment, 'note', note, 'source', source,"
	" 'state', state, 'version', version, 'entered_by', entered_by,"
	" 'supersedes', supersedes) FROM project_progress WHERE id = ?";

struct progress_head {
	int64_t id; /* 0: no row for the year yet */
	int version;
	int64_t item; /* the item id the chain was started for */
};

static void fill_progress_head(sqlite3_stmt *st, void *out)
{
	struct progress_head *h = out;

	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int(st, 1);
	h->item = sqlite3_column_int64(st, 2);
}

static int progress_head(struct pw_store *s, const struct pw_progress *p,
			 struct progress_head *h)
{
	int rc;

	h->id = 0;
	h->version = 0;
	h->item = p->item_id;
	rc = pw_monitor_fetch(s, progress_head_sql, p->item_id, p->year, fill_progress_head, h);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}

static int progress_tx(struct pw_store *s, const struct pw_progress *p, int64_t *id)
{
	sqlite3_stmt *st;
	struct progress_head h;

	if (pw_monitor_check_entity(s, PW_ENTITY_PROJECT, p->item_id) < 0 ||
	    progress_head(s, p, &h) < 0)
		return -1;
	st = pw_store_stmt(s,
		"INSERT INTO project_progress (item_id, year, status, percent, investment, note,"
		" source, state, version, entered_by, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	if (!st)
		return -1;
	pw_bind_int(st, 1, h.item);
	pw_bind_int(st, 2, p->year);
	pw_bind_text(st, 3, p->status);
	pw_bind_double_or_null(st, 4, p->percent, p->has_percent);
	pw_bind_double_or_null(st, 5, p->investment, p->has_investment);
	pw_bind_text(st, 6, p->note);
	pw_bind_text(st, 7, p->source);
	pw_bind_text(st, 8, pw_obs_state_name(p->state));
	pw_bind_int(st, 9, h.version + 1);
	pw_bind_text(st, 10, p->by);
	pw_bind_int_or_null(st, 11, h.id, h.id > 0);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return pw_monitor_audit_rows(s, p->by, "progress.record", "project_progress",
				     progress_json_sql, h.id, *id);
}

static const char *const progress_statuses[] = {
	"not_started", "in_progress", "completed", "delayed", "suspended",
};

/* What the schema's CHECKs would refuse, said in words first. */
static int check_progress(const struct pw_progress *p)
{
	if (!p->by || !*p->by)
		return pw_error("project progress needs the name of who enters it");
	if (pw_monitor_lookup(progress_statuses, 5, p->status) < 0)
		return pw_error("project status '%s' is not one of not_started, in_progress, "
				"completed, delayed, suspended", p->status ? p->status : "");
	if (p->state != PW_OBS_DRAFT && p->state != PW_OBS_SUBMITTED)
		return pw_error("new project progress is draft or submitted, not %s",
				pw_obs_state_name(p->state));
	if (p->year < PW_MONITOR_YEAR_MIN || p->year > PW_MONITOR_YEAR_MAX)
		return pw_error("year %d of project %lld is out of range", p->year,
				(long long)p->item_id);
	if (p->has_percent && !(p->percent >= 0 && p->percent <= 100))
		return pw_error("percent complete %g is not between 0 and 100", p->percent);
	if (p->has_investment && !isfinite(p->investment))
		return pw_error("investment of project %lld is not a finite number",
				(long long)p->item_id);
	return 0;
}

int pw_store_progress_record(struct pw_store *s, const struct pw_progress *p, int64_t *id)
{
	int64_t dummy;
	int own, rc;

	if (check_progress(p) < 0)
		return -1;
	if (pw_monitor_tx_begin(s, &own) < 0)
		return -1;
	rc = progress_tx(s, p, id ? id : &dummy);
	return pw_monitor_tx_end(s, own, rc);
}

static const char progress_latest_sql[] =
	PW_SAME_ITEM "SELECT p.year, p.status, p.percent FROM project_progress p"
		     " WHERE p.item_id IN same AND (?2 = 0 OR p.year <= ?2) AND NOT EXISTS"
		     " (SELECT 1 FROM project_progress n WHERE n.supersedes = p.id)"
		     " AND p.state <> 'returned' ORDER BY p.year DESC, p.id DESC LIMIT 1";

struct progress_latest {
	int *year;
	char **status;
	double *percent;
};

static void fill_progress_latest(sqlite3_stmt *st, void *out)
{
	struct progress_latest *l = out;

	*l->year = sqlite3_column_int(st, 0);
	*l->status = pw_col_text(st, 1);
	if (!pw_col_null(st, 2))
		*l->percent = sqlite3_column_double(st, 2);
}

int pw_store_progress_latest(struct pw_store *s, int64_t item_id, int upto, int *year,
			     char **status, double *percent)
{
	struct progress_latest l = { year, status, percent };

	*status = NULL;
	*percent = NAN;
	return pw_monitor_fetch(s, progress_latest_sql, item_id, upto, fill_progress_latest, &l);
}
