/*
 * table_ind.c - one data row of an indicator table as a struct
 * pw_indicator: which cells are which (the row may be shifted by a merged
 * group cell), number/group/name/unit, direction, baseline, targets,
 * actual value and attribute.  Continuation rows of a merged group inherit
 * the number, group and merged value cells of the row above.
 */
#include "ingest/table_int.h"
#include "ingest/scan.h"
#include "text/utf8.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"

#define NOPOS ((size_t)-1)

/* ------------------------------------------------------------------ */
/* Names and units                                                    */

/* Characters a Chinese unit is written with (元, 万人, 平方米, 亿吨标准煤…). */
static const char unit_chars[] =
	"元亿万千百十人吨米平方立公里克顷亩户家个件座所张天小时分钟辆台岁年月"
	"日次项条床位册瓦度标准煤美港币块每微升焦只株棵头箱处间套部种对名篇双"
	"份艘架栋幢片支门孔场例斤担粒桶罐兆赫比特秒车";

static const char *const ascii_units[] = {
	"%", "‰", "‱", "km", "km2", "km²", "kg", "t", "m", "m2", "m²", "m3", "m³",
	"kW", "MW", "GW", "kWh", "Mbps", "Gbps", "ha", "TEU", "μg/m3", "μg/m³",
	"mg/L", "1/10万", "1/万", "1/千",
};

static bool ascii_unit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(ascii_units); i++)
		if (strlen(ascii_units[i]) == len && !memcmp(s, ascii_units[i], len))
			return true;
	return false;
}

bool pw_table_unit_like(const char *s, size_t len)
{
	size_t i = 0, k, n = 0;
	uint32_t cp;
	char ch[5];

	if (!len || ascii_unit(s, len))
		return len > 0;
	while (i < len) {
		k = pw_utf8_decode(s + i, len - i, &cp);
		if (k == 1 && cp != '/' && cp != '%')
			return false;
		if (k > 1) {
			memcpy(ch, s + i, k);
			ch[k] = '\0';
			if (!strstr(unit_chars, ch) && cp != 0x2030)
				return false;
		}
		i += k;
		n++;
	}
	return n <= 8;
}

struct bracket {
	size_t open, inner, inner_end, end; /* byte offsets */
};

/* The top-level bracket group starting at s[i], or false. */
static bool bracket_at(const char *s, size_t i, struct bracket *b)
{
	size_t k = pw_table_open_paren(s + i), depth = 1, j;

	if (!k)
		return false;
	b->open = i;
	b->inner = j = i + k;
	while (s[j]) {
		if ((k = pw_table_open_paren(s + j)) != 0)
			depth++;
		else if ((k = pw_table_close_paren(s + j)) != 0 && --depth == 0) {
			b->inner_end = j;
			b->end = j + k;
			return true;
		} else
			k = 1;
		j += k;
	}
	return false;
}

/* True if s[from..] holds only blanks and bracket groups. */
static bool only_brackets(const char *s, size_t from)
{
	struct bracket b;

	for (;;) {
		from += pw_utf8_blanks(s + from);
		if (!s[from])
			return true;
		if (!bracket_at(s, from, &b))
			return false;
		from = b.end;
	}
}

/* Splits "生产总值（亿元）" into name and unit (unit NULL if none): the
 * last unit-like bracket is the unit; explanation brackets after it go.
 * Both are new strings the caller frees. */
static void split_name_unit(const char *text, char **name, char **unit)
{
	struct bracket b, last = { 0 };
	struct strbuf sb = STRBUF_INIT;
	bool found = false;
	size_t i = 0;

	while (text[i]) {
		if (bracket_at(text, i, &b)) {
			if (pw_table_unit_like(text + b.inner, b.inner_end - b.inner)) {
				last = b;
				found = true;
			}
			i = b.end;
		} else {
			i++;
		}
	}
	if (!found) {
		*name = xstrdup(text);
		*unit = NULL;
		return;
	}
	sb_add(&sb, text, last.open);
	if (!only_brackets(text, last.end))
		sb_addstr(&sb, text + last.end);
	pw_utf8_trim(&sb);
	*name = sb_detach(&sb, NULL);
	*unit = xstrndup(text + last.inner, last.inner_end - last.inner);
}

