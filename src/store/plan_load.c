/*
 * plan_load.c - reading plans back from the store: a version rebuilt as a
 * struct pw_plan (with the row readers bulk.c shares, store_internal.h),
 * the plan summaries list/show print, row ids in plan order, and the
 * current row for a row of an older version.
 */
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Versions                                                           */

static int plan_exists(struct pw_store *s, int plan_id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT 1 FROM plans WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	rc = pw_store_step(s, st);
	sqlite3_reset(st);
	return rc;
}

static int not_found(struct pw_store *s, int plan_id, int version)
{
	int rc = plan_exists(s, plan_id);

	if (rc < 0)
		return -1;
	if (rc == 0)
		pw_error_kind(PW_ERR_NOTFOUND, "no plan %d in '%s'", plan_id, s->path);
	else
		pw_error_kind(PW_ERR_NOTFOUND, "plan %d has no version %d in '%s'", plan_id,
			      version, s->path);
	return PW_STORE_NOTFOUND;
}

/* Returns the version number (>= 1) and its row id, or NOTFOUND / -1. */
int pw_store_resolve_version(struct pw_store *s, int plan_id, int version, int64_t *version_id)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"SELECT v.id, v.version FROM plan_versions v JOIN plans p ON p.id = v.plan_id "
		"WHERE p.id = ?1 AND v.version = coalesce(nullif(?2, 0), p.current_version)");
	int rc;

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, version);
	rc = pw_store_step(s, st);
	if (rc <= 0)
		return rc < 0 ? -1 : not_found(s, plan_id, version);
	*version_id = sqlite3_column_int64(st, 0);
	rc = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Row readers (store_internal.h), shared with bulk.c                 */

void pw_store_cursor_push(struct pw_store_cursor *c, int64_t id)
{
	ALLOC_GROW(c->ids, c->n + 1, c->alloc);
	c->ids[c->n++] = id;
}

long pw_store_cursor_find(struct pw_store_cursor *c, int64_t id)
{
	while (c->pos < c->n && c->ids[c->pos] != id)
		c->pos++;
	return c->pos < c->n ? (long)c->pos : -1;
}

void pw_store_reader_release(struct pw_store_reader *rd)
{
	free(rd->tables.ids);
	free(rd->columns.ids);
}

void pw_store_reader_reset(struct pw_store_reader *rd)
{
	rd->tables.n = rd->tables.pos = rd->columns.n = rd->columns.pos = 0;
}

int pw_store_reader_corrupt(struct pw_store_reader *rd, const char *what)
{
	if (rd->plan_id > 0)
		return pw_error_kind(PW_ERR_DB, "database '%s' is inconsistent: %s (plan %d)",
				     rd->s->path, what, rd->plan_id);
	return pw_error_kind(PW_ERR_DB, "database '%s' is inconsistent: %s", rd->s->path, what);
}

static int section_col(sqlite3_stmt *st, int i)
{
	return pw_col_null(st, i) ? -1 : pw_col_int(st, i);
}

int pw_store_read_meta(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	struct pw_plan *p = rd->p;

	p->title = pw_col_text(st, i);
	p->region = pw_col_text(st, i + 1);
	p->ordinal = pw_col_int(st, i + 2);
	p->start = pw_col_int(st, i + 3);
	p->end = pw_col_int(st, i + 4);
	p->source = pw_col_text(st, i + 5);
	p->checksum = pw_col_text(st, i + 6);
	return 0;
}

int pw_store_read_section(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	int level = pw_level_from_name((const char *)sqlite3_column_text(st, i));
	struct pw_section *sec;

	if (level < 0)
		return pw_store_reader_corrupt(rd, "unknown outline level");
	sec = pw_plan_add_section(rd->p);
	sec->level = (enum pw_level)level;
	sec->number = pw_col_text(st, i + 1);
	sec->title = pw_col_text(st, i + 2);
	sec->line = pw_col_int(st, i + 3);
	sec->parent = section_col(st, i + 4);
	return 0;
}

int pw_store_read_table(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	struct pw_table *t = pw_plan_add_table(rd->p);

	pw_store_cursor_push(&rd->tables, sqlite3_column_int64(st, i));
	t->title = pw_col_text(st, i + 1);
	t->line = pw_col_int(st, i + 2);
	t->start = pw_col_int(st, i + 3);
	t->end = pw_col_int(st, i + 4);
	t->section = section_col(st, i + 5);
	return 0;
}

