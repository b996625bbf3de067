/*
 * report.h - the evaluation reports (年度监测报告, 中期评估报告, 总结评估报告)
 * and their writers.
 *
 * An evaluation (evaluation.h) is laid out once as a document of
 * headings, paragraphs and tables (struct pw_rdoc, report_doc.c); each
 * writer renders that document in one format, so every format carries the
 * same content: Markdown, HTML (self-contained, inline SVG charts), CSV
 * (the completion table, UTF-8 with BOM, CRLF, RFC 4180), XLSX (a sheet per
 * table), DOCX (WordprocessingML written by hand, zipped with libzip).  JSON
 * is written from the evaluation itself (pw_evaluation_to_json()).
 */
#ifndef PW_REPORT_H
#define PW_REPORT_H

#include "eval/evaluation.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum pw_report_format {
	PW_FORMAT_MD,
	PW_FORMAT_HTML,
	PW_FORMAT_CSV,
	PW_FORMAT_JSON,
	PW_FORMAT_XLSX,
	PW_FORMAT_DOCX,
};

/* "md", "html"...; inverse -1 for an unknown name. */
const char *pw_report_format_name(enum pw_report_format f);
int pw_report_format_from_name(const char *s);
/* xlsx and docx: written to a file, never to a terminal. */
bool pw_report_format_binary(enum pw_report_format f);

/* Why target result r could not be judged, in words for the reader
 * (待录入上级下达目标, 无监测数据...), or NULL when it was judged;
 * has_value: the indicator has a value at all.  Static string. */
const char *pw_report_reason(const struct pw_target_result *r, bool has_value);

/*
 * What a verdict rests on, in words for the reader, appended to sb: the
 * figure judged, what the path asked for by then (应达值) and the progress
 * ratio; the worst year of a year-by-year target; the compound rate of a
 * growth target; at the end of the period the figure against the target.
 * t the target, r its result, start the first year of the period.
 */
void pw_report_basis(struct strbuf *sb, const struct pw_target *t,
		     const struct pw_target_result *r, int start);

/* A ratio as a percentage with one decimal: 0.894286 -> "89.4%". */
void pw_report_percent(struct strbuf *sb, double ratio);

/* The mark of a draft paragraph (struct pw_rblock, draft). */
#define PW_REPORT_DRAFT "【初稿，请规划办修改】"

/* ---- the document ---------------------------------------------------------- */

/* How a cell looks; writers map these to colours or bold. */
enum pw_rstyle {
	PW_RS_PLAIN,
	PW_RS_GOOD,  /* 完成, 提前实现, 快于预期 */
	PW_RS_FAIR,  /* 基本符合预期 */
	PW_RS_BAD,   /* 未完成, 滞后 */
	PW_RS_MUTED, /* 无数据, 无法评估 */
	PW_RS_STRONG,
};

struct pw_rcell {
	char *text; /* never NULL */
	bool has_num; /* a number a spreadsheet should store as one */
	double num;
	int decimals; /* digits after the point to show (0..6) */
	enum pw_rstyle style;
};

struct pw_rcol {
	char *head;
	unsigned width; /* in characters, for spreadsheets and Word */
	bool sheet_only; /* a working column: xlsx and csv, not the documents */
	bool numeric;    /* right-aligned */
};

/* A table: one header row, then rows; a "span" row is one cell across the
 * table (a category row of 表1, 一、经济增长和综合实力). */
struct pw_rtable {
	char *name; /* worksheet name (≤ 31 characters) */
	struct pw_rcol *cols;
	size_t ncols;
	struct pw_rcell *cells; /* nrows * ncols, row major */
	bool *span;             /* per row */
	size_t nrows, rows_alloc, cells_alloc;
};

enum pw_rblock_type {
	PW_RB_HEADING,    /* level 1 or 2 */
	PW_RB_PARA,
	PW_RB_BULLET,     /* a list item */
	PW_RB_TABLE,
	PW_RB_STATUS_BAR, /* a chart of the status counts (HTML only) */
	PW_RB_CHARTS,     /* per indicator path charts (HTML only) */
};

struct pw_rblock {
	enum pw_rblock_type type;
	int level;
	char *text;
	struct pw_rtable *table;
	/* A heading that opens the appendix (附表): Word starts a landscape
	 * section there; other formats show the heading. */
	bool annex;
	/* A paragraph the office is to revise (总体判断, 下一步): generated from
	 * the data and marked as a draft in every format. */
	bool draft;
};

struct pw_rdoc {
	const struct pw_evaluation *ev; /* borrowed */
	char *title, *subtitle;
	struct pw_rblock *blocks;
	size_t nblocks, alloc;
	size_t main_table; /* block index of the completion table */
	int nsections;     /* numbered level-1 headings so far (一、二、…) */
};

/* Lays out ev (which must outlive the document) into d; pw_rdoc_release()
 * frees what d owns. */
void pw_rdoc_build(const struct pw_evaluation *ev, struct pw_rdoc *d);
void pw_rdoc_release(struct pw_rdoc *d);
/* The cell at row r, column c of t. */
const struct pw_rcell *pw_rtable_cell(const struct pw_rtable *t, size_t r, size_t c);

/* ---- writers ------------------------------------------------------------- */

/* Text formats append to out. */
void pw_report_md(const struct pw_rdoc *d, struct strbuf *out);
void pw_report_html(const struct pw_rdoc *d, struct strbuf *out);
void pw_report_csv(const struct pw_rdoc *d, struct strbuf *out);
/* Binary formats write the file at path (replaced): 0 or -1 (pw_error). */
int pw_report_xlsx(const struct pw_rdoc *d, const char *path);
int pw_report_docx(const struct pw_rdoc *d, const char *path);
/* The word/document.xml part of the docx (tests and debugging). */
void pw_report_docx_xml(const struct pw_rdoc *d, struct strbuf *out);

/* The evaluation as JSON (docs/reports.md); a new reference. */
json_t *pw_evaluation_to_json(const struct pw_evaluation *ev);
/* One target of an annual document for the year (ev->annual, docs/annual.md):
 * {id, text, document, link, linked, path, consistency, actual, status}. */
json_t *pw_eval_annual_to_json(const struct pw_eval_annual *e);

/*
 * Writes ev in format f: to path, or for a text format with path NULL to
 * stdout.  A binary format needs a path.  Text files are written to a
 * temporary file and renamed, so a failed write leaves no half file.
 */
int pw_report_write(const struct pw_evaluation *ev, enum pw_report_format f, const char *path);

/* ---- helpers the writers share (report_util.c) ----------------------------- */

/* XML/HTML text: & < > " ' escaped; characters XML 1.0 forbids (C0 controls
 * other than tab, LF, CR) dropped. */
void pw_report_xml_escape(struct strbuf *sb, const char *s);
/* CSV fields: pw_csv_field() (text/csv_field.h), with the formula guard. */
/* v with at most 4 decimals, trailing zeros removed; *decimals (may be NULL)
 * receives how many remain. */
void pw_report_num(struct strbuf *sb, double v, int *decimals);

#endif
