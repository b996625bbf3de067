/*
 * plan.c - lifecycle of the structured plan and the enum name tables.
 */
#include "model/plan.h"
#include "util/alloc.h"
#include "util/names.h"

#include <string.h>
#include "util/nelem.h"

/* English names (stored, JSON) and the words of the plans (util/names.h). */
static const struct pw_name kind_names[] = {
	{ "level", "目标值" }, { "growth", "年均增长" }, { "cumulative", "累计" },
	{ "annual", "每年" }, { "external", "上级下达" }, { "relation", "同步" },
};
static const struct pw_name cmp_names[] = {
	{ NULL, NULL }, { "eq", "等于" }, { "ge", "不低于" }, { "le", "不超过" },
	{ "approx", "左右" }, { "range", "区间" },
};
static const struct pw_name attr_names[] = { { NULL, NULL }, { "expected", "预期性" },
					     { "binding", "约束性" } };
static const struct pw_name dir_names[] = { { "up", "越大越好" }, { "down", "越小越好" } };
static const struct pw_name level_names[] = {
	{ "part", "篇" }, { "chapter", "章" }, { "section", "节" }, { "item", "条" },
	{ "subitem", "款" },
};
static const struct pw_name doc_kind_names[] = { { "plan", "规划纲要" },
						  { "annual", "年度计划" } };

/* What monitoring values are (series.h); FLOW is "amount" to users. */
static const struct pw_name measure_names[] = {
	{ "auto", "未定" }, { "level", "水平值" }, { "amount", "当年量" },
	{ "rate", "当年增速" }, { "total", "自期初累计值" },
};

#define T(t) t, NELEM(t)

const char *pw_measure_name(enum pw_series_mode m)
{
	return pw_name_of(T(measure_names), m, "?");
}

const char *pw_measure_label(enum pw_series_mode m, bool fall)
{
	return m == PW_SERIES_RATE && fall ? "当年降幅" : pw_name_zh(T(measure_names), m, "?");
}

int pw_measure_from_name(const char *s)
{
	return pw_name_lookup(T(measure_names), s);
}

const char *pw_measure_hint(enum pw_series_mode m, bool fall)
{
	switch (m) {
	case PW_SERIES_LEVEL:
		return "填当年水平值（如年末数、全年数或浓度），不填变化量";
	case PW_SERIES_FLOW:
		return "填当年量（当年新增或发生数），不填累计数";
	case PW_SERIES_RATE:
		return fall ? "填当年降幅（%，下降为正数），不填水平值"
			    : "填当年增速（%，比上年增长），不填水平值";
	case PW_SERIES_TOTAL:
		return "填自规划期初至当年的累计值";
	default:
		return NULL;
	}
}

const char *pw_kind_name(enum pw_kind k) { return pw_name_of(T(kind_names), k, "?"); }
const char *pw_cmp_name(enum pw_cmp c) { return pw_name_of(T(cmp_names), c, NULL); }
const char *pw_attr_name(enum pw_attr a) { return pw_name_of(T(attr_names), a, NULL); }
const char *pw_dir_name(enum pw_dir d) { return pw_name_of(T(dir_names), d, "?"); }
const char *pw_level_name(int level) { return pw_name_of(T(level_names), level, "?"); }

const char *pw_kind_label(enum pw_kind k) { return pw_name_zh(T(kind_names), k, "?"); }
const char *pw_cmp_label(enum pw_cmp c) { return pw_name_zh(T(cmp_names), c, NULL); }

const char *pw_doc_kind_name(enum pw_doc_kind k)
{
	return pw_name_of(T(doc_kind_names), k, "?");
}

int pw_doc_kind_from_name(const char *s) { return pw_name_lookup(T(doc_kind_names), s); }

int pw_kind_from_name(const char *s) { return pw_name_lookup(T(kind_names), s); }
int pw_cmp_from_name(const char *s) { return pw_name_lookup(T(cmp_names), s); }
int pw_attr_from_name(const char *s) { return pw_name_lookup(T(attr_names), s); }
int pw_dir_from_name(const char *s) { return pw_name_lookup(T(dir_names), s); }
int pw_level_from_name(const char *s) { return pw_name_lookup(T(level_names), s); }