int pw_store_read_target(struct pw_store_reader *rd, sqlite3_stmt *st, int i,
			 struct pw_target *t)
{
	int kind = pw_kind_from_name((const char *)sqlite3_column_text(st, i));
	int cmp = pw_col_null(st, i + 1) ? PW_CMP_NONE
		  : pw_cmp_from_name((const char *)sqlite3_column_text(st, i + 1));

	if (kind < 0 || cmp < 0)
		return pw_store_reader_corrupt(rd, "unknown target kind or comparator");
	t->kind = (enum pw_kind)kind;
	t->cmp = (enum pw_cmp)cmp;
	t->has_value = !pw_col_null(st, i + 2);
	t->value = sqlite3_column_double(st, i + 2);
	t->has_value_hi = !pw_col_null(st, i + 3);
	t->value_hi = sqlite3_column_double(st, i + 3);
	t->year = pw_col_int(st, i + 4);
	t->text = pw_col_text(st, i + 5);
	return 0;
}

static int read_enums(struct pw_store_reader *rd, sqlite3_stmt *st, int i,
		      struct pw_indicator *r)
{
	int attr = pw_col_null(st, i) ? PW_ATTR_NONE
		   : pw_attr_from_name((const char *)sqlite3_column_text(st, i));
	int dir = pw_dir_from_name((const char *)sqlite3_column_text(st, i + 1));

	if (attr < 0 || dir < 0)
		return pw_store_reader_corrupt(rd, "unknown indicator attribute or direction");
	r->attribute = (enum pw_attr)attr;
	r->direction = (enum pw_dir)dir;
	return 0;
}

struct pw_indicator *pw_store_read_indicator(struct pw_store_reader *rd, sqlite3_stmt *st,
					     int table_col, int i)
{
	long t = pw_store_cursor_find(&rd->tables, sqlite3_column_int64(st, table_col));
	struct pw_indicator *r;

	if (t < 0) {
		pw_store_reader_corrupt(rd, "indicator outside its version's tables");
		return NULL;
	}
	r = pw_table_add_row(&rd->p->tables[t]);
	r->no = pw_col_text(st, i);
	r->group = pw_col_text(st, i + 1);
	r->category = pw_col_text(st, i + 2);
	r->name = pw_col_text(st, i + 3);
	r->unit = pw_col_text(st, i + 4);
	if (read_enums(rd, st, i + 5, r) < 0)
		return NULL;
	r->has_baseline = !pw_col_null(st, i + 8);
	r->baseline_year = pw_col_int(st, i + 7);
	r->baseline = sqlite3_column_double(st, i + 8);
	r->has_actual = !pw_col_null(st, i + 10);
	r->actual_year = pw_col_int(st, i + 9);
	r->actual = sqlite3_column_double(st, i + 10);
	r->actual_estimated = pw_col_int(st, i + 11) != 0;
	r->note = pw_col_text(st, i + 12);
	r->line = pw_col_int(st, i + 13);
	r->section = section_col(st, i + 14);
	return r;
}

int pw_store_read_prose(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	struct pw_prose_target *pt = pw_plan_add_target(rd->p);

	if (pw_store_read_target(rd, st, i, &pt->t) < 0)
		return -1;
	pt->subject = pw_col_text(st, i + 6);
	pt->unit = pw_col_text(st, i + 7);
	pt->line = pw_col_int(st, i + 8);
	pt->section = section_col(st, i + 9);
	return 0;
}

int pw_store_read_column(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	struct pw_column *c = pw_plan_add_column(rd->p);

	pw_store_cursor_push(&rd->columns, sqlite3_column_int64(st, i));
	c->title = pw_col_text(st, i + 1);
	c->line = pw_col_int(st, i + 2);
	c->section = section_col(st, i + 3);
	return 0;
}

