/*
 * xlsx_read.c - reads the first worksheet of an .xlsx workbook (xlsx.h):
 * xl/workbook.xml and its relations name the sheet part, then
 * xl/sharedStrings.xml and the sheet are parsed with expat.
 *
 * A workbook comes from outside (a unit's e-mail), so every size is
 * capped before memory is spent on it: each part's declared uncompressed
 * size and their sum (a zip bomb is refused before it is inflated), the
 * nesting depth of the XML, and the cells, rows and shared strings the
 * grid may hold (a 20-byte <c r="XFD1"> would otherwise cost a 16384-cell
 * row).  DTDs are refused: no xlsx part has one, and entities are how XML
 * bombs work.  What the grid, the shared strings and the part being
 * parsed hold is charged to the file's memory budget (util/budget.h)
 * before it is allocated; a shared string is held once, in the sheet's
 * pool, however many cells name it.
 */
#include "monitor/xlsx.h"
#include "text/ooxml.h"
#include "util/alloc.h"
#include "util/budget.h"
#include "util/error.h"
#include "util/input.h"
#include "util/strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PART_BYTES ((zip_uint64_t)64 << 20)   /* one XML part, uncompressed */
#define MAX_TOTAL_BYTES ((zip_uint64_t)128 << 20) /* every part read, together */
#define MAX_DEPTH 64                              /* XML element nesting */
#define MAX_ITEMS PW_SHEET_MAX_ITEMS                /* cells + rows + shared strings */
#define MAX_COLS PW_SHEET_MAX_COLS
#define MAX_ROWS 1048576
#define TOO_LONG "a cell longer than 32767 characters (more than a spreadsheet cell holds)"

/* ------------------------------------------------------------------ */
/* Zip parts                                                          */

struct book {
	struct pw_ooxml zip;  /* the archive, its limits and the parts read */
	const char *path;     /* name in messages */
	size_t items;         /* grid cells, rows and shared strings so far */
	struct pw_budget budget;
};

static int read_part(struct book *bk, const char *name, struct strbuf *out)
{
	return pw_ooxml_read_part(&bk->zip, name, out);
}

/* Counts n more items against the book's budget; false (and stops the
 * run) when the budget is spent. */
static bool spend(struct book *bk, struct pw_xml_run *r, size_t n)
{
	if (n > MAX_ITEMS - bk->items) {
		pw_xml_refuse(r, "more cells or strings than planwatch reads from one workbook");
		return false;
	}
	bk->items += n;
	return true;
}

/* rc: what a charge to the budget returned.  Stops the run r when the
 * charge failed (and was reported); true if charged. */
static bool charged(struct pw_xml_run *r, int rc)
{
	if (rc == 0)
		return true;
	pw_xml_refuse_reported(r, "over the memory limit");
	return false;
}

/* ------------------------------------------------------------------ */
/* Which part is the first sheet                                      */

struct sheet_ref {
	struct pw_xml_run run;
	char *rid;    /* r:id of the first <sheet> */
	char *target; /* its Target in the relations */
};

static void wb_start(void *ctx, const char *name, const char **atts)
{
	struct sheet_ref *r = ctx;
	const char *id = pw_xml_attr(atts, "id");

	if (!r->rid && !strcmp(name, "sheet") && id)
		r->rid = xstrdup(id);
}

static void rels_start(void *ctx, const char *name, const char **atts)
{
	struct sheet_ref *r = ctx;
	const char *id = pw_xml_attr(atts, "Id"), *target = pw_xml_attr(atts, "Target");

	if (!r->target && !strcmp(name, "Relationship") && id && target && r->rid &&
	    !strcmp(id, r->rid))
		r->target = xstrdup(target);
}

