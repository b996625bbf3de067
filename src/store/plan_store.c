/*
 * plan_store.c - writing a plan into the store: identity, checksums,
 * versions, and the rows of one version (outline, indicator tables,
 * indicators and their targets, prose targets, 专栏 and their items),
 * all in one transaction.
 */
#include "model/measure.h"
#include "model/plan_json.h"
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <sodium.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Stable keys: a set of strings to make each key unique in a version  */

struct keyset {
	char **slots;
	size_t cap, n;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void keyset_release(struct keyset *ks)
{
	size_t i;

	for (i = 0; i < ks->cap; i++)
		free(ks->slots[i]);
	free(ks->slots);
	memset(ks, 0, sizeof(*ks));
}

/* Inserts key unless present; returns 1 if inserted, 0 if present.
 * Takes ownership of key when inserted. */
static int keyset_add(struct keyset *ks, char *key)
{
	size_t i;

	if (2 * (ks->n + 1) > ks->cap) {
		struct keyset grown = { xcalloc(ks->cap ? 2 * ks->cap : 64, sizeof(char *)),
					ks->cap ? 2 * ks->cap : 64, 0 };

		for (i = 0; i < ks->cap; i++)
			if (ks->slots[i])
				keyset_add(&grown, ks->slots[i]);
		free(ks->slots);
		*ks = grown;
	}
	for (i = fnv1a(key) & (ks->cap - 1); ks->slots[i]; i = (i + 1) & (ks->cap - 1))
		if (!strcmp(ks->slots[i], key))
			return 0;
	ks->slots[i] = key;
	ks->n++;
	return 1;
}

/* The stored key: the first 63 bits of the SHA-256 of the key text (an
 * integer keeps rows and indexes small; docs/schema.md). */
static int64_t key_hash(const char *text)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	uint64_t v = 0;
	int i;

	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	for (i = 0; i < 8; i++)
		v = v << 8 | h[i];
	return (int64_t)(v >> 1);
}

/* Makes sb's key text unique in ks by appending "#2", "#3"...; returns
 * its hash. */
static int64_t unique_key(struct keyset *ks, struct strbuf *sb)
{
	size_t base = sb->len;
	int n = 1;
	char *k;

	for (;;) {
		k = xstrdup(sb->buf);
		if (keyset_add(ks, k))
			return key_hash(k);
		free(k);
		sb_setlen(sb, base);
		sb_addf(sb, "#%d", ++n);
	}
}

/* ------------------------------------------------------------------ */
/* Checking the plan before anything is written                        */



static bool bad_section(const struct pw_plan *p, int section)
{
	return section < -1 || section >= (int)p->nsections;
}

static bool bad_target(const struct pw_target *t)
{
	return (unsigned)t->kind > PW_KIND_RELATION || (unsigned)t->cmp > PW_CMP_RANGE;
}

static const char *check_tables(const struct pw_plan *p)
{
	size_t i, j, k;

	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];

		if (bad_section(p, t->section))
			return "table section out of range";
		for (j = 0; j < t->nrows; j++) {
			const struct pw_indicator *r = &t->rows[j];

			if (bad_section(p, r->section))
				return "indicator section out of range";
			if ((unsigned)r->attribute > PW_ATTR_BINDING || (unsigned)r->direction > PW_DIR_DOWN)
				return "indicator attribute or direction out of range";
			for (k = 0; k < r->ntargets; k++)
				if (bad_target(&r->targets[k]))
					return "target kind or comparator out of range";
		}
	}
	return NULL;
}

/* Returns NULL if p can be stored, else what is wrong with it. */
static const char *check_plan(const struct pw_plan *p)
{
	size_t i;

	for (i = 0; i < p->nsections; i++) {
		if ((unsigned)p->sections[i].level > PW_LEVEL_SUBITEM)
			return "outline level out of range";
		if (bad_section(p, p->sections[i].parent) || p->sections[i].parent == (int)i)
			return "outline parent out of range";
	}
	for (i = 0; i < p->ntargets; i++)
		if (bad_target(&p->targets[i].t) || bad_section(p, p->targets[i].section))
			return "prose target out of range";
	for (i = 0; i < p->ncolumns; i++)
		if (bad_section(p, p->columns[i].section))
			return "专栏 section out of range";
	if (p->checksum && strlen(p->checksum) != 64)
		return "checksum is not a hex SHA-256";
	return check_tables(p);
}

/* ------------------------------------------------------------------ */
/* Identity and checksums                                             */

