/*
 * xlsx_read.c - reads the first worksheet of an .xlsx workbook (xlsx.h):
 * xl/workbook.xml and its relations name the sheet part, then
 * xl/sharedStrings.xml and the sheet are parsed with expat.
 */
#include "monitor/xlsx.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <errno.h>
#include <expat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MAX_PART_BYTES ((zip_uint64_t)256 << 20) /* one XML part, uncompressed */
#define MAX_COLS 16384
#define MAX_ROWS 1048576

static const char *local_name(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; atts && *atts; atts += 2)
		if (!strcmp(local_name(atts[0]), name))
			return atts[1];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Zip parts                                                          */

/* Reads part `name` into out.  1 read, 0 absent, -1 after reporting. */
static int read_part(zip_t *za, const char *path, const char *name, struct strbuf *out)
{
	zip_stat_t zs;
	zip_file_t *zf;
	zip_int64_t got;

	sb_reset(out);
	if (zip_stat(za, name, 0, &zs) < 0)
		return 0;
	if (!(zs.valid & ZIP_STAT_SIZE) || zs.size > MAX_PART_BYTES)
		return pw_error("%s: part '%s' is too large", path, name);
	zf = zip_fopen(za, name, 0);
	if (!zf)
		return pw_error("%s: cannot read part '%s': %s", path, name, zip_strerror(za));
	sb_grow(out, zs.size);
	got = zip_fread(zf, out->buf, zs.size);
	zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != zs.size)
		return pw_error("%s: part '%s' is damaged", path, name);
	sb_setlen(out, (size_t)got);
	return 1;
}

typedef void (*start_fn)(void *, const char *, const char **);
typedef void (*end_fn)(void *, const char *);

