/*
 * docx.c - reads a Word document (.docx: WordprocessingML in a zip) into
 * the plain text of office_int.h, with libzip and expat (both already
 * needed for .xlsx).
 *
 * word/document.xml gives the paragraphs and tables in order: a paragraph
 * is one line, with the number Word draws in front of it (第一章, 一、,
 * （一）, 1.) put back from word/numbering.xml, directly or through its
 * style (word/styles.xml: headings are usually numbered that way); a
 * line break inside a paragraph starts a new line; text boxes follow
 * their paragraph.  A table goes through the grid (grid.c) with its merged
 * cells (w:gridSpan, w:vMerge, w:gridBefore) and header rows
 * (w:tblHeader); a table inside a cell is read as that cell's text.
 * Footnotes (word/footnotes.xml) follow the paragraph or table that cites
 * them, as "注：" lines.  Deleted text, field codes and the fallback copy
 * of drawings are left out.
 *
 * A document comes from outside, so every part's uncompressed size and
 * their sum are checked before inflating (a zip bomb is refused unread),
 * the XML nesting depth is capped, DTDs are refused (no part of a docx has
 * one: no entity can expand), and the table cells are budgeted.
 */
#include "text/office_int.h"
#include "text/ooxml.h"
#include "util/nelem.h"
#include "util/alloc.h"
#include "text/utf8.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEVELS 9
#define MAX_NUMS 4096 /* numbering definitions and styles kept */

/* ------------------------------------------------------------------ */
/* Zip parts and expat runs (text/ooxml.h)                            */

struct docx {
	const char *name;
	struct pw_ooxml zip;
	size_t cells; /* table cells left in the budget */
};

/* The first member of every parse context below: the run, and where its
 * character data goes while text is set. */
struct xml_run {
	struct pw_xml_run x;
	bool text;           /* collect character data now */
	struct strbuf *sink; /* where it goes */
};

static void sink_text(void *ud, const char *s, int len)
{
	struct xml_run *r = ud;

	if (r->text && r->sink)
		sb_add(r->sink, s, (size_t)len);
}

/* A run with handlers start and end, collecting text into its sink. */
#define XML_RUN(start_, end_)                                                        \
	{ .x = { .start = (start_), .end = (end_), .text = sink_text,                 \
		 .max_depth = PW_OFFICE_MAX_DEPTH } }

static int attr_int(const char **atts, const char *name, int dflt)
{
	const char *v = pw_xml_attr(atts, name);
	char *end;
	long n;

	if (!v)
		return dflt;
	n = strtol(v, &end, 10);
	return end == v || n < -1000000 || n > 1000000 ? dflt : (int)n;
}

static void refuse(struct xml_run *r, const char *why)
{
	pw_xml_refuse(&r->x, why);
}

static int parse_xml(const struct docx *dx, const char *part, const struct strbuf *xml,
		     struct xml_run *r)
{
	return pw_xml_parse(dx->name, part, xml, &r->x);
}

static int read_part(struct docx *dx, const char *part, struct strbuf *out)
{
	return pw_ooxml_read_part(&dx->zip, part, out);
}