/* The plan's identity (docs/schema.md); the caller frees. */
static char *plan_identity(const struct pw_plan *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *base;

	if (p->region && p->ordinal)
		sb_addf(&sb, "region:%s/ordinal:%d", p->region, p->ordinal);
	else if (p->title)
		sb_addf(&sb, "title:%s", p->title);
	else {
		base = p->source ? strrchr(p->source, '/') : NULL;
		sb_addf(&sb, "source:%s", base ? base + 1 : p->source ? p->source : "");
	}
	return sb_detach(&sb, NULL);
}

/* SHA-256 of the plan's JSON (keys in the order plan_json writes them,
 * compact, without the source file name).  Returns 0. */
static int content_sha256(const struct pw_plan *p, char out[65])
{
	struct strbuf sb = STRBUF_INIT;

	pw_plan_write_json(p, &sb, 0, false);
	pw_store_sha256_hex(sb.buf, sb.len, out);
	sb_release(&sb);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The rows of one version                                            */

struct import {
	struct pw_store *s;
	const struct pw_plan *p;
	int64_t version_id;
	int64_t *section_ids;
	/* the stable key of every row that has one, in the order the rows
	 * are inserted (plan_keys()), and the next one to take */
	int64_t *keys;
	size_t nkeys, next_key;
};

/* The next row's key (plan_keys() counted them: running out is a bug). */
static int64_t take_key(struct import *im)
{
	if (im->next_key >= im->nkeys)
		PW_BUG("more keyed rows than keys");
	return im->keys[im->next_key++];
}

/*
 * Computes the key of every indicator, target and item, in insertion
 * order, before the write transaction begins: hashing a million keys
 * need not hold the write lock (docs/schema.md, "Locking").  A key text
 * met twice in a version gets "#2", "#3"... in this order.
 */
static void plan_keys(struct import *im)
{
	const struct pw_plan *p = im->p;
	struct keyset ks = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, k, base, n = p->ntargets;

	for (i = 0; i < p->ntables; i++)
		for (j = 0; j < p->tables[i].nrows; j++)
			n += 1 + p->tables[i].rows[j].ntargets;
	for (i = 0; i < p->ncolumns; i++)
		n += p->columns[i].nitems;
	im->keys = xcalloc(n ? n : 1, sizeof(int64_t));
	for (i = 0; i < p->ntables; i++) {
		const struct pw_table *t = &p->tables[i];

		for (j = 0; j < t->nrows; j++) {
			const struct pw_indicator *r = &t->rows[j];

			sb_reset(&sb);
			sb_addf(&sb, "indicator:%d-%d|%s|%s", t->start, t->end,
				r->group ? r->group : "", r->name ? r->name : r->no ? r->no : "");
			im->keys[im->nkeys++] = unique_key(&ks, &sb);
			sb_addstr(&sb, "|");
			base = sb.len;
			for (k = 0; k < r->ntargets; k++) {
				sb_setlen(&sb, base);
				sb_addstr(&sb, pw_kind_name(r->targets[k].kind));
				im->keys[im->nkeys++] = unique_key(&ks, &sb);
			}
		}
	}
	for (i = 0; i < p->ntargets; i++) {
		const struct pw_prose_target *pt = &p->targets[i];

		sb_reset(&sb);
		sb_addf(&sb, "target:%s|%s|%s|%d", pt->subject ? pt->subject : "",
			pw_kind_name(pt->t.kind), pt->unit ? pt->unit : "", pt->t.year);
		im->keys[im->nkeys++] = unique_key(&ks, &sb);
	}
	for (i = 0; i < p->ncolumns; i++) {
		for (j = 0; j < p->columns[i].nitems; j++) {
			sb_reset(&sb);
			sb_addf(&sb, "item:%s|%d", p->columns[i].title ? p->columns[i].title : "",
				p->columns[i].items[j].no);
			im->keys[im->nkeys++] = unique_key(&ks, &sb);
		}
	}
	keyset_release(&ks);
	sb_release(&sb);
}

static int64_t last_id(struct import *im)
{
	return sqlite3_last_insert_rowid(im->s->db);
}

static void bind_section(struct import *im, sqlite3_stmt *st, int i, int section)
{
	pw_bind_int_or_null(st, i, section >= 0 ? im->section_ids[section] : 0, section >= 0);
}

static int set_parent(struct import *im, size_t i)
{
	sqlite3_stmt *st = pw_store_stmt(im->s, "UPDATE sections SET parent_id = ? WHERE id = ?");

	if (!st)
		return -1;
	pw_bind_int(st, 1, im->section_ids[im->p->sections[i].parent]);
	pw_bind_int(st, 2, im->section_ids[i]);
	return pw_store_run(im->s, st);
}

static int insert_sections(struct import *im)
{
	const struct pw_plan *p = im->p;
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < p->nsections; i++) {
		const struct pw_section *sec = &p->sections[i];

		st = pw_store_stmt(im->s, "INSERT INTO sections (version_id, seq, level, number, "
					  "title, line, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
		if (!st)
			return -1;
		pw_bind_int(st, 1, im->version_id);
		pw_bind_int(st, 2, (int64_t)i);
		pw_bind_text(st, 3, pw_level_name(sec->level));
		pw_bind_text(st, 4, sec->number);
		pw_bind_text(st, 5, sec->title);
		pw_bind_int(st, 6, sec->line);
		bind_section(im, st, 7, sec->parent < (int)i ? sec->parent : -1);
		if (pw_store_run(im->s, st) < 0)
			return -1;
		im->section_ids[i] = last_id(im);
	}
	/* a parent listed after its child (not produced by ingest, but legal) */
	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].parent >= (int)i && set_parent(im, i) < 0)
			return -1;
	return 0;
}