/* The zip path of the first worksheet into out. */
static int first_sheet(struct book *bk, struct strbuf *xml, struct strbuf *out)
{
	struct sheet_ref r = { .run = { .start = wb_start, .max_depth = MAX_DEPTH } };
	int rc = read_part(bk, "xl/workbook.xml", xml);

	if (rc == 1)
		rc = pw_xml_parse(bk->path, "xl/workbook.xml", xml, &r.run);
	r.run.start = rels_start;
	if (rc >= 0 && r.rid && (rc = read_part(bk, "xl/_rels/workbook.xml.rels", xml)) == 1)
		rc = pw_xml_parse(bk->path, "workbook.xml.rels", xml, &r.run);
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

/* The strings go into one pool, sized from the part (text is never
 * longer than its XML), which the sheet then adopts: cells point into it. */
struct sst {
	struct pw_xml_run run;
	struct book *bk;
	struct strbuf pool;
	size_t *off; /* string i is at pool + off[i] */
	size_t n, alloc;
	size_t start; /* where the string being read begins in the pool */
	size_t charged; /* for the pool */
	bool in_si, in_t, in_rph;
};

static void sst_start(void *ctx, const char *name, const char **atts)
{
	struct sst *t = ctx;
	const char *l = name;

	(void)atts;
	if (!strcmp(l, "si")) {
		t->in_si = true;
		sb_setlen(&t->pool, t->start);
	} else if (!strcmp(l, "rPh")) {
		t->in_rph = true;
	} else if (!strcmp(l, "t") && t->in_si && !t->in_rph) {
		t->in_t = true;
	}
}

/* Room for one more string offset, its growth charged first; false when
 * the budget refused it (the run is stopped). */
static bool sst_room(struct sst *t)
{
	size_t to = (t->alloc + 16) * 3 / 2; /* what ALLOC_GROW grows to */

	if (t->n < t->alloc)
		return true;
	if (!charged(&t->run, pw_budget_charge(&t->bk->budget, (to - t->alloc) * sizeof(*t->off))))
		return false;
	ALLOC_GROW(t->off, t->n + 1, t->alloc);
	return true;
}

static void sst_end(void *ctx, const char *name)
{
	struct sst *t = ctx;
	const char *l = name;

	if (!strcmp(l, "t")) {
		t->in_t = false;
	} else if (!strcmp(l, "rPh")) {
		t->in_rph = false;
	} else if (!strcmp(l, "si") && pw_sheet_cell_too_long(t->pool.buf + t->start,
							     t->pool.len - t->start)) {
		pw_xml_refuse(&t->run, TOO_LONG);
	} else if (!strcmp(l, "si") && spend(t->bk, &t->run, 1) && sst_room(t)) {
		t->off[t->n++] = t->start;
		sb_addch(&t->pool, '\0');
		t->start = t->pool.len;
		t->in_si = false;
	}
}

static void sst_text(void *ctx, const char *s, int len)
{
	struct sst *t = ctx;

	if (t->in_t)
		sb_add(&t->pool, s, (size_t)len);
}

/* Parses the shared strings in xml into t, the pool sized (and charged)
 * once for the whole part. */
static int sst_parse(struct sst *t, const struct strbuf *xml)
{
	if (pw_budget_charge(&t->bk->budget, xml->len + 1) < 0)
		return -1;
	t->charged = xml->len + 1;
	sb_grow(&t->pool, xml->len);
	return pw_xml_parse(t->bk->path, "xl/sharedStrings.xml", xml, &t->run);
}

static void sst_release(struct sst *t)
{
	free(t->off);
	sb_release(&t->pool);
}

/* ------------------------------------------------------------------ */
/* The worksheet                                                      */

struct ws {
	struct pw_xml_run run;
	struct book *bk;
	struct pw_sheet *sh;
	const struct sst *sst;
	const char *pool; /* the shared strings, adopted by the sheet */
	struct pw_sheet_row *row;
	long rowno;
	long col;       /* current cell's column, 0-based */
	char type[12];  /* t attribute of the current cell */
	struct strbuf v;
	bool in_v, in_is_t, in_is, in_rph;
	bool overflow;
	long bad_sst_row; /* row of a cell naming a shared string that is not there */
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
	const char *r = pw_xml_attr(atts, "r");
	long n = r ? strtol(r, NULL, 10) : w->rowno + 1;

	w->row = NULL;
	w->rowno = n > w->rowno ? n : w->rowno + 1;
	if (w->rowno > MAX_ROWS) {
		w->overflow = true;
		pw_xml_refuse(&w->run, "more rows than a spreadsheet can have");
		return;
	}
	if (!spend(w->bk, &w->run, 1) ||
	    !charged(&w->run, pw_sheet_charge_row(&w->bk->budget, w->sh)))
		return;
	w->row = pw_sheet_add_row(w->sh, w->rowno);
	w->col = -1;
}

static void ws_cell(struct ws *w, const char **atts)
{
	const char *r = pw_xml_attr(atts, "r"), *t = pw_xml_attr(atts, "t");
	long c = r ? col_of(r) : -1;

	w->col = c >= 0 ? c : w->col + 1;
	snprintf(w->type, sizeof(w->type), "%s", t ? t : "n");
	sb_reset(&w->v);
}

static void ws_start(void *ctx, const char *name, const char **atts)
{
	struct ws *w = ctx;
	const char *l = name;

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

/* d with 15 significant digits and no exponent into buf (size >= 400):
 * 0.30000000000000004 -> "0.3", 1e-05 -> "0.00001", 1e+20 -> all digits
 * (the value parser takes no exponent). */
static void plain_number(double d, char *buf, size_t size)
{
	int decimals;
	char *dot, *end;

	snprintf(buf, size, "%.15g", d == 0 ? 0 : d); /* no "-0" */
	if (!strchr(buf, 'e'))
		return;
	decimals = 14 - (int)floor(log10(fabs(d)));
	snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, d);
	dot = strchr(buf, '.');
	if (!dot)
		return;
	end = buf + strlen(buf);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
}

/* A number cell as the shortest text that reads back the same; text that
 * is not a plain decimal number ("0x1A", "inf") is left as it is, for the
 * value parser to refuse. */
static void tidy_number(struct strbuf *v)
{
	char *end, buf[400];
	double d;

	if (!v->len || v->buf[strspn(v->buf, "0123456789+-.eE")])
		return;
	d = strtod(v->buf, &end);
	if (end == v->buf || *end || !isfinite(d))
		return;
	plain_number(d, buf, sizeof(buf));
	sb_reset(v);
	sb_addstr(v, buf);
}

/* The shared string a cell names, or NULL (and the row noted) when the
 * index is not a number or not in the table. */
static const char *shared_string(struct ws *w)
{
	const char *s = w->v.buf;
	char *end;
	unsigned long idx;

	if (!*s)
		return s; /* <c t="s"/>: an empty cell */
	if (*s >= '0' && *s <= '9') {
		errno = 0;
		idx = strtoul(s, &end, 10);
		if (!errno && !*end && idx < w->sst->n)
			return w->pool + w->sst->off[idx];
	}
	if (!w->bad_sst_row)
		w->bad_sst_row = w->rowno;
	return NULL;
}

static void ws_store(struct ws *w)
{
	const char *val = w->v.buf;
	size_t before, len;
	bool shared = false;

	if (!w->row || w->col < 0 || w->col >= MAX_COLS) {
		if (w->row && w->col >= MAX_COLS) {
			w->overflow = true;
			pw_xml_refuse(&w->run, "more columns than a spreadsheet can have");
		}
		return;
	}
	if (!strcmp(w->type, "s")) {
		val = shared_string(w);
		if (!val)
			return;
		shared = val != w->v.buf;
	} else if (!strcmp(w->type, "n")) {
		tidy_number(&w->v);
		val = w->v.buf;
	}
	before = w->row->n;
	if (!*val || ((size_t)w->col >= before && !spend(w->bk, &w->run, (size_t)w->col + 1 - before)))
		return;
	len = shared ? 0 : strlen(val); /* a shared string is not measured per cell */
	if (pw_sheet_cell_too_long(val, len)) {
		pw_xml_refuse(&w->run, TOO_LONG);
		return;
	}
	if (!charged(&w->run,
		    pw_sheet_charge_cell(&w->bk->budget, w->row, (size_t)w->col, len, shared)))
		return;
	if (shared)
		pw_sheet_share(w->row, (size_t)w->col, val);
	else
		pw_sheet_set(w->row, (size_t)w->col, val, len);
}

static void ws_end(void *ctx, const char *name)
{
	struct ws *w = ctx;
	const char *l = name;

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

static int read_book(struct book *bk, struct pw_sheet *sh)
{
	struct strbuf xml = STRBUF_INIT, part = STRBUF_INIT;
	struct sst sst = { .run = { .start = sst_start, .end = sst_end, .text = sst_text, .max_depth = MAX_DEPTH },
			   .bk = bk, .pool = STRBUF_INIT };
	struct ws w = { .run = { .start = ws_start, .end = ws_end, .text = ws_text, .max_depth = MAX_DEPTH },
			.bk = bk, .sh = sh, .sst = &sst, .v = STRBUF_INIT };
	int rc = first_sheet(bk, &xml, &part);

	if (rc == 0 && (rc = read_part(bk, "xl/sharedStrings.xml", &xml)) == 1)
		rc = sst_parse(&sst, &xml);
	if (rc >= 0 && sst.n) {
		/* the sheet keeps the strings; the pool is cut to its length */
		if (sst.charged > sst.start + 1)
			pw_budget_release(&bk->budget, sst.charged - (sst.start + 1));
		pw_sheet_adopt_pool(sh, xrealloc(sb_detach(&sst.pool, NULL), sst.start + 1),
				    sst.start + 1);
		w.pool = sh->pool;
	}
	if (rc >= 0 && (rc = read_part(bk, part.buf, &xml)) == 0)
		rc = pw_error_kind(PW_ERR_INPUT, "%s: the workbook has no worksheet '%s'", bk->path,
				   part.buf);
	if (rc == 1)
		rc = pw_xml_parse(bk->path, part.buf, &xml, &w.run);
	if (rc == 0 && w.bad_sst_row)
		rc = pw_error_at(bk->path, w.bad_sst_row, 0,
				 "a cell names a shared string the workbook does not have");
	sst_release(&sst);
	sb_release(&w.v);
	sb_release(&xml);
	sb_release(&part);
	return rc;
}

/* Reads the open archive za (consumed) into sh; on error sh is left empty
 * with its name. */
static int read_archive(zip_t *za, struct pw_sheet *sh, const char *name)
{
	struct book bk = { .zip = { .za = za, .name = name, .max_part = MAX_PART_BYTES,
				    .max_total = MAX_TOTAL_BYTES },
			   .path = name };
	int rc;

	pw_budget_init(&bk.budget, name);
	bk.zip.budget = &bk.budget;
	rc = read_book(&bk, sh);

	zip_discard(za);
	if (rc < 0) {
		char *keep = xstrdup(name);

		pw_sheet_release(sh);
		pw_sheet_init(sh, keep);
		free(keep);
	}
	return rc;
}

static int not_a_workbook(const char *name, zip_error_t *ze)
{
	int rc = pw_error_kind(PW_ERR_INPUT, "cannot open '%s': not an xlsx workbook (%s)", name,
			  zip_error_strerror(ze));

	zip_error_fini(ze);
	return rc;
}

int pw_xlsx_read(struct pw_sheet *sh, const char *path)
{
	zip_error_t ze;
	int err = 0, fd;
	zip_t *za;

	pw_sheet_init(sh, path);
	sh->encoding = "xlsx";
	fd = pw_open_input(path, NULL); /* a FIFO would block zip_open */
	if (fd < 0)
		return -1;
	za = zip_fdopen(fd, ZIP_RDONLY, &err); /* takes fd over on success */
	if (!za) {
		close(fd);
		zip_error_init_with_code(&ze, err);
		return not_a_workbook(path, &ze);
	}
	return read_archive(za, sh, path);
}

int pw_xlsx_from_bytes(struct pw_sheet *sh, const char *name, const void *buf, size_t len)
{
	zip_error_t ze;
	zip_t *za;

	pw_sheet_init(sh, name);
	sh->encoding = "xlsx";
	zip_error_init(&ze);
	za = pw_ooxml_open_bytes(buf, len, false, &ze);
	if (!za)
		return not_a_workbook(sh->name, &ze);
	zip_error_fini(&ze);
	return read_archive(za, sh, sh->name);
}