int pw_store_read_item(struct pw_store_reader *rd, sqlite3_stmt *st, int i)
{
	long c = pw_store_cursor_find(&rd->columns, sqlite3_column_int64(st, i));
	struct pw_item *it;

	if (c < 0)
		return pw_store_reader_corrupt(rd, "项目 outside its version's 专栏");
	it = pw_column_add_item(&rd->p->columns[c]);
	it->no = pw_col_int(st, i + 1);
	it->title = pw_col_text(st, i + 2);
	it->text = pw_col_text(st, i + 3);
	it->line = pw_col_int(st, i + 4);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Rebuilding a plan                                                  */

struct load {
	struct pw_store_reader rd;
	int64_t vid;
	struct pw_store_cursor rows;
	struct row_pos { size_t table, row; } *row_pos; /* of rows.ids[k] */
	size_t row_pos_alloc;
};

/* Runs a cached query bound to the version id; NULL after error. */
static sqlite3_stmt *version_query(struct load *ld, const char *sql)
{
	sqlite3_stmt *st = pw_store_stmt(ld->rd.s, sql);

	if (st)
		pw_bind_int(st, 1, ld->vid);
	return st;
}

/* Runs st over its rows, calling fn for each; 0 or -1. */
static int each_row(struct load *ld, sqlite3_stmt *st, int (*fn)(struct load *, sqlite3_stmt *))
{
	int rc;

	if (!st)
		return -1;
	while ((rc = pw_store_step(ld->rd.s, st)) == 1)
		if (fn(ld, st) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	return rc;
}

static int meta_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_meta(&ld->rd, st, 0);
}

static int section_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_section(&ld->rd, st, 0);
}

static int table_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_table(&ld->rd, st, 0);
}

static int indicator_row(struct load *ld, sqlite3_stmt *st)
{
	struct pw_indicator *r = pw_store_read_indicator(&ld->rd, st, 0, 2);
	size_t t = ld->rd.tables.pos;

	if (!r)
		return -1;
	ALLOC_GROW(ld->row_pos, ld->rows.n + 1, ld->row_pos_alloc);
	ld->row_pos[ld->rows.n].table = t;
	ld->row_pos[ld->rows.n].row = ld->rd.p->tables[t].nrows - 1;
	pw_store_cursor_push(&ld->rows, sqlite3_column_int64(st, 1));
	return 0;
}

static int indicator_target_row(struct load *ld, sqlite3_stmt *st)
{
	long k = pw_store_cursor_find(&ld->rows, sqlite3_column_int64(st, 0));
	struct pw_indicator *r;

	if (k < 0)
		return pw_store_reader_corrupt(&ld->rd, "target outside its version's indicators");
	r = &ld->rd.p->tables[ld->row_pos[k].table].rows[ld->row_pos[k].row];
	return pw_store_read_target(&ld->rd, st, 1, pw_indicator_add_target(r));
}

static int prose_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_prose(&ld->rd, st, 0);
}

static int column_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_column(&ld->rd, st, 0);
}

static int item_row(struct load *ld, sqlite3_stmt *st)
{
	return pw_store_read_item(&ld->rd, st, 0);
}

#define SECTION_SEQ(alias, col) \
	" LEFT JOIN sections " alias " ON " alias ".id = " col

static int load_outline(struct load *ld)
{
	if (each_row(ld, version_query(ld,
		"SELECT title, region, ordinal, period_start, period_end, source, checksum "
		"FROM plan_versions WHERE id = ?"), meta_row) < 0)
		return -1;
	return each_row(ld, version_query(ld,
		"SELECT s.level, s.number, s.title, s.line, p.seq FROM sections s"
		SECTION_SEQ("p", "s.parent_id") " WHERE s.version_id = ? ORDER BY s.seq"),
		section_row);
}

static int load_tables(struct load *ld)
{
	if (each_row(ld, version_query(ld,
		"SELECT t.id, t.title, t.line, t.period_start, t.period_end, x.seq "
		"FROM indicator_tables t" SECTION_SEQ("x", "t.section_id")
		" WHERE t.version_id = ? ORDER BY t.seq"), table_row) < 0)
		return -1;
	if (each_row(ld, version_query(ld,
		"SELECT i.table_id, i.id, i.no, i.group_name, i.category, i.name, i.unit, "
		"i.attribute, i.direction, i.baseline_year, i.baseline_value, i.actual_year, "
		"i.actual_value, i.actual_estimated, i.note, i.line, x.seq "
		"FROM indicators i JOIN indicator_tables t ON t.id = i.table_id"
		SECTION_SEQ("x", "i.section_id")
		" WHERE i.version_id = ? ORDER BY t.seq, i.seq"), indicator_row) < 0)
		return -1;
	return each_row(ld, version_query(ld,
		"SELECT g.indicator_id, g.kind, g.cmp, g.value, g.value_hi, g.year, g.text "
		"FROM targets g JOIN indicators i ON i.id = g.indicator_id "
		"JOIN indicator_tables t ON t.id = i.table_id "
		"WHERE g.version_id = ? ORDER BY t.seq, i.seq, g.seq"), indicator_target_row);
}

