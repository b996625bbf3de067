/*
 * print.c - lint diagnostics as a compiler prints them
 *
 *   plan.txt:7:29: error: ... [place-name]
 *       7 | 开启全面建设社会主义现代化 漯河新征程
 *         |                           ^~~~
 *
 * (columns in code points; the caret is placed by display width, so it
 * stands under the character in a terminal), or as JSON.  Plan lines are
 * whole paragraphs, so a long line is shown as a window around the column.
 */
#include "lint/lint.h"
#include "text/json_emit.h"
#include "text/utf8.h"
#include "util/i18n.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define WINDOW_BEFORE 24 /* code points shown before the column */
#define WINDOW_AFTER 40  /* and from it on */

static const char *sev_name(enum pw_lint_sev s)
{
	return s == PW_LINT_ERROR ? "error" : s == PW_LINT_WARNING ? "warning" : "note";
}

static const char *sev_label(enum pw_lint_sev s)
{
	return s == PW_LINT_ERROR ? _("error") : s == PW_LINT_WARNING ? _("warning") : _("note");
}

/* Display width of the bytes [s, s+n). */
static size_t width_of(const char *s, size_t n)
{
	char *t = strndup(s, n);
	size_t w;

	if (!t)
		return n;
	w = pw_utf8_width(t);
	free(t);
	return w;
}

static void print_source(FILE *f, const struct pw_lint *L, const struct pw_lint_diag *g)
{
	const struct pw_lint_line *ln = &L->lines[g->line - 1];
	size_t from = g->off, to, i, back;
	size_t span = g->span, pad, marks;
	int gutter;
	char num[16];

	/* WINDOW_BEFORE code points back from the column, walked backwards */
	for (back = 0; back < WINDOW_BEFORE && from > 0; back++)
		from = pw_lint_prev(ln->s, from);
	to = g->off + pw_lint_cps(ln->s + g->off, WINDOW_AFTER);
	if (g->off + span > to)
		span = to - g->off;
	gutter = snprintf(num, sizeof(num), "%d", g->line);
	fprintf(f, " %s | %s%.*s%s\n", num, from ? "…" : "", (int)(to - from), ln->s + from,
		to < ln->len ? "…" : "");
	pad = width_of(ln->s + from, g->off - from) + (from ? pw_utf8_width("…") : 0);
	marks = span ? width_of(ln->s + g->off, span) : 1;
	fprintf(f, " %*s | ", gutter, "");
	for (i = 0; i < pad; i++)
		fputc(' ', f);
	fputc('^', f);
	for (i = 1; i < marks; i++)
		fputc('~', f);
	fputc('\n', f);
}

int pw_lint_print_text(FILE *f, const struct pw_lint *L)
{
	size_t i;

	for (i = 0; i < L->ndiags; i++) {
		const struct pw_lint_diag *g = &L->diags[i];

		fprintf(f, "%s:%d:%d: %s: %s [%s]\n", L->file, g->line, g->col, sev_label(g->sev),
			g->message, g->check);
		print_source(f, L, g);
	}
	fprintf(f, _("%zu errors, %zu warnings, %zu notes\n"), pw_lint_count(L, PW_LINT_ERROR),
		pw_lint_count(L, PW_LINT_WARNING), pw_lint_count(L, PW_LINT_NOTE));
	return ferror(f) ? -1 : 0;
}

int pw_lint_print_json(FILE *f, const struct pw_lint *L)
{
	struct strbuf sb;
	struct json_emit e;
	size_t i;

	sb_init(&sb, 256 + 160 * L->ndiags);
	je_init(&e, &sb, 2);
	je_object(&e);
	je_key(&e, "file");
	je_str(&e, L->file);
	je_key(&e, "region");
	je_str(&e, *L->subject_name ? L->subject_name : NULL);
	je_key(&e, "region_code");
	je_str(&e, L->subject ? L->subject->code : NULL);
	/* 0 when built without the data package: no place name was checked */
	je_key(&e, "gazetteer_divisions");
	je_int(&e, pw_gz_count);
	je_key(&e, "diagnostics");
	je_array(&e);
	for (i = 0; i < L->ndiags; i++) {
		const struct pw_lint_diag *g = &L->diags[i];

		je_object(&e);
		je_key(&e, "line");
		je_int(&e, g->line);
		je_key(&e, "col");
		je_int(&e, g->col);
		je_key(&e, "severity");
		je_str(&e, sev_name(g->sev));
		je_key(&e, "check");
		je_str(&e, g->check);
		je_key(&e, "message");
		je_str(&e, g->message);
		je_end(&e);
	}
	je_end(&e);
	je_key(&e, "summary");
	je_object(&e);
	je_key(&e, "errors");
	je_int(&e, (long long)pw_lint_count(L, PW_LINT_ERROR));
	je_key(&e, "warnings");
	je_int(&e, (long long)pw_lint_count(L, PW_LINT_WARNING));
	je_key(&e, "notes");
	je_int(&e, (long long)pw_lint_count(L, PW_LINT_NOTE));
	je_end(&e);
	je_end(&e);
	sb_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, f);
	sb_release(&sb);
	return ferror(f) ? -1 : 0;
}