/* One target row: indicator_id is 0 for a prose target (pt != NULL). */
static int insert_target(struct import *im, int64_t indicator_id, size_t seq,
			 const struct pw_target *t, const struct pw_prose_target *pt)
{
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO targets (version_id, indicator_id, seq, key, kind, cmp, value, "
		"value_hi, year, text, subject, unit, line, section_id, measure) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, im->version_id);
	pw_bind_int_or_null(st, 2, indicator_id, indicator_id > 0);
	pw_bind_int(st, 3, (int64_t)seq);
	pw_bind_int(st, 4, take_key(im));
	pw_bind_text(st, 5, pw_kind_name(t->kind));
	pw_bind_text(st, 6, pw_cmp_name(t->cmp));
	pw_bind_double_or_null(st, 7, t->value, t->has_value);
	pw_bind_double_or_null(st, 8, t->value_hi, t->has_value_hi);
	pw_bind_int_or_null(st, 9, t->year, t->year != 0);
	pw_bind_text(st, 10, t->text);
	pw_bind_text(st, 11, pt ? pt->subject : NULL);
	pw_bind_text(st, 12, pt ? pt->unit : NULL);
	pw_bind_int_or_null(st, 13, pt ? pt->line : 0, pt != NULL);
	bind_section(im, st, 14, pt ? pt->section : -1);
	/* what a prose target's values are, decided now from its wording */
	pw_bind_int(st, 15, pt ? pw_measure_of_prose(pt) : PW_SERIES_AUTO);
	return pw_store_run(im->s, st);
}

static void bind_indicator(struct import *im, sqlite3_stmt *st, const struct pw_indicator *r)
{
	pw_bind_text(st, 5, r->no);
	pw_bind_text(st, 6, r->group);
	pw_bind_text(st, 7, r->category);
	pw_bind_text(st, 8, r->name);
	pw_bind_text(st, 9, r->unit);
	pw_bind_text(st, 10, pw_attr_name(r->attribute));
	pw_bind_text(st, 11, pw_dir_name(r->direction));
	pw_bind_int_or_null(st, 12, r->baseline_year, r->has_baseline && r->baseline_year);
	pw_bind_double_or_null(st, 13, r->baseline, r->has_baseline);
	pw_bind_int_or_null(st, 14, r->actual_year, r->has_actual && r->actual_year);
	pw_bind_double_or_null(st, 15, r->actual, r->has_actual);
	pw_bind_int(st, 16, r->actual_estimated);
	pw_bind_text(st, 17, r->note);
	pw_bind_int(st, 18, r->line);
	bind_section(im, st, 19, r->section);
	pw_bind_int(st, 20, pw_measure_of_indicator(r));
}

static int insert_indicator(struct import *im, const struct pw_table *t, int64_t table_id,
			    size_t seq)
{
	const struct pw_indicator *r = &t->rows[seq];
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO indicators (table_id, version_id, seq, key, no, group_name, category, "
		"name, unit, attribute, direction, baseline_year, baseline_value, actual_year, "
		"actual_value, actual_estimated, note, line, section_id, measure) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	size_t k;
	int64_t id;

	if (!st)
		return -1;
	pw_bind_int(st, 1, table_id);
	pw_bind_int(st, 2, im->version_id);
	pw_bind_int(st, 3, (int64_t)seq);
	pw_bind_int(st, 4, take_key(im));
	bind_indicator(im, st, r);
	if (pw_store_run(im->s, st) < 0)
		return -1;
	id = last_id(im);
	for (k = 0; k < r->ntargets; k++)
		if (insert_target(im, id, k, &r->targets[k], NULL) < 0)
			return -1;
	return 0;
}

static int insert_table(struct import *im, size_t seq)
{
	const struct pw_table *t = &im->p->tables[seq];
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO indicator_tables (version_id, seq, title, line, period_start, "
		"period_end, section_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
	int64_t table_id;
	size_t j;

	if (!st)
		return -1;
	pw_bind_int(st, 1, im->version_id);
	pw_bind_int(st, 2, (int64_t)seq);
	pw_bind_text(st, 3, t->title);
	pw_bind_int(st, 4, t->line);
	pw_bind_int_or_null(st, 5, t->start, t->start != 0);
	pw_bind_int_or_null(st, 6, t->end, t->end != 0);
	bind_section(im, st, 7, t->section);
	if (pw_store_run(im->s, st) < 0)
		return -1;
	table_id = last_id(im);
	for (j = 0; j < t->nrows; j++)
		if (insert_indicator(im, t, table_id, j) < 0)
			return -1;
	return 0;
}

static int insert_prose_targets(struct import *im)
{
	size_t i;

	for (i = 0; i < im->p->ntargets; i++)
		if (insert_target(im, 0, i, &im->p->targets[i].t, &im->p->targets[i]) < 0)
			return -1;
	return 0;
}

static int insert_item(struct import *im, const struct pw_column *c, int64_t column_id,
		       size_t seq)
{
	const struct pw_item *it = &c->items[seq];
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO column_items (column_id, version_id, seq, key, no, title, text, line) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, column_id);
	pw_bind_int(st, 2, im->version_id);
	pw_bind_int(st, 3, (int64_t)seq);
	pw_bind_int(st, 4, take_key(im));
	pw_bind_int(st, 5, it->no);
	pw_bind_text(st, 6, it->title);
	pw_bind_text(st, 7, it->text);
	pw_bind_int(st, 8, it->line);
	return pw_store_run(im->s, st);
}

static int insert_column(struct import *im, size_t seq)
{
	const struct pw_column *c = &im->p->columns[seq];
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO columns (version_id, seq, title, line, section_id) "
		"VALUES (?, ?, ?, ?, ?)");
	int64_t column_id;
	size_t j;

	if (!st)
		return -1;
	pw_bind_int(st, 1, im->version_id);
	pw_bind_int(st, 2, (int64_t)seq);
	pw_bind_text(st, 3, c->title);
	pw_bind_int(st, 4, c->line);
	bind_section(im, st, 5, c->section);
	if (pw_store_run(im->s, st) < 0)
		return -1;
	column_id = last_id(im);
	for (j = 0; j < c->nitems; j++)
		if (insert_item(im, c, column_id, j) < 0)
			return -1;
	return 0;
}

/* The table indicator each prose target of the version restates, by the
 * name/unit rule, stored once (schema step 9) so that every reader takes
 * the same link and the office can correct it (`planwatch target link`). */
static int insert_links(struct import *im)
{
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO target_links (target_id, indicator_id, origin, set_by)"
		" SELECT id, ind, 'import', 'import' FROM (SELECT g.id, "
		PW_TARGET_LINK_RULE("g") " AS ind FROM targets g WHERE g.version_id = ?"
		" AND g.indicator_id IS NULL ORDER BY g.id) WHERE ind IS NOT NULL");

	if (!st)
		return -1;
	pw_bind_int(st, 1, im->version_id);
	return pw_store_run(im->s, st);
}