static int load_prose_and_columns(struct load *ld)
{
	if (each_row(ld, version_query(ld,
		"SELECT g.kind, g.cmp, g.value, g.value_hi, g.year, g.text, g.subject, g.unit, "
		"g.line, x.seq FROM targets g" SECTION_SEQ("x", "g.section_id")
		" WHERE g.version_id = ? AND g.indicator_id IS NULL ORDER BY g.seq"), prose_row) < 0)
		return -1;
	if (each_row(ld, version_query(ld,
		"SELECT c.id, c.title, c.line, x.seq FROM columns c" SECTION_SEQ("x", "c.section_id")
		" WHERE c.version_id = ? ORDER BY c.seq"), column_row) < 0)
		return -1;
	return each_row(ld, version_query(ld,
		"SELECT i.column_id, i.no, i.title, i.text, i.line "
		"FROM column_items i JOIN columns c ON c.id = i.column_id "
		"WHERE i.version_id = ? ORDER BY c.seq, i.seq"), item_row);
}

int pw_store_load_plan(struct pw_store *s, int plan_id, int version, struct pw_plan *out)
{
	struct load ld = { .rd = { .s = s, .p = out } };
	int own_tx, rc = pw_store_resolve_version(s, plan_id, version, &ld.vid);

	if (rc < 0)
		return rc;
	/* one read transaction: a concurrent import cannot show half a plan */
	own_tx = sqlite3_get_autocommit(s->db);
	rc = own_tx ? pw_store_exec(s, "BEGIN") : 0;
	if (rc == 0)
		rc = load_outline(&ld);
	if (rc == 0)
		rc = load_tables(&ld);
	if (rc == 0)
		rc = load_prose_and_columns(&ld);
	if (own_tx && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	pw_store_reader_release(&ld.rd);
	free(ld.rows.ids);
	free(ld.row_pos);
	if (rc < 0)
		pw_plan_free(out);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Plan summaries                                                     */

#define INFO_SELECT                                                                    \
	"SELECT p.id, v.title, v.region, v.ordinal, v.period_start, v.period_end, "    \
	"v.version, p.current_version, "                                               \
	"(SELECT count(*) FROM plan_versions WHERE plan_id = p.id), "                  \
	"v.source, v.checksum, v.imported_at, v.imported_by, "                         \
	"(SELECT count(*) FROM indicator_tables WHERE version_id = v.id), "            \
	"(SELECT count(*) FROM indicators WHERE version_id = v.id), "                  \
	"(SELECT count(*) FROM targets WHERE version_id = v.id AND indicator_id IS NULL), " \
	"(SELECT count(*) FROM columns WHERE version_id = v.id), "                     \
	"(SELECT count(*) FROM column_items WHERE version_id = v.id) "                 \
	"FROM plans p JOIN plan_versions v ON v.plan_id = p.id "

static void info_row(sqlite3_stmt *st, struct pw_plan_info *in)
{
	in->id = pw_col_int(st, 0);
	in->title = pw_col_text(st, 1);
	in->region = pw_col_text(st, 2);
	in->ordinal = pw_col_int(st, 3);
	in->start = pw_col_int(st, 4);
	in->end = pw_col_int(st, 5);
	in->version = pw_col_int(st, 6);
	in->current_version = pw_col_int(st, 7);
	in->nversions = pw_col_int(st, 8);
	in->source = pw_col_text(st, 9);
	in->checksum = pw_col_text(st, 10);
	in->imported_at = pw_col_text(st, 11);
	in->imported_by = pw_col_text(st, 12);
	in->ntables = pw_col_int(st, 13);
	in->nindicators = pw_col_int(st, 14);
	in->ntargets = pw_col_int(st, 15);
	in->ncolumns = pw_col_int(st, 16);
	in->nitems = pw_col_int(st, 17);
}

void pw_plan_info_release(struct pw_plan_info *in)
{
	free(in->title);
	free(in->region);
	free(in->source);
	free(in->checksum);
	free(in->imported_at);
	free(in->imported_by);
	memset(in, 0, sizeof(*in));
}

void pw_plan_info_free_array(struct pw_plan_info *infos, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pw_plan_info_release(&infos[i]);
	free(infos);
}

static void fill_info(sqlite3_stmt *st, void *elem, void *ctx)
{
	(void)ctx;
	info_row(st, elem);
}

static void free_infos(void *infos, size_t n)
{
	pw_plan_info_free_array(infos, n);
}

static int collect_infos(struct pw_store *s, sqlite3_stmt *st, struct pw_plan_info **out,
			 size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**out), fill_info, free_infos };
	int rc;

	*out = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}