static int parse_xml(const char *path, const char *part, const struct strbuf *xml, void *ctx,
		     start_fn start, end_fn end, XML_CharacterDataHandler text)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	int rc = 0;

	if (!p)
		pw_die_oom();
	XML_SetUserData(p, ctx);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	if (XML_Parse(p, xml->buf, (int)xml->len, 1) == XML_STATUS_ERROR)
		rc = pw_error("%s: %s: bad XML at line %lu: %s", path, part,
			      (unsigned long)XML_GetCurrentLineNumber(p),
			      XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Which part is the first sheet                                      */

struct sheet_ref {
	char *rid;    /* r:id of the first <sheet> */
	char *target; /* its Target in the relations */
};

static void wb_start(void *ctx, const char *name, const char **atts)
{
	struct sheet_ref *r = ctx;
	const char *id = attr(atts, "id");

	if (!r->rid && !strcmp(local_name(name), "sheet") && id)
		r->rid = xstrdup(id);
}

static void rels_start(void *ctx, const char *name, const char **atts)
{
	struct sheet_ref *r = ctx;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");

	if (!r->target && !strcmp(local_name(name), "Relationship") && id && target && r->rid &&
	    !strcmp(id, r->rid))
		r->target = xstrdup(target);
}

static void no_end(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
}

static void no_text(void *ctx, const char *s, int len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

/* The zip path of the first worksheet into out. */
static int first_sheet(zip_t *za, const char *path, struct strbuf *xml, struct strbuf *out)
{
	struct sheet_ref r = { NULL, NULL };
	int rc = read_part(za, path, "xl/workbook.xml", xml);

	if (rc == 1)
		rc = parse_xml(path, "xl/workbook.xml", xml, &r, wb_start, no_end, no_text);
	if (rc >= 0 && r.rid && read_part(za, path, "xl/_rels/workbook.xml.rels", xml) == 1)
		rc = parse_xml(path, "workbook.xml.rels", xml, &r, rels_start, no_end, no_text);
	sb_reset(out);
	if (r.target && r.target[0] == '/')
		sb_addstr(out, r.target + 1);
	else if (r.target)
		sb_addf(out, "xl/%s", r.target);
	else
		sb_addstr(out, "xl/worksheets/sheet1.xml");
	free(r.rid);
	free(r.target);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Shared strings                                                     */

struct sst {
	char **s;
	size_t n, alloc;
	struct strbuf cur;
	bool in_si, in_t, in_rph;
};

static void sst_start(void *ctx, const char *name, const char **atts)
{
	struct sst *t = ctx;
	const char *l = local_name(name);

	(void)atts;
	if (!strcmp(l, "si")) {
		t->in_si = true;
		sb_reset(&t->cur);
	} else if (!strcmp(l, "rPh")) {
		t->in_rph = true;
	} else if (!strcmp(l, "t") && t->in_si && !t->in_rph) {
		t->in_t = true;
	}
}

static void sst_end(void *ctx, const char *name)
{
	struct sst *t = ctx;
	const char *l = local_name(name);

	if (!strcmp(l, "t")) {
		t->in_t = false;
	} else if (!strcmp(l, "rPh")) {
		t->in_rph = false;
	} else if (!strcmp(l, "si")) {
		ALLOC_GROW(t->s, t->n + 1, t->alloc);
		t->s[t->n++] = xstrdup(t->cur.buf);
		t->in_si = false;
	}
}

static void sst_text(void *ctx, const char *s, int len)
{
	struct sst *t = ctx;

	if (t->in_t)
		sb_add(&t->cur, s, (size_t)len);
}

static void sst_release(struct sst *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	sb_release(&t->cur);
}

/* ------------------------------------------------------------------ */
/* The worksheet                                                      */

struct ws {
	struct pw_sheet *sh;
	const struct sst *sst;
	struct pw_sheet_row *row;
	long rowno;
	long col;       /* current cell's column, 0-based */
	char type[12];  /* t attribute of the current cell */
	struct strbuf v;
	bool in_v, in_is_t, in_is, in_rph;
	bool overflow;
};

/* "BC12" -> column 54 (0-based); -1 when there are no letters. */
static long col_of(const char *ref)
{
	long c = 0;
	int k = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && k < 4; ref++, k++)
		c = c * 26 + (*ref - 'A' + 1);
	return k ? c - 1 : -1;
}

static void ws_row(struct ws *w, const char **atts)
{
	const char *r = attr(atts, "r");
	long n = r ? strtol(r, NULL, 10) : w->rowno + 1;

	w->rowno = n > w->rowno ? n : w->rowno + 1;
	if (w->rowno > MAX_ROWS) {
		w->overflow = true;
		w->row = NULL;
		return;
	}
	w->row = pw_sheet_add_row(w->sh, w->rowno);
	w->col = -1;
}

static void ws_cell(struct ws *w, const char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t");
	long c = r ? col_of(r) : -1;

	w->col = c >= 0 ? c : w->col + 1;
	snprintf(w->type, sizeof(w->type), "%s", t ? t : "n");
	sb_reset(&w->v);
}

static void ws_start(void *ctx, const char *name, const char **atts)
{
	struct ws *w = ctx;
	const char *l = local_name(name);

	if (!strcmp(l, "row"))
		ws_row(w, atts);
	else if (!strcmp(l, "c"))
		ws_cell(w, atts);
	else if (!strcmp(l, "v"))
		w->in_v = true;
	else if (!strcmp(l, "is"))
		w->in_is = true;
	else if (!strcmp(l, "rPh"))
		w->in_rph = true;
	else if (!strcmp(l, "t") && w->in_is && !w->in_rph)
		w->in_is_t = true;
}

/* A number as the shortest text that reads back the same (15 digits). */
static void tidy_number(struct strbuf *v)
{
	char *end, buf[64];
	double d = strtod(v->buf, &end);

	if (end == v->buf || *end)
		return;
	snprintf(buf, sizeof(buf), "%.15g", d);
	sb_reset(v);
	sb_addstr(v, buf);
}

static void ws_store(struct ws *w)
{
	const char *val = w->v.buf;
	long idx;

	if (!w->row || w->col < 0 || w->col >= MAX_COLS) {
		w->overflow = w->overflow || w->col >= MAX_COLS;
		return;
	}
	if (!strcmp(w->type, "s")) {
		idx = strtol(w->v.buf, NULL, 10);
		val = idx >= 0 && (size_t)idx < w->sst->n ? w->sst->s[idx] : "";
	} else if (!strcmp(w->type, "n")) {
		tidy_number(&w->v);
		val = w->v.buf;
	}
	if (*val)
		pw_sheet_set(w->row, (size_t)w->col, val, strlen(val));
}

static void ws_end(void *ctx, const char *name)
{
	struct ws *w = ctx;
	const char *l = local_name(name);

	if (!strcmp(l, "c"))
		ws_store(w);
	else if (!strcmp(l, "v"))
		w->in_v = false;
	else if (!strcmp(l, "is"))
		w->in_is = false;
	else if (!strcmp(l, "rPh"))
		w->in_rph = false;
	else if (!strcmp(l, "t"))
		w->in_is_t = false;
	else if (!strcmp(l, "row"))
		w->row = NULL;
}

static void ws_text(void *ctx, const char *s, int len)
{
	struct ws *w = ctx;

	if (w->in_v || w->in_is_t)
		sb_add(&w->v, s, (size_t)len);
}

/* ------------------------------------------------------------------ */

static int read_book(zip_t *za, struct pw_sheet *sh, const char *path)
{
	struct strbuf xml = STRBUF_INIT, part = STRBUF_INIT;
	struct sst sst = { NULL, 0, 0, STRBUF_INIT, false, false, false };
	struct ws w = { .sh = sh, .sst = &sst, .v = STRBUF_INIT };
	int rc = first_sheet(za, path, &xml, &part);

	if (rc == 0 && (rc = read_part(za, path, "xl/sharedStrings.xml", &xml)) == 1)
		rc = parse_xml(path, "xl/sharedStrings.xml", &xml, &sst, sst_start, sst_end,
			       sst_text);
	if (rc >= 0 && (rc = read_part(za, path, part.buf, &xml)) == 0)
		rc = pw_error("%s: the workbook has no worksheet '%s'", path, part.buf);
	if (rc == 1)
		rc = parse_xml(path, part.buf, &xml, &w, ws_start, ws_end, ws_text);
	if (rc == 0 && w.overflow)
		rc = pw_error("%s: the worksheet is larger than a spreadsheet can be", path);
	sst_release(&sst);
	sb_release(&w.v);
	sb_release(&xml);
	sb_release(&part);
	return rc;
}

int pw_xlsx_read(struct pw_sheet *sh, const char *path)
{
	int err = 0, rc;
	zip_t *za;

	pw_sheet_init(sh, path);
	sh->encoding = "xlsx";
	za = zip_open(path, ZIP_RDONLY, &err);
	if (!za && (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN))
		return pw_error("cannot open '%s': %s", path, strerror(errno ? errno : ENOENT));
	if (!za) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		rc = pw_error("cannot open '%s': not an xlsx workbook (%s)", path,
			      zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	rc = read_book(za, sh, path);
	zip_discard(za);
	if (rc < 0) {
		char *name = xstrdup(path);

		pw_sheet_release(sh);
		pw_sheet_init(sh, name);
		free(name);
	}
	return rc;
}