static int insert_contents(struct import *im)
{
	size_t i;

	if (insert_sections(im) < 0)
		return -1;
	for (i = 0; i < im->p->ntables; i++)
		if (insert_table(im, i) < 0)
			return -1;
	if (insert_prose_targets(im) < 0 || insert_links(im) < 0)
		return -1;
	for (i = 0; i < im->p->ncolumns; i++)
		if (insert_column(im, i) < 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Plans and versions                                                 */

struct current {
	int plan_id;    /* 0: no such plan yet */
	int version;    /* its current version */
	char *checksum, *content;
};

/* The plan with this identity, else the plan whose current version has
 * this source checksum (the same document, now extracted differently). */
static int find_plan(struct pw_store *s, const char *identity, const char *checksum, int *id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT id FROM plans WHERE identity = ?");
	int rc;

	if (!st)
		return -1;
	pw_bind_text(st, 1, identity);
	rc = pw_store_step(s, st);
	if (rc == 0) {
		st = pw_store_stmt(s, "SELECT plan_id FROM current_versions WHERE checksum = ? "
				      "ORDER BY plan_id LIMIT 1");
		if (!st)
			return -1;
		pw_bind_text(st, 1, checksum);
		rc = pw_store_step(s, st);
	}
	*id = rc == 1 ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

static int load_current(struct pw_store *s, const char *identity, const char *checksum,
			struct current *cur)
{
	sqlite3_stmt *st;
	int rc;

	memset(cur, 0, sizeof(*cur));
	if (find_plan(s, identity, checksum, &cur->plan_id) < 0)
		return -1;
	if (!cur->plan_id)
		return 0;
	st = pw_store_stmt(s, "SELECT version, checksum, content_sha256 FROM current_versions "
			      "WHERE plan_id = ?");
	if (!st)
		return -1;
	pw_bind_int(st, 1, cur->plan_id);
	rc = pw_store_step(s, st);
	if (rc == 1) {
		cur->version = sqlite3_column_int(st, 0);
		cur->checksum = pw_col_text(st, 1);
		cur->content = pw_col_text(st, 2);
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

static int create_plan(struct pw_store *s, const char *identity, int *plan_id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "INSERT INTO plans (identity) VALUES (?)");

	if (!st)
		return -1;
	pw_bind_text(st, 1, identity);
	if (pw_store_run(s, st) < 0)
		return -1;
	*plan_id = (int)sqlite3_last_insert_rowid(s->db);
	return 0;
}

static void bind_meta(sqlite3_stmt *st, int i, const struct pw_plan *p)
{
	pw_bind_text(st, i, p->title);
	pw_bind_text(st, i + 1, p->region);
	pw_bind_int_or_null(st, i + 2, p->ordinal, p->ordinal != 0);
	pw_bind_int_or_null(st, i + 3, p->start, p->start != 0);
	pw_bind_int_or_null(st, i + 4, p->end, p->end != 0);
}

static int insert_version(struct import *im, int plan_id, int version, const char *checksum,
			  const char *content, const char *who)
{
	sqlite3_stmt *st = pw_store_stmt(im->s,
		"INSERT INTO plan_versions (plan_id, version, title, region, ordinal, period_start, "
		"period_end, source, checksum, content_sha256, imported_by) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_int(st, 1, plan_id);
	pw_bind_int(st, 2, version);
	bind_meta(st, 3, im->p);
	pw_bind_text(st, 8, im->p->source);
	pw_bind_text(st, 9, checksum);
	pw_bind_text(st, 10, content);
	pw_bind_text(st, 11, who);
	if (pw_store_run(im->s, st) < 0)
		return -1;
	im->version_id = last_id(im);
	return 0;
}

static int update_plan(struct pw_store *s, const struct pw_plan *p, const char *identity,
		       int plan_id, int version)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"UPDATE plans SET title = ?, region = ?, ordinal = ?, period_start = ?, "
		"period_end = ?, current_version = ?, identity = ? WHERE id = ?");

	if (!st)
		return -1;
	bind_meta(st, 1, p);
	pw_bind_int(st, 6, version);
	pw_bind_text(st, 7, identity);
	pw_bind_int(st, 8, plan_id);
	return pw_store_run(s, st);
}

/* The region's gazetteer code and parents (schema step 6) on the new
 * version and the plan.  Only when import found them: a plan built without
 * (tests of older schema steps, a place the gazetteer lacks) keeps the
 * statements of the steps before. */
static int store_region(struct pw_store *s, const struct pw_plan *p, int plan_id,
			int64_t version_id)
{
	static const char *const sql[] = {
		"UPDATE plan_versions SET region_code = ?, region_path = ? WHERE id = ?",
		"UPDATE plans SET region_code = ?, region_path = ? WHERE id = ?",
	};
	int i;

	if (!p->region_code)
		return 0;
	for (i = 0; i < 2; i++) {
		sqlite3_stmt *st = pw_store_stmt(s, sql[i]);

		if (!st)
			return -1;
		pw_bind_text(st, 1, p->region_code);
		pw_bind_text(st, 2, p->region_path);
		if (i == 0)
			sqlite3_bind_int64(st, 3, version_id);
		else
			pw_bind_int(st, 3, plan_id);
		if (pw_store_run(s, st) < 0)
			return -1;
	}
	return 0;
}

static size_t count_items(const struct pw_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ncolumns; i++)
		n += p->columns[i].nitems;
	return n;
}

static size_t count_indicators(const struct pw_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ntables; i++)
		n += p->tables[i].nrows;
	return n;
}

static int audit_import(struct import *im, const char *who, int plan_id, int version,
			const char *checksum)
{
	json_t *j = json_pack("{s:i, s:i, s:s?, s:s, s:I, s:I, s:I}", "plan_id", plan_id,
			      "version", version, "source", im->p->source, "checksum", checksum,
			      "indicators", (json_int_t)count_indicators(im->p),
			      "targets", (json_int_t)im->p->ntargets,
			      "projects", (json_int_t)count_items(im->p));
	char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	int rc = pw_store_audit(im->s, who, "import", "plan_version", im->version_id, NULL, text);

	free(text);
	json_decref(j);
	return rc;
}

/* Inside the transaction: decide, then write the new version. */
static int import_tx(struct import *im, const char *who, const char *checksum,
		     const char *content, int *plan_id, int *version, int *changed)
{
	char *identity = plan_identity(im->p);
	struct current cur;
	int rc = load_current(im->s, identity, checksum, &cur);

	*plan_id = cur.plan_id;
	*version = cur.version;
	if (rc == 0 && cur.plan_id && cur.checksum && !strcmp(cur.checksum, checksum) &&
	    cur.content && !strcmp(cur.content, content)) {
		*changed = 0;
		goto out;
	}
	*changed = 1;
	*version = cur.version + 1;
	if (rc == 0 && !cur.plan_id)
		rc = create_plan(im->s, identity, plan_id);
	if (rc == 0)
		rc = insert_version(im, *plan_id, *version, checksum, content, who);
	if (rc == 0)
		rc = insert_contents(im);
	if (rc == 0)
		rc = update_plan(im->s, im->p, identity, *plan_id, *version);
	if (rc == 0)
		rc = store_region(im->s, im->p, *plan_id, im->version_id);
	if (rc == 0)
		rc = audit_import(im, who, *plan_id, *version, checksum);
out:
	free(cur.checksum);
	free(cur.content);
	free(identity);
	return rc;
}

/* The import's transaction: its own, or a savepoint inside the caller's
 * pw_store_begin() so that a failed import still undoes only itself. */
static int tx_open(struct pw_store *s, int *own)
{
	*own = !s->in_tx;
	return *own ? pw_store_begin(s) : pw_store_exec(s, "SAVEPOINT pw_import");
}

static int tx_close(struct pw_store *s, int own, int rc)
{
	if (own && rc == 0)
		return pw_store_commit(s);
	if (own)
		pw_store_rollback(s);
	else if (rc == 0)
		return pw_store_exec(s, "RELEASE pw_import");
	else
		sqlite3_exec(s->db, "ROLLBACK TO pw_import; RELEASE pw_import", NULL, NULL, NULL);
	return rc;
}

int pw_store_import_plan(struct pw_store *s, const struct pw_plan *p, const char *who,
			 int *plan_id, int *version, int *changed)
{
	struct import im = { s, p, 0, NULL, NULL, 0, 0 };
	const char *problem = check_plan(p);
	char content[65];
	int own, rc;

	*plan_id = *version = *changed = 0;
	if (!problem && content_sha256(p, content) < 0)
		problem = "the plan has no JSON form";
	if (problem)
		return pw_error_kind(PW_ERR_INPUT, "cannot import '%s': %s",
				     p->source ? p->source : "(plan)", problem);
	/* everything that needs no database is done before the write lock */
	im.section_ids = xcalloc(p->nsections ? p->nsections : 1, sizeof(int64_t));
	plan_keys(&im);
	rc = tx_open(s, &own);
	if (rc == 0)
		rc = import_tx(&im, who ? who : "unknown", p->checksum ? p->checksum : content,
			       content, plan_id, version, changed);
	rc = tx_close(s, own, rc);
	if (rc < 0) {
		*plan_id = *version = *changed = 0;
		pw_error("cannot import '%s' into '%s': nothing was written",
			 p->source ? p->source : "(plan)", s->path);
	}
	free(im.section_ids);
	free(im.keys);
	return rc;
}
