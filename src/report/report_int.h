/*
 * report_int.h - building blocks of the report document (report_doc.c),
 * shared with the section layouts (report_layout.c).
 */
#ifndef PW_REPORT_INT_H
#define PW_REPORT_INT_H

#include "report/report.h"

/* A column as the layouts declare it. */
struct pw_rcol_spec {
	const char *head;
	unsigned width;
	bool sheet_only, numeric;
};

/* A new table (owned by the caller until pw_rdoc_add_table()). */
struct pw_rtable *pw_rtable_new(const char *name, const struct pw_rcol_spec *cols,
				size_t ncols);
/* Renames column c (heads that carry a year). */
void pw_rtable_set_head(struct pw_rtable *t, size_t c, const char *head);
/* Appends a row of empty cells and returns its first cell. */
struct pw_rcell *pw_rtable_add_row(struct pw_rtable *t);
/* Appends a row of one cell across the table. */
void pw_rtable_add_span(struct pw_rtable *t, const char *text);
void pw_rtable_free(struct pw_rtable *t);

void pw_rcell_set(struct pw_rcell *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pw_rcell_num(struct pw_rcell *c, double v);
void pw_rcell_status(struct pw_rcell *c, enum pw_status s);
enum pw_rstyle pw_rstyle_of(enum pw_status s);

void pw_rdoc_add(struct pw_rdoc *d, enum pw_rblock_type type, int level, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pw_rdoc_add_table(struct pw_rdoc *d, struct pw_rtable *t);
/* A level-1 heading numbered in order (一、二、…: no gaps when a section
 * is left out); annex: it opens the appendix (struct pw_rblock). */
void pw_rdoc_section(struct pw_rdoc *d, const char *title, bool annex);
/* A draft paragraph (struct pw_rblock, draft): PW_REPORT_DRAFT leads it. */
void pw_rdoc_draft(struct pw_rdoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The sections, in report order (report_layout.c). */
void pw_rdoc_summary(struct pw_rdoc *d);
void pw_rdoc_completion(struct pw_rdoc *d);
void pw_rdoc_at_risk(struct pw_rdoc *d);
void pw_rdoc_prose(struct pw_rdoc *d);
void pw_rdoc_annual(struct pw_rdoc *d); /* the annual documents' targets */
void pw_rdoc_projects(struct pw_rdoc *d);
void pw_rdoc_notes(struct pw_rdoc *d);

/* The mid-term and final evaluation (report_review.c): 总体判断, the
 * indicators with their series, 应达值 and 进度, progress chapter by
 * chapter, problems with the units' reasons, next steps, 附表. */
void pw_rdoc_review(struct pw_rdoc *d);

/* Cells and tables report_layout.c and report_review.c share. */
void pw_rdoc_status_cell(struct pw_rcell *c, enum pw_status s, bool provisional);
void pw_rdoc_targets_cell(struct pw_rcell *c, const struct pw_eval_indicator *e, bool growth);
void pw_rdoc_completion_table(struct pw_rdoc *d, const char *caption);
/* The target of e whose result decides e's status (the worst), or -1. */
long pw_rdoc_deciding_target(const struct pw_eval_indicator *e);
/* "完成5项、未完成3项" for the non-zero counts. */
void pw_rdoc_status_counts(struct strbuf *sb, const unsigned *counts);

/* "主要污染物排放减少：化学需氧量" (new string). */
char *pw_report_ind_name(const struct pw_indicator *ind);
/* The project status in Chinese (已完成...), "未报送" for NULL. */
const char *pw_report_progress_label(const char *status);

#endif
