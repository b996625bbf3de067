/*
 * annual_store.c - annual documents, their targets and their links to the
 * five-year plan (store/annual.h, schema step 8, docs/annual.md).
 */
#include "store/annual.h"
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* ---- import ------------------------------------------------------------- */

/* The plan rows an import links to: the plan and the ids of its rows. */
struct plan_rows {
	struct pw_plan plan;
	int64_t *ind_ids, *tgt_ids;
	size_t nind, ntgt;
};

static int plan_rows_load(struct pw_store *s, int plan_id, struct plan_rows *r)
{
	memset(r, 0, sizeof(*r));
	pw_plan_init(&r->plan);
	if (pw_store_load_plan(s, plan_id, 0, &r->plan) < 0 ||
	    pw_store_plan_indicator_ids(s, plan_id, 0, &r->ind_ids, &r->nind) < 0 ||
	    pw_store_plan_target_ids(s, plan_id, 0, &r->tgt_ids, &r->ntgt) < 0)
		return -1;
	return 0;
}

static void plan_rows_release(struct plan_rows *r)
{
	pw_plan_free(&r->plan);
	free(r->ind_ids);
	free(r->tgt_ids);
}

static int insert_link(struct pw_store *s, int64_t at_id, enum pw_link_status status,
		       enum pw_entity e, int64_t ref, const char *who)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO annual_links (annual_target_id, indicator_id, target_id, status,"
		" decided_by) VALUES (?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, at_id);
	pw_bind_int_or_null(st, 2, ref, ref && e == PW_ENTITY_INDICATOR);
	pw_bind_int_or_null(st, 3, ref, ref && e == PW_ENTITY_TARGET);
	pw_bind_text(st, 4, pw_link_status_name(status));
	pw_bind_text(st, 5, who);
	return pw_store_run(s, st);
}

/* Links annual target at (row at_id) to its candidates in r. */
static int link_target(struct pw_store *s, const struct plan_rows *r, int year,
		       const struct pw_prose_target *at, int64_t at_id, const char *who,
		       struct pw_annual_import *out)
{
	struct pw_link_cand *c;
	size_t i, n = pw_annual_candidates(&r->plan, year, at, &c);
	enum pw_link_status st = n == 1 ? PW_LINK_MATCHED : PW_LINK_AMBIGUOUS;
	int rc = 0;

	if (!n) {
		out->nunlinked++;
		return insert_link(s, at_id, PW_LINK_UNLINKED, PW_ENTITY_INDICATOR, 0, who);
	}
	if (n == 1)
		out->nlinked++;
	else
		out->nambiguous++;
	for (i = 0; i < n && rc == 0; i++) {
		int64_t ref = c[i].prose ? r->tgt_ids[c[i].index] : r->ind_ids[c[i].index];

		rc = insert_link(s, at_id, st, c[i].prose ? PW_ENTITY_TARGET : PW_ENTITY_INDICATOR,
				 ref, who);
	}
	free(c);
	return rc;
}

static int insert_target(struct pw_store *s, int64_t doc_id, int seq, int year,
			 const struct pw_prose_target *t, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO annual_targets (doc_id, seq, year, kind, cmp, value, value_hi, text,"
		" subject, unit, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

	if (!st)
		return -1;
	pw_bind_int(st, 1, doc_id);
	pw_bind_int(st, 2, seq);
	pw_bind_int(st, 3, year);
	pw_bind_text(st, 4, pw_kind_name(t->t.kind));
	pw_bind_text(st, 5, pw_cmp_name(t->t.cmp));
	pw_bind_double_or_null(st, 6, t->t.value, t->t.has_value);
	pw_bind_double_or_null(st, 7, t->t.value_hi, t->t.has_value_hi);
	pw_bind_text(st, 8, t->t.text);
	pw_bind_text(st, 9, t->subject);
	pw_bind_text(st, 10, t->unit);
	pw_bind_int(st, 11, t->line);
	return pw_store_step_id(s, st, id) == 0 ? 0 : -1;
}

static int insert_doc(struct pw_store *s, const struct pw_plan *p, int plan_id, const char *who,
		      int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO annual_docs (plan_id, year, title, region, source, checksum,"
		" imported_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, p->year);
	pw_bind_text(st, 3, p->title);
	pw_bind_text(st, 4, p->region);
	pw_bind_text(st, 5, p->source);
	pw_bind_text(st, 6, p->checksum);
	pw_bind_text(st, 7, who);
	return pw_store_step_id(s, st, id) == 0 ? 0 : -1;
}

/* The document stored before for this plan with the same text: 0 and *id,
 * PW_STORE_NOTFOUND, or -1. */
static int find_doc(struct pw_store *s, int plan_id, const char *checksum, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"SELECT id FROM annual_docs WHERE plan_id = ? AND checksum = ?");

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_text(st, 2, checksum);
	return pw_store_step_id(s, st, id);
}

static int audit_import(struct pw_store *s, const struct pw_plan *p, int plan_id,
			const char *who, const struct pw_annual_import *out)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	sb_addf(&sb, "{\"plan\": %d, \"year\": %d, \"targets\": %zu}", plan_id, p->year,
		out->ntargets);
	rc = pw_store_audit(s, who, "import", "annual_doc", out->doc_id, NULL, sb.buf);
	sb_release(&sb);
	return rc;
}