void pw_plan_init(struct pw_plan *p)
{
	memset(p, 0, sizeof(*p));
}

static void target_release(struct pw_target *t)
{
	free(t->text);
}

static void indicator_release(struct pw_indicator *ind)
{
	size_t i;

	free(ind->no);
	free(ind->group);
	free(ind->category);
	free(ind->name);
	free(ind->unit);
	free(ind->note);
	for (i = 0; i < ind->ntargets; i++)
		target_release(&ind->targets[i]);
	free(ind->targets);
}

static void table_release(struct pw_table *t)
{
	size_t i;

	free(t->title);
	for (i = 0; i < t->nrows; i++)
		indicator_release(&t->rows[i]);
	free(t->rows);
}

static void column_release(struct pw_column *c)
{
	size_t i;

	free(c->title);
	for (i = 0; i < c->nitems; i++) {
		free(c->items[i].title);
		free(c->items[i].text);
	}
	free(c->items);
}

void pw_plan_free(struct pw_plan *p)
{
	size_t i;

	free(p->title);
	free(p->region);
	free(p->region_code);
	free(p->region_path);
	free(p->source);
	free(p->checksum);
	for (i = 0; i < p->nsections; i++) {
		free(p->sections[i].number);
		free(p->sections[i].title);
	}
	free(p->sections);
	for (i = 0; i < p->ntables; i++)
		table_release(&p->tables[i]);
	free(p->tables);
	for (i = 0; i < p->ntargets; i++) {
		target_release(&p->targets[i].t);
		free(p->targets[i].subject);
		free(p->targets[i].unit);
	}
	free(p->targets);
	for (i = 0; i < p->ncolumns; i++)
		column_release(&p->columns[i]);
	free(p->columns);
	pw_plan_init(p);
}

#define ADD_ELEM(arr, n, cap)                                  \
	do {                                                   \
		ALLOC_GROW(arr, n + 1, cap);                   \
		memset(&(arr)[n], 0, sizeof((arr)[n]));        \
	} while (0)

struct pw_section *pw_plan_add_section(struct pw_plan *p)
{
	ADD_ELEM(p->sections, p->nsections, p->sections_alloc);
	p->sections[p->nsections].parent = -1;
	return &p->sections[p->nsections++];
}

struct pw_table *pw_plan_add_table(struct pw_plan *p)
{
	ADD_ELEM(p->tables, p->ntables, p->tables_alloc);
	p->tables[p->ntables].section = -1;
	return &p->tables[p->ntables++];
}

struct pw_indicator *pw_table_add_row(struct pw_table *t)
{
	ADD_ELEM(t->rows, t->nrows, t->rows_alloc);
	t->rows[t->nrows].section = -1;
	return &t->rows[t->nrows++];
}

struct pw_target *pw_indicator_add_target(struct pw_indicator *ind)
{
	ADD_ELEM(ind->targets, ind->ntargets, ind->targets_alloc);
	return &ind->targets[ind->ntargets++];
}

struct pw_prose_target *pw_plan_add_target(struct pw_plan *p)
{
	ADD_ELEM(p->targets, p->ntargets, p->targets_alloc);
	p->targets[p->ntargets].section = -1;
	return &p->targets[p->ntargets++];
}

struct pw_column *pw_plan_add_column(struct pw_plan *p)
{
	ADD_ELEM(p->columns, p->ncolumns, p->columns_alloc);
	p->columns[p->ncolumns].section = -1;
	return &p->columns[p->ncolumns++];
}

struct pw_item *pw_column_add_item(struct pw_column *c)
{
	ADD_ELEM(c->items, c->nitems, c->items_alloc);
	return &c->items[c->nitems++];
}

int pw_plan_section_at(const struct pw_plan *p, int line)
{
	size_t lo = 0, hi = p->nsections;

	/* Sections are appended in document order: binary search for the
	 * last one starting at or before line. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->sections[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo - 1;
}
