/*
 * report_doc.c - the report document: tables, cells and blocks (the
 * building blocks of report_int.h), and pw_rdoc_build(), which lays the
 * sections out in order.  What each section says is in report_layout.c.
 */
#include "report/report_int.h"
#include "eval/eval_int.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

/* ---- tables -------------------------------------------------------------- */

struct pw_rtable *pw_rtable_new(const char *name, const struct pw_rcol_spec *cols,
				size_t ncols)
{
	struct pw_rtable *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->name = xstrdup(name);
	t->cols = xcalloc(ncols, sizeof(*t->cols));
	t->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		t->cols[i].head = xstrdup(cols[i].head);
		t->cols[i].width = cols[i].width;
		t->cols[i].sheet_only = cols[i].sheet_only;
		t->cols[i].numeric = cols[i].numeric;
	}
	return t;
}

void pw_rtable_set_head(struct pw_rtable *t, size_t c, const char *head)
{
	free(t->cols[c].head);
	t->cols[c].head = xstrdup(head);
}

struct pw_rcell *pw_rtable_add_row(struct pw_rtable *t)
{
	struct pw_rcell *row;
	size_t i;

	ALLOC_GROW(t->span, t->nrows + 1, t->rows_alloc);
	ALLOC_GROW(t->cells, (t->nrows + 1) * t->ncols, t->cells_alloc);
	row = &t->cells[t->nrows * t->ncols];
	memset(row, 0, t->ncols * sizeof(*row));
	for (i = 0; i < t->ncols; i++)
		row[i].text = xstrdup("");
	t->span[t->nrows++] = false;
	return row;
}

void pw_rtable_add_span(struct pw_rtable *t, const char *text)
{
	struct pw_rcell *row = pw_rtable_add_row(t);

	pw_rcell_set(row, "%s", text);
	row->style = PW_RS_STRONG;
	t->span[t->nrows - 1] = true;
}

const struct pw_rcell *pw_rtable_cell(const struct pw_rtable *t, size_t r, size_t c)
{
	return &t->cells[r * t->ncols + c];
}

void pw_rtable_free(struct pw_rtable *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i].head);
	free(t->cells);
	free(t->span);
	free(t->cols);
	free(t->name);
	free(t);
}

/* ---- cells --------------------------------------------------------------- */

void pw_rcell_set(struct pw_rcell *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(c->text);
	c->text = sb_detach(&sb, NULL);
}

void pw_rcell_num(struct pw_rcell *c, double v)
{
	struct strbuf sb = STRBUF_INIT;

	pw_report_num(&sb, v, &c->decimals);
	free(c->text);
	c->text = sb_detach(&sb, NULL);
	c->has_num = true;
	c->num = v;
}

enum pw_rstyle pw_rstyle_of(enum pw_status s)
{
	switch (s) {
	case PW_STATUS_MET:
	case PW_STATUS_ACHIEVED_EARLY:
	case PW_STATUS_AHEAD:
		return PW_RS_GOOD;
	case PW_STATUS_ON_TRACK:
		return PW_RS_FAIR;
	case PW_STATUS_NOT_MET:
	case PW_STATUS_LAGGING:
		return PW_RS_BAD;
	default:
		return PW_RS_MUTED;
	}
}

void pw_rcell_status(struct pw_rcell *c, enum pw_status s)
{
	pw_rcell_set(c, "%s", pw_status_label(s));
	c->style = pw_rstyle_of(s);
}

/* ---- blocks -------------------------------------------------------------- */

static struct pw_rblock *add_block(struct pw_rdoc *d, enum pw_rblock_type type, int level)
{
	struct pw_rblock *b;

	ALLOC_GROW(d->blocks, d->nblocks + 1, d->alloc);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->level = level;
	return b;
}

void pw_rdoc_add(struct pw_rdoc *d, enum pw_rblock_type type, int level, const char *fmt, ...)
{
	struct pw_rblock *b = add_block(d, type, level);
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	b->text = sb_detach(&sb, NULL);
}

void pw_rdoc_add_table(struct pw_rdoc *d, struct pw_rtable *t)
{
	add_block(d, PW_RB_TABLE, 0)->table = t;
}

void pw_rdoc_section(struct pw_rdoc *d, const char *title, bool annex)
{
	struct strbuf sb = STRBUF_INIT;

	if (!annex)
		pw_eval_cn_number(&sb, ++d->nsections);
	pw_rdoc_add(d, PW_RB_HEADING, 1, "%s%s%s", sb.buf, annex ? "" : "、", title);
	d->blocks[d->nblocks - 1].annex = annex;
	sb_release(&sb);
}

void pw_rdoc_draft(struct pw_rdoc *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	sb_addstr(&sb, PW_REPORT_DRAFT);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	pw_rdoc_add(d, PW_RB_PARA, 0, "%s", sb.buf);
	d->blocks[d->nblocks - 1].draft = true;
	sb_release(&sb);
}

/* ---- the document -------------------------------------------------------- */

/* The date the report carries: $SOURCE_DATE_EPOCH if set (reproducible
 * builds and tests), else today. */
static void add_date(struct strbuf *sb)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t now = env && *env ? (time_t)strtoll(env, NULL, 10) : time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm))
		sb_addf(sb, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void set_heading(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;

	d->title = xstrdup(ev->title ? ev->title : "规划评估报告");
	sb_addf(&sb, "评估年份：%d年", ev->year);
	if (ev->start && ev->end)
		sb_addf(&sb, "　规划期：%d—%d年", ev->start, ev->end);
	sb_addstr(&sb, "　生成日期：");
	add_date(&sb);
	d->subtitle = sb_detach(&sb, NULL);
}

void pw_rdoc_build(const struct pw_evaluation *ev, struct pw_rdoc *d)
{
	memset(d, 0, sizeof(*d));
	d->ev = ev;
	set_heading(d);
	if (ev->kind != PW_REPORT_ANNUAL) { /* 中期评估, 总结评估: documents of their own */
		pw_rdoc_review(d);
		return;
	}
	pw_rdoc_summary(d);
	pw_rdoc_completion(d);
	pw_rdoc_at_risk(d);
	pw_rdoc_prose(d);
	pw_rdoc_annual(d);
	pw_rdoc_projects(d);
	pw_rdoc_notes(d);
}

void pw_rdoc_release(struct pw_rdoc *d)
{
	size_t i;

	for (i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		pw_rtable_free(d->blocks[i].table);
	}
	free(d->blocks);
	free(d->title);
	free(d->subtitle);
	memset(d, 0, sizeof(*d));
}
