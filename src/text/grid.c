/*
 * grid.c - a table read from real table markup (Word's w:tbl, HTML's
 * <table>), with its merged cells, written out as text lines the table
 * reader reads exactly; see office_int.h.
 *
 * Merged cells are written as a converter that knows the table writes
 * them: a cell spanning columns holds its text in its first column and
 * leaves the others empty; a cell spanning rows (a group name, a serial
 * number, "按下达目标确定" over several rows) holds it in its first row and
 * leaves the rows below empty - the layout the table reader takes for a
 * group and a shared target, the same as in a text copy of the table.
 */
#include "text/office_int.h"
#include "util/alloc.h"

#include <string.h>

void pw_grid_init(struct pw_grid *g, size_t *cell_budget)
{
	memset(g, 0, sizeof(*g));
	g->cells = cell_budget;
}

void pw_grid_release(struct pw_grid *g)
{
	size_t i, j;

	for (i = 0; i < g->nrows; i++) {
		for (j = 0; j < g->rows[i].n; j++)
			free(g->rows[i].slots[j].text);
		free(g->rows[i].slots);
	}
	free(g->rows);
	memset(g, 0, sizeof(*g));
}

/* Row i, created (empty) with the rows before it if needed. */
static struct pw_grid_row *row_at(struct pw_grid *g, size_t i)
{
	ALLOC_GROW(g->rows, i + 1, g->alloc);
	while (g->nrows <= i)
		memset(&g->rows[g->nrows++], 0, sizeof(g->rows[0]));
	return &g->rows[i];
}

/* Slot j of row r, created (empty) with those before it if needed. */
static struct pw_slot *slot_at(struct pw_grid_row *r, size_t j)
{
	ALLOC_GROW(r->slots, j + 1, r->alloc);
	while (r->n <= j)
		memset(&r->slots[r->n++], 0, sizeof(r->slots[0]));
	return &r->slots[j];
}

void pw_grid_row(struct pw_grid *g, bool header)
{
	g->cur++;
	row_at(g, g->cur - 1)->header = header;
}

/* The first slot of the current row no cell has taken yet. */
static size_t free_col(struct pw_grid *g)
{
	struct pw_grid_row *r = row_at(g, g->cur - 1);
	size_t j = 0;

	while (j < r->n && r->slots[j].kind != PW_SLOT_EMPTY)
		j++;
	return j;
}

void pw_grid_skip(struct pw_grid *g, size_t skip)
{
	struct pw_grid_row *r;
	size_t j;

	if (!g->cur)
		pw_grid_row(g, false);
	if (skip > PW_OFFICE_MAX_SPAN)
		skip = PW_OFFICE_MAX_SPAN;
	r = row_at(g, g->cur - 1);
	j = free_col(g);
	if (skip)
		slot_at(r, j + skip - 1); /* the skipped slots stay empty */
	/* mark them taken so the next cell goes after them */
	while (skip--)
		r->slots[j++].kind = PW_SLOT_LEFT;
}