/* Reads and parses an optional part; 0 also when it is absent. */
static int parse_part(struct docx *dx, const char *part, struct xml_run *r)
{
	struct strbuf xml = STRBUF_INIT;
	int rc = read_part(dx, part, &xml);

	if (rc == 1)
		rc = parse_xml(dx, part, &xml, r);
	sb_release(&xml);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Numbering (word/numbering.xml) and styles (word/styles.xml)        */

struct level {
	int start;
	char fmt[32];
	char *text; /* lvlText: "第%1章", "%1、", "（%2）" */
};

struct abstract {
	int id;
	struct level lv[MAX_LEVELS];
	int count[MAX_LEVELS];
	bool started[MAX_LEVELS];
};

struct num {
	int id, abs;
	int start[MAX_LEVELS]; /* startOverride, or -1 */
	bool used[MAX_LEVELS]; /* a paragraph of this list was numbered at the level */
};

struct style {
	char *id;
	int num, ilvl; /* linked numbering, or num -1 */
	char *based;   /* basedOn */
};

struct numbering {
	struct xml_run run;
	struct abstract *abs;
	size_t nabs, abs_alloc;
	struct num *nums;
	size_t nnums, nums_alloc;
	struct style *styles;
	size_t nstyles, styles_alloc;
	int cur_lvl;     /* level being read, or -1 */
	bool in_style;
	bool in_num;
};

static void num_start(void *ud, const char *el, const char **atts)
{
	struct numbering *n = ud;
	struct abstract *a = n->nabs ? &n->abs[n->nabs - 1] : NULL;
	struct num *nm = n->nnums ? &n->nums[n->nnums - 1] : NULL;
	struct style *st = n->nstyles ? &n->styles[n->nstyles - 1] : NULL;
	const char *v = pw_xml_attr(atts, "val");
	int k;

	if (!strcmp(el, "abstractNum") && n->nabs < MAX_NUMS) {
		ALLOC_GROW(n->abs, n->nabs + 1, n->abs_alloc);
		a = memset(&n->abs[n->nabs++], 0, sizeof(*a));
		a->id = attr_int(atts, "abstractNumId", -1);
		n->cur_lvl = -1;
	} else if (!strcmp(el, "lvl") && a && !n->in_num) {
		k = attr_int(atts, "ilvl", -1);
		n->cur_lvl = k >= 0 && k < MAX_LEVELS ? k : -1;
		if (n->cur_lvl >= 0)
			a->lv[k].start = 1;
	} else if (!strcmp(el, "num") && n->nnums < MAX_NUMS) {
		ALLOC_GROW(n->nums, n->nnums + 1, n->nums_alloc);
		nm = &n->nums[n->nnums++];
		nm->id = attr_int(atts, "numId", -1);
		nm->abs = -1;
		memset(nm->used, 0, sizeof(nm->used));
		for (k = 0; k < MAX_LEVELS; k++)
			nm->start[k] = -1;
		n->in_num = true;
		n->cur_lvl = -1;
	} else if (!strcmp(el, "abstractNumId") && n->in_num && nm) {
		nm->abs = attr_int(atts, "val", -1);
	} else if (!strcmp(el, "lvlOverride") && n->in_num) {
		k = attr_int(atts, "ilvl", -1);
		n->cur_lvl = k >= 0 && k < MAX_LEVELS ? k : -1;
	} else if (!strcmp(el, "startOverride") && n->in_num && nm && n->cur_lvl >= 0) {
		nm->start[n->cur_lvl] = attr_int(atts, "val", 1);
	} else if (n->cur_lvl >= 0 && a && !n->in_num && v) {
		struct level *l = &a->lv[n->cur_lvl];

		if (!strcmp(el, "start"))
			l->start = attr_int(atts, "val", 1);
		else if (!strcmp(el, "numFmt"))
			snprintf(l->fmt, sizeof(l->fmt), "%s", v);
		else if (!strcmp(el, "lvlText") && !l->text)
			l->text = xstrdup(v);
	} else if (!strcmp(el, "style") && n->nstyles < MAX_NUMS && pw_xml_attr(atts, "styleId")) {
		ALLOC_GROW(n->styles, n->nstyles + 1, n->styles_alloc);
		st = memset(&n->styles[n->nstyles++], 0, sizeof(*st));
		st->id = xstrdup(pw_xml_attr(atts, "styleId"));
		st->num = -1;
		n->in_style = true;
	} else if (n->in_style && st && !strcmp(el, "numId")) {
		st->num = attr_int(atts, "val", -1);
	} else if (n->in_style && st && !strcmp(el, "ilvl")) {
		st->ilvl = attr_int(atts, "val", 0);
	} else if (n->in_style && st && !strcmp(el, "basedOn") && v && !st->based) {
		st->based = xstrdup(v);
	}
}

static void num_end(void *ud, const char *el)
{
	struct numbering *n = ud;

	if (!strcmp(el, "lvl") || !strcmp(el, "lvlOverride") || !strcmp(el, "abstractNum"))
		n->cur_lvl = -1;
	else if (!strcmp(el, "num"))
		n->in_num = false;
	else if (!strcmp(el, "style"))
		n->in_style = false;
}

static void numbering_release(struct numbering *n)
{
	size_t i;
	int k;

	for (i = 0; i < n->nabs; i++)
		for (k = 0; k < MAX_LEVELS; k++)
			free(n->abs[i].lv[k].text);
	for (i = 0; i < n->nstyles; i++) {
		free(n->styles[i].id);
		free(n->styles[i].based);
	}
	free(n->abs);
	free(n->nums);
	free(n->styles);
}

static const struct style *find_style(const struct numbering *n, const char *id)
{
	size_t i;

	for (i = 0; id && i < n->nstyles; i++)
		if (!strcmp(n->styles[i].id, id))
			return &n->styles[i];
	return NULL;
}

/* The numbering a paragraph of style id gets from it (following basedOn
 * a few steps); false if none. */
static bool style_numbering(const struct numbering *n, const char *id, int *num, int *ilvl)
{
	const struct style *s = find_style(n, id);
	int hops;

	for (hops = 0; s && hops < 8; hops++) {
		if (s->num >= 0) {
			*num = s->num;
			*ilvl = s->ilvl;
			return true;
		}
		s = find_style(n, s->based);
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Drawing a number as Word does                                      */

static void add_cn(struct strbuf *sb, int v, bool big)
{
	static const char *const small[] = { "〇", "一", "二", "三", "四",
					     "五", "六", "七", "八", "九" };
	static const char *const legal[] = { "零", "壹", "贰", "叁", "肆",
					     "伍", "陆", "柒", "捌", "玖" };
	const char *const *d = big ? legal : small;

	if (v <= 0 || v >= 1000) {
		sb_addf(sb, "%d", v);
		return;
	}
	if (v >= 100) {
		sb_addf(sb, "%s%s", d[v / 100], big ? "佰" : "百");
		v %= 100;
		if (!v)
			return;
		if (v < 10) {
			sb_addf(sb, "%s%s", d[0], d[v]);
			return;
		}
		sb_addstr(sb, d[v / 10]); /* 一百一十 */
	} else if (v >= 20) {
		sb_addstr(sb, d[v / 10]);
	}
	if (v >= 10)
		sb_addstr(sb, big ? "拾" : "十");
	if (v % 10)
		sb_addstr(sb, d[v % 10]);
}

static void add_letters(struct strbuf *sb, int v, char a)
{
	int k, reps;

	if (v <= 0) {
		sb_addf(sb, "%d", v);
		return;
	}
	reps = (v - 1) / 26 + 1;
	for (k = 0; k < reps && k < 8; k++)
		sb_addch(sb, a + (v - 1) % 26);
}

static void add_roman(struct strbuf *sb, int v, bool upper)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	size_t i;
	const char *c;

	if (v <= 0 || v >= 4000) {
		sb_addf(sb, "%d", v);
		return;
	}
	for (i = 0; i < NELEM(r); i++)
		for (; v >= r[i].v; v -= r[i].v)
			for (c = r[i].s; *c; c++)
				sb_addch(sb, upper ? *c - 'a' + 'A' : *c);
}

static void add_number(struct strbuf *sb, int v, const char *fmt)
{
	static const char *const heaven[] = { "甲", "乙", "丙", "丁", "戊",
					      "己", "庚", "辛", "壬", "癸" };

	if (!strncmp(fmt, "chineseCounting", 15) || !strcmp(fmt, "japaneseCounting") ||
	    !strcmp(fmt, "taiwaneseCounting") || !strcmp(fmt, "taiwaneseCountingThousand") ||
	    !strcmp(fmt, "ideographDigital"))
		add_cn(sb, v, false);
	else if (!strcmp(fmt, "chineseLegalSimplified"))
		add_cn(sb, v, true);
	else if (!strcmp(fmt, "ideographTraditional") && v >= 1 && v <= 10)
		sb_addstr(sb, heaven[v - 1]);
	else if (!strncmp(fmt, "decimalEnclosedCircle", 21) && v >= 1 && v <= 20) {
		char u[8];

		u[pw_utf8_encode(0x2460 + (uint32_t)v - 1, u)] = '\0';
		sb_addstr(sb, u);
	} else if (!strcmp(fmt, "upperLetter"))
		add_letters(sb, v, 'A');
	else if (!strcmp(fmt, "lowerLetter"))
		add_letters(sb, v, 'a');
	else if (!strcmp(fmt, "upperRoman"))
		add_roman(sb, v, true);
	else if (!strcmp(fmt, "lowerRoman"))
		add_roman(sb, v, false);
	else
		sb_addf(sb, "%d", v);
}

/* Steps the counters of num's list at ilvl and writes its label into
 * label (reset); nothing for bullets and unknown lists. */
static void number_label(struct numbering *n, int numid, int ilvl, struct strbuf *label)
{
	struct abstract *a = NULL;
	struct num *nm = NULL;
	const char *t;
	size_t i;
	int k;

	sb_reset(label);
	if (numid <= 0 || ilvl < 0 || ilvl >= MAX_LEVELS)
		return;
	for (i = 0; i < n->nnums && !nm; i++)
		if (n->nums[i].id == numid)
			nm = &n->nums[i];
	for (i = 0; nm && i < n->nabs && !a; i++)
		if (n->abs[i].id == nm->abs)
			a = &n->abs[i];
	if (!a || !a->lv[ilvl].text || !strcmp(a->lv[ilvl].fmt, "bullet") ||
	    !strcmp(a->lv[ilvl].fmt, "none"))
		return;
	/* a list restarted by a new w:num with a startOverride */
	if (!nm->used[ilvl] && nm->start[ilvl] >= 0)
		a->started[ilvl] = false;
	nm->used[ilvl] = true;
	if (a->started[ilvl])
		a->count[ilvl]++;
	else
		a->count[ilvl] = nm->start[ilvl] >= 0 ? nm->start[ilvl] : a->lv[ilvl].start;
	a->started[ilvl] = true;
	for (k = ilvl + 1; k < MAX_LEVELS; k++)
		a->started[k] = false;
	for (t = a->lv[ilvl].text; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			k = t[1] - '1';
			add_number(label, a->started[k] ? a->count[k] : a->lv[k].start,
				   a->lv[k].fmt[0] ? a->lv[k].fmt : "decimal");
			t++;
		} else {
			sb_addch(label, *t);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Footnotes (word/footnotes.xml)                                     */

struct notes {
	struct xml_run run;
	int *ids;
	char **texts;
	size_t n, alloc, ids_alloc;
	int cur_id; /* footnote being read, or -1 */
	struct strbuf text;
};

static void note_start(void *ud, const char *el, const char **atts)
{
	struct notes *n = ud;
	const char *type = pw_xml_attr(atts, "type");

	if (!strcmp(el, "footnote") && n->n < MAX_NUMS &&
	    (!type || !strcmp(type, "normal"))) {
		n->cur_id = attr_int(atts, "id", -1);
		sb_reset(&n->text);
	} else if (!strcmp(el, "t") && n->cur_id >= 0) {
		n->run.text = true;
	} else if (!strcmp(el, "p") && n->cur_id >= 0 && n->text.len) {
		sb_addch(&n->text, ' ');
	}
}

static void note_end(void *ud, const char *el)
{
	struct notes *n = ud;
	struct strbuf clean = STRBUF_INIT;

	if (!strcmp(el, "t")) {
		n->run.text = false;
	} else if (!strcmp(el, "footnote") && n->cur_id >= 0) {
		pw_text_squeeze(&clean, n->text.buf, n->text.len);
		pw_utf8_trim(&clean);
		ALLOC_GROW(n->ids, n->n + 1, n->ids_alloc);
		ALLOC_GROW(n->texts, n->n + 1, n->alloc);
		n->ids[n->n] = n->cur_id;
		n->texts[n->n++] = sb_detach(&clean, NULL);
		n->cur_id = -1;
	}
	sb_release(&clean);
}

static void notes_release(struct notes *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->texts[i]);
	free(n->texts);
	free(n->ids);
	sb_release(&n->text);
}

static const char *note_text(const struct notes *n, int id)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		if (n->ids[i] == id)
			return n->texts[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The body (word/document.xml)                                       */

struct body {
	struct xml_run run;
	struct docx *dx;
	struct numbering *num;
	const struct notes *notes;
	struct strbuf *out;
	int skip;             /* depth of an element left out with its content, or 0 */
	bool props;           /* that element holds paragraph, row or cell properties */
	int runs;             /* open w:r */
	int paras;            /* open w:p (a text box's paragraph is inside another) */
	int tables;           /* open w:tbl */
	struct strbuf para;   /* the outer paragraph's text */
	struct strbuf inner;  /* text boxes' paragraphs, one per line */
	struct strbuf label;  /* the outer paragraph's number */
	char *pstyle;
	int numid, ilvl;
	bool has_num;
	/* the outermost table */
	struct pw_grid grid;
	struct strbuf cell;
	size_t span;
	bool cont;
	int *cited;           /* footnotes cited since the last flush */
	size_t ncited, cited_alloc;
};

/* Elements whose content is not text of the document. */
static bool skipped(const char *el)
{
	return !strcmp(el, "Fallback") || !strcmp(el, "instrText") ||
	       !strcmp(el, "delText") || !strcmp(el, "del") || !strcmp(el, "pPr") ||
	       !strcmp(el, "rPr") || !strcmp(el, "sectPr");
}

/* The buffer text goes to now. */
static struct strbuf *sink(struct body *b)
{
	if (b->paras > 1)
		return &b->inner;
	return &b->para;
}

static void para_props(struct body *b, const char *el, const char **atts)
{
	if (b->paras != 1)
		return;
	if (!strcmp(el, "pStyle") && pw_xml_attr(atts, "val") && !b->pstyle)
		b->pstyle = xstrdup(pw_xml_attr(atts, "val"));
	else if (!strcmp(el, "numId")) {
		b->numid = attr_int(atts, "val", 0);
		b->has_num = true;
	} else if (!strcmp(el, "ilvl"))
		b->ilvl = attr_int(atts, "val", 0);
}

static void table_props(struct body *b, const char *el, const char **atts)
{
	const char *v = pw_xml_attr(atts, "val");

	if (b->tables != 1)
		return;
	if (!strcmp(el, "gridSpan"))
		b->span = (size_t)attr_int(atts, "val", 1);
	else if (!strcmp(el, "vMerge") || !strcmp(el, "hMerge"))
		b->cont = !v || strcmp(v, "restart");
	else if (!strcmp(el, "tblHeader") && b->grid.cur && (!v || strcmp(v, "0")))
		b->grid.rows[b->grid.cur - 1].header = true;
	else if (!strcmp(el, "gridBefore"))
		pw_grid_skip(&b->grid, (size_t)attr_int(atts, "val", 0));
}

static void body_start(void *ud, const char *el, const char **atts)
{
	struct body *b = ud;

	if (b->skip) {
		/* properties are read inside the left-out pPr/tcPr/trPr */
		if (b->props) {
			para_props(b, el, atts);
			table_props(b, el, atts);
		}
		return;
	}
	if (skipped(el)) {
		b->skip = b->run.x.depth;
		b->props = !strcmp(el, "pPr");
		return;
	}
	if (!strcmp(el, "p")) {
		if (++b->paras == 1) {
			sb_reset(&b->para);
			free(b->pstyle);
			b->pstyle = NULL;
			b->numid = b->ilvl = 0;
			b->has_num = false;
		}
	} else if (!strcmp(el, "r")) {
		b->runs++;
	} else if (!strcmp(el, "t") && b->paras) {
		b->run.text = true;
		b->run.sink = sink(b);
	} else if (b->runs && (!strcmp(el, "tab") || !strcmp(el, "ptab"))) {
		sb_addch(sink(b), '\t');
	} else if (b->runs && (!strcmp(el, "br") || !strcmp(el, "cr"))) {
		const char *type = pw_xml_attr(atts, "type");

		if (!type || !strcmp(type, "textWrapping"))
			sb_addch(sink(b), '\n');
	} else if (b->runs && !strcmp(el, "noBreakHyphen")) {
		sb_addch(sink(b), '-');
	} else if (!strcmp(el, "footnoteReference") && b->ncited < 256) {
		ALLOC_GROW(b->cited, b->ncited + 1, b->cited_alloc);
		b->cited[b->ncited++] = attr_int(atts, "id", -1);
	} else if (!strcmp(el, "tbl")) {
		if (++b->tables == 1)
			pw_grid_init(&b->grid, &b->dx->cells);
	} else if (!strcmp(el, "tr") && b->tables == 1) {
		pw_grid_row(&b->grid, false);
	} else if (!strcmp(el, "tc") && b->tables == 1) {
		sb_reset(&b->cell);
		b->span = 1;
		b->cont = false;
	} else if ((!strcmp(el, "tcPr") || !strcmp(el, "trPr")) && b->tables == 1) {
		b->skip = b->run.x.depth;
		b->props = true;
	}
}

/* Footnotes cited since the last call, as "注：" lines. */
static void flush_notes(struct body *b)
{
	size_t i;
	const char *t;

	for (i = 0; i < b->ncited; i++) {
		t = note_text(b->notes, b->cited[i]);
		if (!t || !*t)
			continue;
		if (strncmp(t, "注", 3))
			sb_addstr(b->out, "注：");
		pw_text_line(b->out, t, strlen(t));
	}
	b->ncited = 0;
}

/* Each line of text (split at '\n') to out, the first after prefix. */
static void emit_lines(struct strbuf *out, const char *prefix, const struct strbuf *text)
{
	struct strbuf line = STRBUF_INIT;
	const char *s = text->buf, *e;

	do {
		e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		sb_reset(&line);
		if (prefix) {
			sb_addstr(&line, prefix);
			prefix = NULL;
		}
		sb_add(&line, s, (size_t)(e - s));
		pw_text_line(out, line.buf, line.len);
		s = e + 1;
	} while (*e);
	sb_release(&line);
}

static bool ends_with(const struct strbuf *sb, const char *lit)
{
	size_t n = strlen(lit);

	return sb->len >= n && !memcmp(sb->buf + sb->len - n, lit, n);
}

/* The number Word draws before the paragraph, with a blank after it
 * unless it ends in punctuation (Word's tab would read as a table). */
static void para_label(struct body *b)
{
	static const char *const punct[] = { ".", ")", "、", "）", "．", "：" };
	int numid = b->numid, ilvl = b->ilvl;
	size_t i;

	sb_reset(&b->label);
	if (!b->has_num && !style_numbering(b->num, b->pstyle, &numid, &ilvl))
		return;
	number_label(b->num, numid, ilvl, &b->label);
	if (!b->label.len)
		return;
	for (i = 0; i < NELEM(punct); i++)
		if (ends_with(&b->label, punct[i]))
			return;
	sb_addch(&b->label, ' ');
}

static void end_para(struct body *b)
{
	if (--b->paras > 0) { /* a text box's paragraph */
		sb_addch(&b->inner, '\n');
		return;
	}
	para_label(b);
	if (b->tables) {
		if (b->cell.len)
			sb_addch(&b->cell, '\n');
		sb_addstr(&b->cell, b->label.buf);
		sb_add(&b->cell, b->para.buf, b->para.len);
		if (b->inner.len) {
			sb_addch(&b->cell, '\n');
			sb_add(&b->cell, b->inner.buf, b->inner.len);
		}
	} else {
		emit_lines(b->out, b->label.buf, &b->para);
		if (b->inner.len) {
			sb_setlen(&b->inner, b->inner.len - 1);
			emit_lines(b->out, NULL, &b->inner);
		}
		flush_notes(b);
	}
	sb_reset(&b->inner);
}

static void body_end(void *ud, const char *el)
{
	struct body *b = ud;

	if (b->skip) {
		if (b->run.x.depth + 1 == b->skip)
			b->skip = 0;
		return;
	}
	if (!strcmp(el, "t")) {
		b->run.text = false;
	} else if (!strcmp(el, "r")) {
		b->runs--;
	} else if (!strcmp(el, "p")) {
		end_para(b);
	} else if (!strcmp(el, "tc") && b->tables == 1) {
		if (pw_grid_cell(&b->grid, b->cont ? NULL : b->cell.buf, b->span, 1, b->cont) < 0)
			refuse(&b->run, "more table cells than planwatch reads from one document");
		sb_reset(&b->cell);
	} else if (!strcmp(el, "tc") && b->tables > 1) {
		sb_addch(&b->cell, ' ');
	} else if (!strcmp(el, "tbl") && --b->tables == 0) {
		pw_grid_emit(&b->grid, b->out);
		pw_grid_release(&b->grid);
		flush_notes(b);
	}
}

static void body_release(struct body *b)
{
	sb_release(&b->para);
	sb_release(&b->inner);
	sb_release(&b->label);
	sb_release(&b->cell);
	pw_grid_release(&b->grid);
	free(b->pstyle);
	free(b->cited);
}

/* ------------------------------------------------------------------ */

static zip_t *open_zip(const char *name, const char *buf, size_t len)
{
	zip_error_t err;
	zip_t *za;

	zip_error_init(&err);
	za = pw_ooxml_open_bytes(buf, len, true, &err);
	if (!za)
		pw_error("%s: not a readable Word document (damaged zip: %s)", name,
			 zip_error_strerror(&err));
	zip_error_fini(&err);
	return za;
}

int pw_docx_text(const char *name, const char *buf, size_t len, struct strbuf *out)
{
	struct docx dx = { .name = name,
			   .zip = { .name = name, .max_part = PW_OFFICE_MAX_PART,
				    .max_total = PW_OFFICE_MAX_TOTAL },
			   .cells = PW_OFFICE_MAX_CELLS };
	struct numbering num = { .run = XML_RUN(num_start, num_end), .cur_lvl = -1 };
	struct notes notes = { .run = XML_RUN(note_start, note_end), .cur_id = -1 };
	struct body b = { .run = XML_RUN(body_start, body_end) };
	struct strbuf xml = STRBUF_INIT;
	int rc;

	dx.zip.za = open_zip(name, buf, len);
	if (!dx.zip.za)
		return -1;
	notes.run.sink = &notes.text;
	sb_init(&notes.text, 0);
	b.dx = &dx;
	b.num = &num;
	b.notes = &notes;
	b.out = out;
	sb_init(&b.para, 0);
	sb_init(&b.inner, 0);
	sb_init(&b.label, 0);
	sb_init(&b.cell, 0);
	rc = parse_part(&dx, "word/styles.xml", &num.run);
	if (rc == 0)
		rc = parse_part(&dx, "word/numbering.xml", &num.run);
	if (rc == 0)
		rc = parse_part(&dx, "word/footnotes.xml", &notes.run);
	if (rc == 0) {
		rc = read_part(&dx, "word/document.xml", &xml);
		if (rc == 0)
			rc = pw_error("%s: not a Word document (no word/document.xml)", name);
		if (rc == 1)
			rc = parse_xml(&dx, "word/document.xml", &xml, &b.run);
	}
	sb_release(&xml);
	body_release(&b);
	notes_release(&notes);
	numbering_release(&num);
	zip_discard(dx.zip.za);
	return rc < 0 ? -1 : 0;
}