/* A unit column cell, brackets removed: "（%）" -> "%".  Caller frees. */
static char *unit_cell(const char *cell)
{
	struct bracket b;

	if (bracket_at(cell, 0, &b) && !cell[b.end])
		return xstrndup(cell + b.inner, b.inner_end - b.inner);
	return xstrdup(cell);
}

/* The unit after "单位：" in s, up to a closing bracket or a blank. */
static char *unit_after_label(const char *s)
{
	const char *p = strstr(s, "单位：");
	size_t k = 9, len = 0;

	if (!p) {
		p = strstr(s, "单位:");
		k = 7;
	}
	if (!p)
		return NULL;
	p += k + pw_utf8_blanks(p + k);
	while (p[len] && !pw_table_close_paren(p + len) && p[len] != ' ' && p[len] != '\t')
		len++;
	return pw_table_unit_like(p, len) ? xstrndup(p, len) : NULL;
}

char *pw_table_unit_note(const char *s)
{
	struct bracket b;
	size_t i;

	if (strstr(s, "单位"))
		return unit_after_label(s);
	for (i = 0; s[i]; i++)
		if (bracket_at(s, i, &b) && pw_table_unit_like(s + b.inner, b.inner_end - b.inner))
			return xstrndup(s + b.inner, b.inner_end - b.inner);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Meaning                                                            */

/* Direction: the one vocabulary decides (text/vocab.h,
 * pw_vocab_lower_is_better: a reduction word makes a positive number good,
 * then the head noun, then a bad thing named anywhere). */
static enum pw_dir direction_of(const char *group, const char *name)
{
	return pw_vocab_lower_is_better(group, name) ? PW_DIR_DOWN : PW_DIR_UP;
}

static enum pw_attr attr_of(const char *cell)
{
	if (strstr(cell, "约束"))
		return PW_ATTR_BINDING;
	if (strstr(cell, "预期") || strstr(cell, "指导"))
		return PW_ATTR_EXPECTED;
	return PW_ATTR_NONE;
}

/* ------------------------------------------------------------------ */
/* Which cells are which                                              */

static bool is_value_role(enum pw_trole r)
{
	return r == PW_TR_BASE || r == PW_TR_TARGET || r == PW_TR_GROWTH || r == PW_TR_CUMUL ||
	       r == PW_TR_ACTUAL || r == PW_TR_FAR;
}

static int score_cell(enum pw_trole role, const char *cell, const struct pw_cell *c)
{
	if (!*cell)
		return 0;
	if (role == PW_TR_ATTR)
		return attr_of(cell) != PW_ATTR_NONE ? 3 : -2;
	if (role == PW_TR_UNIT)
		return c->type == PW_CELL_TEXT && pw_table_unit_like(cell, strlen(cell)) ? 1 : -2;
	if (!is_value_role(role))
		return 0;
	if (c->type != PW_CELL_TEXT)
		return 1;
	return attr_of(cell) != PW_ATTR_NONE ? -3 : -1;
}

/* The name part (cells left of the values) must end in text. */
static int score_name(const struct pw_trow *r, size_t end)
{
	size_t i;

	for (i = end; i-- > 0;) {
		if (!pw_table_cell(r, i)[0])
			continue;
		return pw_table_parsed(r, i)->type == PW_CELL_TEXT ? 2 : -3;
	}
	return -3;
}

static int score_shift(const struct pw_theader *h, const struct pw_trow *r, long s)
{
	size_t j, end = h->first_value + (size_t)s;
	int score = score_name(r, end);

	for (j = h->first_value; j < h->n; j++)
		score += score_cell(h->roles[j], pw_table_cell(r, j + (size_t)s),
				    pw_table_parsed(r, j + (size_t)s));
	for (j = h->n + (size_t)s; j < r->n; j++)
		if (r->cells[j][0])
			score -= 2;
	return score;
}

static long labs_(long v)
{
	return v < 0 ? -v : v;
}

/* How far this row's value cells sit right (+) or left (-) of the
 * header's: a merged group cell adds one, a merged cell dropped by the
 * converter removes one.  The best-scoring alignment wins; ties go to
 * the shift implied by the cell counts, then to no shift. */
static long choose_shift(const struct pw_theader *h, const struct pw_trow *r)
{
	long by_count = (long)pw_table_row_used(r) - (long)h->n, s, best = 0;
	int sc, best_sc = -1000;

	for (s = -2; s <= 3; s++) {
		if ((long)h->first_value + s < 1)
			continue;
		sc = score_shift(h, r, s);
		if (sc > best_sc ||
		    (sc == best_sc && (labs_(s - by_count) < labs_(best - by_count) ||
				       (labs_(s - by_count) == labs_(best - by_count) &&
					labs_(s) < labs_(best))))) {
			best_sc = sc;
			best = s;
		}
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* The name part: category, number, group, name                       */

struct row_left {
	const char *category; /* category cell text ("" if none) */
	char no[32];          /* serial number ("" if none) */
	const char *group, *name;
	bool empty_before_name; /* a blank cell sits where a group would */
};

/* The serial number cell at i (or an empty cell where it would be);
 * returns the index after it. */
static size_t take_serial(const struct pw_trow *r, size_t i, size_t end, struct row_left *L)
{
	if (i < end && pw_table_serial(pw_table_cell(r, i), L->no, sizeof(L->no)))
		return i + 1;
	L->no[0] = '\0';
	if (i + 1 < end && !pw_table_cell(r, i)[0])
		return i + 1;
	return i;
}

/* Cells left of the values: [category] [no] [group] name.  A category
 * column is only trusted when the row is not shifted left (s < 0 means a
 * merged category cell was dropped by the converter). */
static void read_left(const struct pw_theader *h, const struct pw_trow *r, long s,
		      struct row_left *L)
{
	size_t end = h->first_value + (size_t)s, cat = pw_table_header_find(h, PW_TR_CATEGORY);
	size_t i = 0, k, first = NOPOS;

	memset(L, 0, sizeof(*L));
	L->category = "";
	if (cat >= h->first_value || s < 0)
		cat = NOPOS;
	if (cat == 0) {
		L->category = pw_table_cell(r, 0);
		i = 1;
	}
	for (k = take_serial(r, i, end, L); k < end; k++) {
		if (k == cat) {
			L->category = pw_table_cell(r, k);
		} else if (!pw_table_cell(r, k)[0]) {
			L->empty_before_name |= first == NOPOS;
		} else {
			if (first == NOPOS)
				first = k;
			L->name = pw_table_cell(r, k);
		}
	}
	if (first != NOPOS && pw_table_cell(r, first) != L->name) {
		L->group = pw_table_cell(r, first);
		L->empty_before_name = false;
	}
}

/* ------------------------------------------------------------------ */
/* Targets                                                            */

static void add_target(struct pw_indicator *ind, const struct pw_cell *c,
		       const char *text, enum pw_kind level_kind, int year)
{
	struct pw_target *t;

	if (c->type == PW_CELL_EMPTY || c->type == PW_CELL_DASH)
		return;
	t = pw_indicator_add_target(ind);
	t->text = xstrdup(text);
	if (c->type == PW_CELL_RELATION) {
		t->kind = PW_KIND_RELATION;
		return;
	}
	if (c->type != PW_CELL_NUMBER) {
		t->kind = PW_KIND_EXTERNAL;
		return;
	}
	t->kind = c->cumulative ? PW_KIND_CUMULATIVE : level_kind;
	t->cmp = c->cmp;
	t->has_value = true;
	t->value = c->value;
	t->has_value_hi = c->has_hi;
	t->value_hi = c->value_hi;
	if (t->kind == PW_KIND_LEVEL) {
		t->year = year;
		if (t->cmp == PW_CMP_EQ && ind->direction == PW_DIR_DOWN)
			t->cmp = PW_CMP_LE;
	}
}

/* ------------------------------------------------------------------ */
/* The row                                                            */

#define MEMO_CELLS 12 /* the value cells fit (inherited ones replace them) */
#define MAX_FAR 3     /* target columns beyond the plan's end (2030年, 2035年) */

/* The cells of one row by role (NULL where the header has no such
 * column), pointing into the row or, for merged cells, into pw_tstate.
 * Their parses are remembered: several checks read the same cells. */
struct row_cells {
	const char *base, *target, *growth, *cumul, *actual, *attr, *unit;
	const char *far[MAX_FAR];
	int far_year[MAX_FAR];
	size_t nfar;
	const char *memo_src[MEMO_CELLS];
	struct pw_cell memo[MEMO_CELLS];
	size_t nmemo;
};

/* pw_parse_cell() of cell (a string of this row's rc), parsed once. */
static const struct pw_cell *parse(struct row_cells *rc, const char *cell)
{
	size_t i;

	for (i = 0; i < rc->nmemo; i++)
		if (rc->memo_src[i] == cell)
			return &rc->memo[i];
	if (rc->nmemo == MEMO_CELLS)
		rc->nmemo = 0; /* not reached: a row has fewer distinct cells */
	rc->memo_src[rc->nmemo] = cell;
	pw_parse_cell(cell, &rc->memo[rc->nmemo]);
	return &rc->memo[rc->nmemo++];
}

static const char *role_cell(const struct pw_theader *h, const struct pw_trow *r, long s,
			     enum pw_trole role)
{
	size_t j = pw_table_header_find(h, role);

	return j == NOPOS ? NULL : pw_table_cell(r, j + (size_t)s);
}

static void inherit(const char **cell, char **last, bool continuation)
{
	if (continuation && *cell && !**cell && *last)
		*cell = *last;
	else if (!continuation) {
		free(*last);
		*last = *cell ? xstrdup(*cell) : NULL;
	}
}

/* The FAR target cells and their header years. */
static void read_far_cells(const struct pw_theader *h, const struct pw_trow *r, long s,
			   struct row_cells *rc)
{
	size_t j;

	rc->nfar = 0;
	for (j = 0; j < h->n && rc->nfar < MAX_FAR; j++) {
		if (h->roles[j] != PW_TR_FAR)
			continue;
		rc->far[rc->nfar] = pw_table_cell(r, j + (size_t)s);
		rc->far_year[rc->nfar++] = h->years[j];
	}
}

static void read_cells(const struct pw_theader *h, const struct pw_trow *r, long s,
		       struct row_cells *rc)
{
	rc->nmemo = 0;
	read_far_cells(h, r, s, rc);
	rc->base = role_cell(h, r, s, PW_TR_BASE);
	rc->target = role_cell(h, r, s, PW_TR_TARGET);
	rc->growth = role_cell(h, r, s, PW_TR_GROWTH);
	rc->cumul = role_cell(h, r, s, PW_TR_CUMUL);
	rc->actual = role_cell(h, r, s, PW_TR_ACTUAL);
	rc->attr = role_cell(h, r, s, PW_TR_ATTR);
	rc->unit = role_cell(h, r, s, PW_TR_UNIT);
}

static void inherit_cells(struct pw_tstate *st, struct row_cells *rc, bool cont)
{
	inherit(&rc->target, &st->last_target, cont);
	inherit(&rc->growth, &st->last_growth, cont);
	inherit(&rc->cumul, &st->last_cumul, cont);
	inherit(&rc->attr, &st->last_attr, cont);
	inherit(&rc->unit, &st->last_unit, cont);
}

static void set_star(struct pw_tstate *st, unsigned char bit)
{
	size_t i = st->t->nrows - 1, old = st->stars_alloc;

	ALLOC_GROW(st->stars, st->t->nrows, st->stars_alloc);
	if (st->stars_alloc > old)
		memset(st->stars + old, 0, st->stars_alloc - old);
	st->stars[i] |= bit;
}

/* A number in the growth column of a rate that does not name a change
 * (城镇调查失业率 "<5.5") is the rate's level, not a growth rate. */
static bool growth_is_level(const struct pw_indicator *ind)
{
	return ind->unit && (!strcmp(ind->unit, "%") || !strcmp(ind->unit, "‰")) &&
	       !pw_vocab_has(ind->name, PW_VOCAB_CHANGE) &&
	       !pw_vocab_has(ind->group, PW_VOCAB_CHANGE);
}

/* A number cell's parse, or NULL for a dash, text, an empty or no cell. */
static const struct pw_cell *number_cell(struct row_cells *rc, const char *cell)
{
	const struct pw_cell *c = cell ? parse(rc, cell) : NULL;

	return c && c->type == PW_CELL_NUMBER ? c : NULL;
}

static void read_targets(struct pw_tstate *st, struct pw_indicator *ind,
			 struct row_cells *rc)
{
	enum pw_kind kind = PW_KIND_GROWTH;
	int year = 0;
	size_t i;

	if (rc->target)
		add_target(ind, parse(rc, rc->target), rc->target, PW_KIND_LEVEL,
			   st->target_year);
	for (i = 0; i < rc->nfar; i++)
		add_target(ind, parse(rc, rc->far[i]), rc->far[i], PW_KIND_LEVEL, rc->far_year[i]);
	if (rc->growth) {
		if (growth_is_level(ind)) {
			kind = PW_KIND_LEVEL;
			year = st->target_year;
		}
		add_target(ind, parse(rc, rc->growth), rc->growth, kind, year);
	}
	if (rc->cumul)
		add_target(ind, parse(rc, rc->cumul), rc->cumul, PW_KIND_CUMULATIVE, 0);
}

static void read_values(struct pw_tstate *st, struct pw_indicator *ind,
			struct row_cells *rc)
{
	const struct pw_cell *c;

	if ((c = number_cell(rc, rc->base))) {
		ind->has_baseline = true;
		ind->baseline = c->value;
		ind->baseline_year = st->base_year;
		if (c->footnote)
			set_star(st, 1);
	}
	read_targets(st, ind, rc);
	if ((c = number_cell(rc, rc->actual))) {
		ind->has_actual = true;
		ind->actual = c->value;
		ind->actual_year = st->actual_year;
		ind->actual_estimated = c->estimated;
		if (c->footnote)
			set_star(st, 2);
	}
	if (rc->attr)
		ind->attribute = attr_of(rc->attr);
}

/* A unit written in a value cell (14/10 万 -> 1/10万), if the name has
 * none: a new string, or NULL. */
static char *unit_from_cells(struct row_cells *rc)
{
	const char *cells[3] = { rc->target, rc->base, rc->actual };
	const struct pw_cell *c;
	size_t i;

	for (i = 0; i < NELEM(cells); i++)
		if ((c = number_cell(rc, cells[i])) && c->unit[0])
			return xstrdup(c->unit);
	return NULL;
}

static void fill_identity(struct pw_tstate *st, struct pw_indicator *ind,
			  const struct row_left *L, struct row_cells *rc,
			  const struct pw_indicator *prev, bool cont)
{
	char no[32] = "";
	size_t k = pw_table_name_number(L->name, no, sizeof(no));

	split_name_unit(L->name + k, &ind->name, &ind->unit);
	if (L->no[0])
		ind->no = xstrdup(L->no);
	else if (no[0])
		ind->no = xstrdup(no);
	else if (cont)
		ind->no = xstrdup(prev->no);
	if (L->group)
		ind->group = xstrdup(L->group);
	else if (prev && prev->group && (cont || L->empty_before_name))
		ind->group = xstrdup(prev->group);
	if (rc->unit && rc->unit[0]) {
		free(ind->unit);
		ind->unit = unit_cell(rc->unit);
	}
	if (!ind->unit)
		ind->unit = unit_from_cells(rc);
	if (!ind->unit)
		ind->unit = xstrdup_or_null(st->unit_note);
	ind->category = xstrdup_or_null(st->category);
	ind->direction = direction_of(ind->group, ind->name);
}

/* A data row holds at least one value or an attribute. */
static bool has_values(struct row_cells *rc)
{
	const char *cells[5 + MAX_FAR] = { rc->base, rc->target, rc->growth, rc->cumul,
					    rc->actual };
	const struct pw_cell *c;
	size_t i;

	memcpy(cells + 5, rc->far, rc->nfar * sizeof(*rc->far));
	for (i = 0; i < 5 + rc->nfar; i++) {
		if (!cells[i])
			continue;
		c = parse(rc, cells[i]);
		if (c->type != PW_CELL_TEXT && c->type != PW_CELL_EMPTY)
			return true;
	}
	return rc->attr && attr_of(rc->attr) != PW_ATTR_NONE;
}

/* The name without its number and unit is not empty. */
static bool has_name(const char *cell)
{
	char no[32], *name, *unit;
	bool ok;

	split_name_unit(cell + pw_table_name_number(cell, no, sizeof(no)), &name, &unit);
	ok = name[0] != '\0';
	free(name);
	free(unit);
	return ok;
}

static bool check_row(struct pw_tstate *st, const struct pw_theader *h,
		      const struct pw_trow *r, long s, const struct row_left *L,
		      struct row_cells *rc, int line)
{
	size_t used = pw_table_row_used(r);

	if (!L->name || !has_name(L->name)) {
		pw_warning_at(st->file, line, 1, "no indicator name in table row");
		return false;
	}
	if (!has_values(rc)) {
		pw_warning_at(st->file, line, 1, "no values in table row '%s'", L->name);
		return false;
	}
	if ((long)used > (long)h->n + s)
		pw_warning_at(st->file, line, 1, "%ld more cells than the header in table row '%s'",
			      (long)used - (long)h->n - s, L->name);
	return true;
}

/* The name cell with the wrapped rest of the name: a new string. */
static char *joined_name(const char *name, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addstr(&sb, name);
	sb_addstr(&sb, tail);
	return sb_detach(&sb, NULL);
}

/* The indicator of row r whose name part L was read with shift s. */
static bool read_row(struct pw_tstate *st, const struct pw_theader *h,
		     const struct pw_trow *r, long s, const struct row_left *L, int line)
{
	size_t nprev = st->t->nrows;
	struct pw_indicator *ind, *prev;
	struct row_cells rc;
	char no[32] = "";
	bool cont;

	if (L->category[0])
		pw_table_set_category(st, L->category);
	read_cells(h, r, s, &rc);
	if (!check_row(st, h, r, s, L, &rc, line))
		return false;
	cont = !L->no[0] && !pw_table_name_number(L->name, no, sizeof(no)) && nprev &&
	       st->t->rows[nprev - 1].no && !L->category[0];
	inherit_cells(st, &rc, cont);
	ind = pw_table_add_row(st->t);
	prev = nprev ? &st->t->rows[nprev - 1] : NULL;
	ind->line = line;
	fill_identity(st, ind, L, &rc, prev, cont);
	read_values(st, ind, &rc);
	return true;
}

bool pw_table_read_row(struct pw_tstate *st, const struct pw_theader *h,
		       const struct pw_trow *r, int line, const char *name_tail)
{
	long s = choose_shift(h, r);
	struct row_left L;
	char *joined = NULL;
	bool ok;

	read_left(h, r, s, &L);
	if (name_tail && L.name)
		L.name = joined = joined_name(L.name, name_tail);
	ok = read_row(st, h, r, s, &L, line);
	free(joined);
	return ok;
}

/* ------------------------------------------------------------------ */
/* State                                                              */

void pw_table_set_category(struct pw_tstate *st, const char *text)
{
	size_t k = pw_table_cat_number(text), n;
	struct strbuf sb = STRBUF_INIT;

	sb_addstr(&sb, text + k);
	pw_utf8_trim(&sb);
	if ((n = pw_utf8_ends(sb.buf, sb.len, "：")) || (n = pw_utf8_ends(sb.buf, sb.len, ":")))
		sb_setlen(&sb, sb.len - n);
	free(st->category);
	st->category = sb_detach(&sb, NULL);
}

void pw_table_state_release(struct pw_tstate *st)
{
	free(st->category);
	free(st->unit_note);
	free(st->last_target);
	free(st->last_growth);
	free(st->last_cumul);
	free(st->last_attr);
	free(st->last_unit);
	free(st->stars);
	memset(st, 0, sizeof(*st));
}