static int import_rows(struct pw_store *s, const struct pw_plan *p, int plan_id,
		       const char *who, struct pw_annual_import *out)
{
	struct plan_rows r;
	size_t i;
	int rc, seq = 0;

	rc = find_doc(s, plan_id, p->checksum, &out->doc_id);
	if (rc != PW_STORE_NOTFOUND)
		return rc; /* 0: imported before, nothing to write */
	out->changed = 1;
	if (plan_rows_load(s, plan_id, &r) < 0 || insert_doc(s, p, plan_id, who, &out->doc_id) < 0) {
		plan_rows_release(&r);
		return -1;
	}
	for (i = 0, rc = 0; i < p->ntargets && rc == 0; i++) {
		const struct pw_prose_target *t = &p->targets[i];
		int64_t id;

		if ((t->t.year && t->t.year != p->year) || t->span_ahead) {
			out->nother++;
			continue;
		}
		rc = insert_target(s, out->doc_id, ++seq, p->year, t, &id);
		if (rc == 0)
			rc = link_target(s, &r, p->year, t, id, who, out);
		out->ntargets++;
	}
	plan_rows_release(&r);
	return rc < 0 ? -1 : audit_import(s, p, plan_id, who, out);
}

int pw_store_import_annual(struct pw_store *s, const struct pw_plan *p, int plan_id,
			   const char *who, struct pw_annual_import *out)
{
	int own, rc;

	memset(out, 0, sizeof(*out));
	if (p->doc_kind != PW_DOC_ANNUAL || !p->year || !p->checksum)
		PW_BUG("pw_store_import_annual needs an annual document with a year and checksum");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = import_rows(s, p, plan_id, who, out);
	return pw_store_write_end(s, own, rc);
}

/* ---- reading ------------------------------------------------------------ */

static void fill_target(sqlite3_stmt *st, void *elem, void *ctx)
{
	struct pw_annual_target *a = elem;
	int k;

	(void)ctx;
	a->id = sqlite3_column_int64(st, 0);
	a->doc_id = sqlite3_column_int64(st, 1);
	a->year = pw_col_int(st, 2);
	k = pw_kind_from_name((const char *)sqlite3_column_text(st, 3));
	a->t.t.kind = k < 0 ? PW_KIND_LEVEL : (enum pw_kind)k;
	k = sqlite3_column_type(st, 4) == SQLITE_NULL
		    ? -1 : pw_cmp_from_name((const char *)sqlite3_column_text(st, 4));
	a->t.t.cmp = k < 0 ? PW_CMP_NONE : (enum pw_cmp)k;
	a->t.t.has_value = !pw_col_null(st, 5);
	a->t.t.value = sqlite3_column_double(st, 5);
	a->t.t.has_value_hi = !pw_col_null(st, 6);
	a->t.t.value_hi = sqlite3_column_double(st, 6);
	a->t.t.year = a->year;
	a->t.t.text = pw_col_text(st, 7);
	a->t.subject = pw_col_text(st, 8);
	a->t.unit = pw_col_text(st, 9);
	a->t.line = pw_col_int(st, 10);
	a->t.section = -1;
	a->doc_title = pw_col_text(st, 11);
	a->source = pw_col_text(st, 12);
}

static void free_targets(void *v, size_t n)
{
	pw_annual_targets_free(v, n);
}