int pw_grid_cell(struct pw_grid *g, const char *text, size_t colspan, size_t rowspan,
		 bool cont)
{
	size_t col, i, j, cost;

	if (!g->cur)
		pw_grid_row(g, false);
	colspan = colspan < 1 ? 1 : colspan > PW_OFFICE_MAX_SPAN ? PW_OFFICE_MAX_SPAN : colspan;
	rowspan = rowspan < 1 ? 1 : rowspan > PW_OFFICE_MAX_ROWSPAN ? PW_OFFICE_MAX_ROWSPAN
								     : rowspan;
	cost = colspan * rowspan;
	if (cost > *g->cells)
		return -1;
	*g->cells -= cost;
	col = free_col(g);
	for (i = 0; i < rowspan; i++) {
		struct pw_grid_row *r = row_at(g, g->cur - 1 + i);

		for (j = 0; j < colspan; j++) {
			struct pw_slot *s = slot_at(r, col + j);

			if (s->kind == PW_SLOT_OWN) /* overlapping spans: first wins */
				continue;
			s->kind = i ? PW_SLOT_UP : j ? PW_SLOT_LEFT : cont ? PW_SLOT_UP : PW_SLOT_OWN;
			if (s->kind == PW_SLOT_OWN)
				s->text = xstrdup(text ? text : "");
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Text helpers                                                       */

static bool is_space(const char *s, size_t len, size_t *w)
{
	unsigned char c = (unsigned char)s[0];

	*w = 1;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return true;
	if (len >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) { /* no-break space */
		*w = 2;
		return true;
	}
	return false;
}

void pw_text_squeeze(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0, w;
	bool blank = sb->len > 0 && sb->buf[sb->len - 1] == ' ';

	while (i < len) {
		if (is_space(s + i, len - i, &w)) {
			if (!blank)
				sb_addch(sb, ' ');
			blank = true;
			i += w;
			continue;
		}
		sb_addch(sb, s[i++]);
		blank = false;
	}
}

void pw_text_line(struct strbuf *out, const char *line, size_t len)
{
	while (len && (line[0] == ' ' || line[0] == '\t')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	sb_add(out, line, len);
	sb_addch(out, '\n');
}

/* ------------------------------------------------------------------ */
/* Writing a table out                                                */

static size_t grid_cols(const struct pw_grid *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->nrows; i++)
		if (g->rows[i].n > n)
			n = g->rows[i].n;
	return n;
}

/* The rows worth writing: trailing rows holding only what spans from above
 * (a rowspan past the last row) are not. */
static size_t used_rows(const struct pw_grid *g)
{
	size_t n = g->nrows, j;

	while (n > 0) {
		const struct pw_grid_row *r = &g->rows[n - 1];

		for (j = 0; j < r->n && r->slots[j].kind != PW_SLOT_OWN; j++)
			;
		if (j < r->n)
			break;
		n--;
	}
	return n;
}

/* A one-column table: each paragraph of each cell on its own line. */
static void emit_box(const struct pw_grid *g, size_t nrows, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < nrows; i++) {
		const char *s = g->rows[i].n ? g->rows[i].slots[0].text : NULL, *e;

		while (s && *s) {
			e = strchr(s, '\n');
			if (!e)
				e = s + strlen(s);
			pw_text_line(out, s, (size_t)(e - s));
			s = *e ? e + 1 : e;
		}
	}
}

/* Row r as one tab-separated line of ncols cells into line (reset). */
static void row_line(const struct pw_grid_row *r, size_t ncols, struct strbuf *line)
{
	struct strbuf cell = STRBUF_INIT;
	size_t j;

	sb_reset(line);
	for (j = 0; j < ncols; j++) {
		const struct pw_slot *s = j < r->n ? &r->slots[j] : NULL;

		if (j)
			sb_addch(line, '\t');
		if (!s || s->kind != PW_SLOT_OWN || !s->text)
			continue;
		sb_reset(&cell);
		pw_text_squeeze(&cell, s->text, strlen(s->text));
		sb_trim(&cell);
		sb_add(line, cell.buf, cell.len);
	}
	sb_release(&cell);
}

/* True if line is empty of text (tabs only). */
static bool blank_line(const struct strbuf *line)
{
	return line->len == strspn(line->buf, "\t");
}

void pw_grid_emit(const struct pw_grid *g, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT, *head = NULL;
	size_t nrows = used_rows(g), ncols = grid_cols(g), nhead = 0, i, k;

	if (ncols <= 1) {
		emit_box(g, nrows, out);
		return;
	}
	/* the header: rows marked so, or else the first row */
	while (nhead < nrows && g->rows[nhead].header)
		nhead++;
	if (!nhead && nrows)
		nhead = 1;
	head = xcalloc(nhead ? nhead : 1, sizeof(*head));
	for (i = 0; i < nrows; i++) {
		row_line(&g->rows[i], ncols, &line);
		if (i < nhead) {
			sb_init(&head[i], line.len);
			sb_add(&head[i], line.buf, line.len);
		} else if (!blank_line(&line)) {
			for (k = 0; k < nhead && strcmp(head[k].buf, line.buf); k++)
				;
			if (k < nhead)
				continue; /* the header again, after a page break */
		}
		sb_add(out, line.buf, line.len);
		sb_addch(out, '\n');
	}
	for (k = 0; k < nhead; k++)
		sb_release(&head[k]);
	free(head);
	sb_release(&line);
}
