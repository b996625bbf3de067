/*
 * lint.h - check a plan document the way a compiler checks code.
 *
 * pw_lint_run() reads the document twice: the extracted plan (ingest:
 * tables, prose targets, outline, 专栏) and the raw lines as written (before
 * doc.c's cleaning, so markup and columns are those of the file).  Each
 * family of checks lives in its own file and reports through
 * pw_lint_report(); diagnostics come out sorted by line and column.
 *
 *   names.c      place-name     another place's name where the plan's own stands
 *   convert.c    repeated-word, page-break, page-break-repeat, markup, latin-word
 *   structure.c  numbering, brackets, unit-mismatch, column-order
 *   numbers.c    table-prose, growth-rate, parts-total, share-over-100
 *
 * docs/lint.md documents every check with an example.
 */
#ifndef PW_LINT_H
#define PW_LINT_H

#include "lint/gazetteer.h"
#include "model/plan.h"
#include "text/doc.h"

#include <stdint.h>
#include <stdio.h>

enum pw_lint_sev { PW_LINT_NOTE, PW_LINT_WARNING, PW_LINT_ERROR };

struct pw_lint_diag {
	int line, col;       /* 1-based; col counts code points */
	size_t off, span;    /* bytes into the raw line, and the marked length */
	enum pw_lint_sev sev;
	const char *check;   /* static name, "place-name" */
	char *message;       /* translated, owned */
};

/* What a raw line is, for checks that treat prose and headings apart. */
enum pw_lint_kind {
	PW_LK_BLANK,
	PW_LK_PROSE,
	PW_LK_HEADING, /* outline heading, 专栏 or table title */
	PW_LK_TABLE,   /* a row of an indicator table */
	PW_LK_ITEM,    /* a numbered item inside a 专栏 */
};

struct pw_lint_line {
	const char *s; /* raw UTF-8, NUL-terminated, no line end */
	size_t len;
	enum pw_lint_kind kind;
	int cont;      /* index of the line this one runs on into across a
			* page break (a blank line inside a sentence), or -1 */
};

struct pw_lint {
	const char *file;
	const struct pw_plan *plan;
	struct pw_lint_line *lines; /* lines[i] is line i + 1 */
	size_t nlines;
	char *raw;                  /* backing store of lines */

	const struct pw_gz *subject; /* the plan's own region in the gazetteer, or NULL */
	const char *subject_name;    /* "湛河区", also when not in the gazetteer ("" if none) */
	const char *subject_short;   /* "湛河" ("" if none) */
	char subject_buf[2][64];     /* backing store for a region the gazetteer lacks */
	const char *subject_suffix;  /* "区", "县", "市" ("" if none) */

	struct pw_lint_diag *diags;
	size_t ndiags, diags_alloc;
	unsigned char disabled[32]; /* by check index (pw_lint_check_index) */
	int col_line;               /* the last column counted: line, byte, column */
	size_t col_off, col_cps;    /* (checks report along a line: no rescans) */
};

/* Names of every check, NULL-terminated, in docs/lint.md's order. */
extern const char *const pw_lint_checks[];
/* Index of check name in pw_lint_checks, or -1. */
int pw_lint_check_index(const char *name);
/* -W<name> / -Wno-<name>: "all" means every check.  -1 for an unknown name. */
int pw_lint_enable(struct pw_lint *L, const char *name, int on);

/* Sets up L for the document d (read already) and its plan p (ingested from
 * d; p outlives L, d need not: L copies its text).  Release with
 * pw_lint_release(). */
void pw_lint_init(struct pw_lint *L, const struct pw_doc *d, const struct pw_plan *p);
void pw_lint_release(struct pw_lint *L);
/* Runs every enabled check, then sorts the diagnostics. */
void pw_lint_run(struct pw_lint *L);

/* Adds a diagnostic at byte off (span bytes marked) of 1-based line no,
 * unless check is disabled.  fmt is an English source message, translated
 * here (so it reaches po/). */
void pw_lint_report(struct pw_lint *L, const char *check, enum pw_lint_sev sev, int no,
		    size_t off, size_t span, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Counts by severity. */
size_t pw_lint_count(const struct pw_lint *L, enum pw_lint_sev sev);

/* Printers (print.c): compiler form with the source line and a caret, or
 * {"diagnostics": [...]}.  Return 0, -1 on a write error. */
int pw_lint_print_text(FILE *f, const struct pw_lint *L);
int pw_lint_print_json(FILE *f, const struct pw_lint *L);

/* The plan's own region in the gazetteer, inferred from d's text as the
 * place-name check does (names.c), or NULL when the gazetteer lacks it.
 * Import records it (docs/schema.md). */
const struct pw_gz *pw_lint_region(const struct pw_doc *d, const struct pw_plan *p);
/* "河南省/平顶山市/湛河区" for g, into a new string the caller frees. */
char *pw_gz_path(const struct pw_gz *g);

/* The families (one file each). */
void pw_lint_names(struct pw_lint *L);
void pw_lint_convert(struct pw_lint *L);
void pw_lint_structure(struct pw_lint *L);
void pw_lint_numbers(struct pw_lint *L);

/* Helpers shared by the families (lint.c). */
/* Code point at s (NUL-terminated) into *cp; its byte length, 0 at the end. */
size_t pw_lint_cp(const char *s, uint32_t *cp);
int pw_lint_is_cjk(uint32_t cp);
/* Length in bytes of the first n code points of s (fewer if s ends). */
size_t pw_lint_cps(const char *s, size_t n);
/* Byte offset of the code point before off in s (off > 0). */
size_t pw_lint_prev(const char *s, size_t off);

#endif