static void fill_link(sqlite3_stmt *st, void *elem, void *ctx)
{
	struct pw_annual_link *l = elem;
	int k = pw_link_status_from_name((const char *)sqlite3_column_text(st, 0));

	(void)ctx;
	l->status = k < 0 ? PW_LINK_UNLINKED : (enum pw_link_status)k;
	l->entity = pw_col_null(st, 1) ? PW_ENTITY_TARGET : PW_ENTITY_INDICATOR;
	l->ref = pw_col_null(st, 1) ? sqlite3_column_int64(st, 2) : sqlite3_column_int64(st, 1);
}

static int read_links(struct pw_store *s, struct pw_annual_target *a)
{
	static const struct pw_store_rows how = { sizeof(struct pw_annual_link), fill_link, NULL };
	sqlite3_stmt *st = pw_store_stmt(s,
		"SELECT status, indicator_id, target_id FROM annual_links"
		" WHERE annual_target_id = ? ORDER BY id");
	int rc;

	if (st)
		pw_bind_int(st, 1, a->id);
	a->links = pw_store_collect(s, st, &how, NULL, &a->nlinks, &rc);
	return rc;
}

int pw_store_annual_targets(struct pw_store *s, int plan_id, int year,
			    struct pw_annual_target **out, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(struct pw_annual_target), fill_target,
						  free_targets };
	sqlite3_stmt *st = pw_store_stmt(s,
		"SELECT t.id, t.doc_id, t.year, t.kind, t.cmp, t.value, t.value_hi, t.text,"
		" t.subject, t.unit, t.line, d.title, d.source"
		" FROM annual_targets t JOIN annual_docs d ON d.id = t.doc_id"
		" WHERE d.plan_id = ?1 AND (?2 = 0 OR t.year = ?2)"
		" ORDER BY t.year, t.doc_id, t.seq");
	int own, rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if (pw_store_read_begin(s, &own) < 0)
		return -1;
	if (st) {
		pw_bind_int(st, 1, plan_id);
		pw_bind_int(st, 2, year);
	}
	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = read_links(s, &(*out)[i]);
	pw_store_read_end(s, own);
	if (rc < 0) {
		pw_annual_targets_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void pw_annual_targets_free(struct pw_annual_target *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].t.t.text);
		free(v[i].t.subject);
		free(v[i].t.unit);
		free(v[i].doc_title);
		free(v[i].source);
		free(v[i].links);
	}
	free(v);
}

/* ---- a person's decision ------------------------------------------------ */

static int target_plan(struct pw_store *s, int64_t id, int *plan_id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"SELECT d.plan_id FROM annual_targets t JOIN annual_docs d ON d.id = t.doc_id"
		" WHERE t.id = ?");
	int64_t v;
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	rc = pw_store_step_id(s, st, &v);
	if (rc == PW_STORE_NOTFOUND) {
		pw_error_kind(PW_ERR_NOTFOUND, "no annual target %lld", (long long)id);
		return PW_STORE_NOTFOUND;
	}
	*plan_id = (int)v;
	return rc;
}

static int decide(struct pw_store *s, int64_t id, enum pw_entity e, int64_t ref,
		  const char *who)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	int plan_id, ref_plan, rc = target_plan(s, id, &plan_id);

	if (rc < 0)
		return rc;
	if (ref) {
		rc = pw_store_entity_plan(s, e, ref, &ref_plan);
		if (rc == PW_STORE_NOTFOUND || (rc == 0 && ref_plan != plan_id))
			return pw_error_kind(PW_ERR_NOTFOUND, "no %s %lld in plan %d",
					     pw_entity_name(e), (long long)ref, plan_id);
		if (rc < 0)
			return rc;
	}
	st = pw_store_stmt(s, "DELETE FROM annual_links WHERE annual_target_id = ?");
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	if (pw_store_run(s, st) < 0 ||
	    insert_link(s, id, ref ? PW_LINK_CONFIRMED : PW_LINK_UNLINKED, e, ref, who) < 0)
		return -1;
	if (ref)
		sb_addf(&sb, "{\"%s\": %lld}", pw_entity_name(e), (long long)ref);
	else
		sb_addstr(&sb, "{\"link\": null}");
	rc = pw_store_audit(s, who, "link", "annual_target", id, NULL, sb.buf);
	sb_release(&sb);
	return rc;
}

int pw_store_annual_link(struct pw_store *s, int64_t id, enum pw_entity e, int64_t ref,
			 const char *who)
{
	int own, rc;

	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = decide(s, id, e, ref, who);
	return pw_store_write_end(s, own, rc);
}