int pw_store_list_plans(struct pw_store *s, struct pw_plan_info **out, size_t *n)
{
	return collect_infos(s, pw_store_stmt(s, INFO_SELECT
				"WHERE v.version = p.current_version ORDER BY p.id"), out, n);
}

int pw_store_plan_versions(struct pw_store *s, int plan_id, struct pw_plan_info **out,
			   size_t *n)
{
	sqlite3_stmt *st = pw_store_stmt(s, INFO_SELECT "WHERE p.id = ? ORDER BY v.version");

	if (st)
		pw_bind_int(st, 1, plan_id);
	if (collect_infos(s, st, out, n) < 0)
		return -1;
	return *n ? 0 : not_found(s, plan_id, 0);
}

int pw_store_plan_info(struct pw_store *s, int plan_id, int version, struct pw_plan_info *out)
{
	sqlite3_stmt *st = pw_store_stmt(s, INFO_SELECT
		"WHERE p.id = ?1 AND v.version = coalesce(nullif(?2, 0), p.current_version)");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, version);
	rc = pw_store_step(s, st);
	if (rc <= 0)
		return rc < 0 ? -1 : not_found(s, plan_id, version);
	info_row(st, out);
	sqlite3_reset(st);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Row ids in plan order                                              */

static void fill_id(sqlite3_stmt *st, void *elem, void *ctx)
{
	(void)ctx;
	*(int64_t *)elem = sqlite3_column_int64(st, 0);
}

static int collect_ids(struct pw_store *s, int plan_id, int version, const char *sql,
		       int64_t **ids, size_t *n)
{
	static const struct pw_store_rows how = { sizeof(**ids), fill_id, NULL };
	sqlite3_stmt *st;
	int64_t vid;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = pw_store_resolve_version(s, plan_id, version, &vid);
	if (rc < 0)
		return rc;
	st = pw_store_stmt(s, sql);
	if (st)
		pw_bind_int(st, 1, vid);
	*ids = pw_store_collect(s, st, &how, NULL, n, &rc);
	return rc;
}

int pw_store_plan_indicator_ids(struct pw_store *s, int plan_id, int version,
				int64_t **ids, size_t *n)
{
	return collect_ids(s, plan_id, version,
			   "SELECT i.id FROM indicators i JOIN indicator_tables t ON t.id = i.table_id "
			   "WHERE i.version_id = ? ORDER BY t.seq, i.seq", ids, n);
}

int pw_store_plan_target_ids(struct pw_store *s, int plan_id, int version,
			     int64_t **ids, size_t *n)
{
	return collect_ids(s, plan_id, version,
			   "SELECT id FROM targets WHERE version_id = ? AND indicator_id IS NULL "
			   "ORDER BY seq", ids, n);
}

int pw_store_plan_item_ids(struct pw_store *s, int plan_id, int version,
			   int64_t **ids, size_t *n)
{
	return collect_ids(s, plan_id, version,
			   "SELECT i.id FROM column_items i JOIN columns c ON c.id = i.column_id "
			   "WHERE i.version_id = ? ORDER BY c.seq, i.seq", ids, n);
}

int pw_store_plan_indicator_target_ids(struct pw_store *s, int plan_id, int version,
				       int64_t **ids, size_t *n)
{
	return collect_ids(s, plan_id, version,
			   "SELECT g.id FROM targets g JOIN indicators i ON i.id = g.indicator_id "
			   "JOIN indicator_tables t ON t.id = i.table_id "
			   "WHERE g.version_id = ? ORDER BY t.seq, i.seq, g.seq", ids, n);
}

/* ------------------------------------------------------------------ */
/* The same row in the current version                                */

#define CURRENT_ID(table)                                                            \
	"SELECT c.id FROM " table " o JOIN plan_versions ov ON ov.id = o.version_id "    \
	"JOIN current_versions cv ON cv.plan_id = ov.plan_id "                           \
	"JOIN " table " c ON c.version_id = cv.id AND c.key = o.key WHERE o.id = ?"

int pw_store_current_id(struct pw_store *s, const char *entity, int64_t id, int64_t *out)
{
	static const char *const names[] = { "indicator", "target", "item" };
	static const char *const sql[] = { CURRENT_ID("indicators"), CURRENT_ID("targets"),
					   CURRENT_ID("column_items") };
	sqlite3_stmt *st;
	size_t i = 0;

	while (i < 3 && strcmp(entity, names[i]))
		i++;
	if (i == 3)
		return pw_error("unknown entity '%s'", entity);
	st = pw_store_stmt(s, sql[i]);
	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	return pw_store_step_id(s, st, out);
}
