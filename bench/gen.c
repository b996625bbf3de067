/*
 * gen.c - generates a province of plans with monitoring data for the
 * assessment benchmark (bench/gen_province.c) and the bulk assessment
 * test (tests/unit/test_bulk.c).  See gen.h.  Everything goes through the
 * store's public functions: plans through pw_store_import_plan(),
 * observations through pw_store_obs_record() and pw_store_obs_transition()
 * (what `data import --state approved` does), external targets through
 * pw_store_external_set().
 */
#include "gen.h"

#include "store/bulk.h"
#include "store/monitor.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "util/nelem.h"

#define START 2021
#define END 2025
#define BASE_YEAR 2020

/* How an archetype's observations move. */
enum shape {
	SH_PATH, /* a level on the way from the baseline towards the target */
	SH_CAGR, /* a level growing at about the target rate */
	SH_RATE, /* a yearly rate around the target rate */
	SH_SHARE, /* a share rising by about target/5 points a year */
	SH_FLOW, /* a yearly amount (target/5 of a cumulative, or each year's) */
};

struct arche {
	const char *category, *name, *unit;
	enum pw_attr attr;
	enum pw_dir dir;
	enum pw_kind kind;
	enum pw_cmp cmp;
	double value, hi, base; /* base NAN: no baseline */
	enum shape shape;
	bool scaled; /* an amount that grows with the size of the place */
};

#define E PW_ATTR_EXPECTED
#define B PW_ATTR_BINDING
#define UP PW_DIR_UP
#define DN PW_DIR_DOWN

/* A 14th-plan style 主要指标 table: every target kind and comparator. */
static const struct arche arches[] = {
	{ "经济发展", "地区生产总值", "亿元",
	  E, UP, PW_KIND_GROWTH, PW_CMP_APPROX, 6, 0, 300, SH_CAGR, true },
	{ "经济发展", "地区生产总值增长", "%",
	  E, UP, PW_KIND_GROWTH, PW_CMP_APPROX, 6.5, 0, NAN, SH_RATE, false },
	{ "经济发展", "全员劳动生产率增长", "%",
	  E, UP, PW_KIND_GROWTH, PW_CMP_GE, 6, 0, NAN, SH_RATE, false },
	{ "经济发展", "常住人口城镇化率", "%",
	  E, UP, PW_KIND_LEVEL, PW_CMP_GE, 65, 0, 58, SH_PATH, false },
	{ "经济发展", "一般公共预算收入", "亿元",
	  E, UP, PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0, 20, SH_CAGR, true },
	{ "经济发展", "社会消费品零售总额增长", "%",
	  E, UP, PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0, NAN, SH_RATE, false },
	{ "创新驱动", "研发经费投入强度", "%",
	  E, UP, PW_KIND_LEVEL, PW_CMP_GE, 2, 0, 1.4, SH_PATH, false },
	{ "创新驱动", "每万人口高价值发明专利拥有量", "件",
	  E, UP, PW_KIND_LEVEL, PW_CMP_GE, 4, 0, 2.5, SH_PATH, false },
	{ "创新驱动", "数字经济核心产业增加值占GDP比重", "%",
	  E, UP, PW_KIND_CUMULATIVE, PW_CMP_EQ, 2.5, 0, 6, SH_SHARE, false },
	{ "民生福祉", "居民人均可支配收入增长", "%",
	  E, UP, PW_KIND_RELATION, PW_CMP_NONE, 6.5, 0, NAN, SH_RATE, false },
	{ "民生福祉", "城镇新增就业人数", "万人",
	  E, UP, PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 0, NAN, SH_FLOW, true },
	{ "民生福祉", "城镇调查失业率", "%",
	  E, DN, PW_KIND_LEVEL, PW_CMP_LE, 5.5, 0, 4.8, SH_PATH, false },
	{ "民生福祉", "劳动年龄人口平均受教育年限", "年",
	  B, UP, PW_KIND_LEVEL, PW_CMP_APPROX, 11, 0, 10.5, SH_PATH, false },
	{ "民生福祉", "每千人口拥有执业（助理）医师数", "人",
	  E, UP, PW_KIND_LEVEL, PW_CMP_EQ, 3.2, 0, 2.6, SH_PATH, false },
	{ "民生福祉", "基本养老保险参保率", "%",
	  E, UP, PW_KIND_LEVEL, PW_CMP_EQ, 95, 0, 92, SH_PATH, false },
	{ "民生福祉", "人均预期寿命", "岁",
	  E, UP, PW_KIND_LEVEL, PW_CMP_APPROX, 79, 0, 78, SH_PATH, false },
	{ "民生福祉", "每千人口拥有3岁以下婴幼儿托位数", "个",
	  E, UP, PW_KIND_LEVEL, PW_CMP_RANGE, 3, 4.5, 1.5, SH_PATH, false },
	{ "绿色生态", "单位GDP能耗降低", "%",
	  B, UP, PW_KIND_CUMULATIVE, PW_CMP_EQ, 13.5, 0, NAN, SH_RATE, false },
	{ "绿色生态", "单位GDP二氧化碳排放降低", "%",
	  B, UP, PW_KIND_EXTERNAL, PW_CMP_NONE, 3.5, 0, NAN, SH_RATE, false },
	{ "绿色生态", "空气质量优良天数比率", "%",
	  B, UP, PW_KIND_EXTERNAL, PW_CMP_NONE, 80, 0, 75, SH_PATH, false },
	{ "绿色生态", "地表水达到或好于Ⅲ类水体比例", "%",
	  B, UP, PW_KIND_LEVEL, PW_CMP_GE, 80, 0, 75, SH_PATH, false },
	{ "绿色生态", "森林覆盖率", "%",
	  B, UP, PW_KIND_LEVEL, PW_CMP_GE, 30, 0, 28, SH_PATH, false },
	{ "绿色生态", "细颗粒物（PM2.5）平均浓度", "微克/立方米",
	  B, DN, PW_KIND_LEVEL, PW_CMP_LE, 35, 0, 42, SH_PATH, false },
	{ "安全保障", "粮食综合生产能力", "万吨",
	  B, UP, PW_KIND_LEVEL, PW_CMP_GE, 50, 0, 48, SH_PATH, true },
	{ "民生福祉", "新建改扩建中小学", "所",
	  E, UP, PW_KIND_ANNUAL, PW_CMP_RANGE, 1, 2, NAN, SH_FLOW, false },
};

#define NARCHES NELEM(arches)

/* Prose targets: subject, unit, kind, cmp, value. */
static const struct {
	const char *subject, *unit;
	enum pw_kind kind;
	enum pw_cmp cmp;
	double value;
} proses[] = {
	{ "高新技术企业", "家", PW_KIND_LEVEL, PW_CMP_GE, 10 },
	{ "城镇登记失业率", "%", PW_KIND_LEVEL, PW_CMP_LE, 4.5 },
	{ "新改建农村公路", "千米", PW_KIND_CUMULATIVE, PW_CMP_EQ, 100 },
	{ "新建学校", "所", PW_KIND_ANNUAL, PW_CMP_GE, 1 },
};

#define NPROSES NELEM(proses)

void gen_opts_init(struct gen_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->plans = 3000;
	o->indicators = 50;
	o->years = 10;
	o->prose = 4;
	o->seed = 20250131;
	o->chunk = 50;
}

/* ---- deterministic randomness ------------------------------------------- */

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A uniform number in [0, 1) for (seed, a, b, c, salt). */
static double rnd(uint64_t seed, long a, long b, long c, int salt)
{
	uint64_t h = mix(seed ^ mix((uint64_t)a * 1000003u ^ mix((uint64_t)b * 7919u ^
					mix((uint64_t)c * 131u + (uint64_t)salt))));

	return (double)(h >> 11) / 9007199254740992.0;
}

/* ---- the plan ------------------------------------------------------------ */

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, f);
	sb_vaddf(&sb, f, ap);
	va_end(ap);
	return sb_detach(&sb, NULL);
}

/* "6.5" without trailing zeros. */
static void num(struct strbuf *sb, double v)
{
	sb_addf(sb, "%g", v);
}

static char *target_text(const struct arche *a, double value)
{
	struct strbuf sb = STRBUF_INIT;

	switch (a->kind) {
	case PW_KIND_EXTERNAL:
		return xstrdup("按市定目标执行");
	case PW_KIND_RELATION:
		return xstrdup("与经济增长基本同步");
	case PW_KIND_CUMULATIVE:
		sb_addstr(&sb, "[");
		num(&sb, value);
		sb_addstr(&sb, "]");
		break;
	default:
		if (a->kind == PW_KIND_ANNUAL)
			sb_addstr(&sb, "每年");
		if (a->cmp == PW_CMP_GE)
			sb_addstr(&sb, "≥");
		num(&sb, value);
		if (a->cmp == PW_CMP_RANGE) {
			sb_addstr(&sb, "-");
			num(&sb, a->hi);
		}
		sb_addstr(&sb, a->cmp == PW_CMP_APPROX ? "左右" : a->cmp == PW_CMP_LE ? "以下" : "");
	}
	return sb_detach(&sb, NULL);
}

/* The size of place k relative to an average county (0.3 .. 3). */
static double place_scale(const struct gen_opts *o, int k)
{
	return 0.3 + 2.7 * rnd(o->seed, k, 0, 0, 1);
}

static const struct arche *arche_of(int row)
{
	return &arches[row % NARCHES];
}

static void add_target(struct pw_indicator *r, const struct arche *a, double value)
{
	struct pw_target *t = pw_indicator_add_target(r);

	t->kind = a->kind;
	t->cmp = a->cmp;
	t->has_value = a->cmp != PW_CMP_NONE;
	t->value = t->has_value ? value : 0;
	t->has_value_hi = a->cmp == PW_CMP_RANGE;
	t->value_hi = t->has_value_hi ? a->hi : 0;
	t->year = a->kind == PW_KIND_LEVEL ? END : 0;
	t->text = target_text(a, value);
}

/* The target of an amount grows with the place: 粮食 ≥50 万吨 for an
 * average county, ≥100 for one twice its size. */
static double goal_of(const struct arche *a, double scale)
{
	if (!a->scaled)
		return a->value;
	if (a->kind == PW_KIND_LEVEL)
		return round(a->value * scale);
	if (a->kind == PW_KIND_CUMULATIVE)
		return round(a->value * scale * 10) / 10;
	return a->value;
}

static void add_row(const struct gen_opts *o, struct pw_table *t, int k, int row)
{
	const struct arche *a = arche_of(row);
	struct pw_indicator *r = pw_table_add_row(t);
	double scale = a->scaled ? place_scale(o, k) : 1;

	r->no = fmt("%d", row + 1);
	if (row >= (int)NARCHES)
		r->group = fmt("重点片区%d", row / (int)NARCHES);
	r->category = xstrdup(a->category);
	r->name = xstrdup(a->name);
	r->unit = xstrdup(a->unit);
	r->attribute = a->attr;
	r->direction = a->dir;
	if (!isnan(a->base)) {
		r->has_baseline = true;
		r->baseline_year = BASE_YEAR;
		r->baseline = round(a->base * scale * (0.97 + 0.06 * rnd(o->seed, k, row, 0, 2)) *
				    100) / 100;
	}
	add_target(r, a, goal_of(a, scale));
	r->line = 100 + row;
	r->section = 1;
}

static void add_outline(struct pw_plan *p)
{
	struct pw_section *c = pw_plan_add_section(p), *s;

	c->level = PW_LEVEL_CHAPTER;
	c->number = xstrdup("第二章");
	c->title = xstrdup("发展目标");
	c->line = 90;
	s = pw_plan_add_section(p);
	s->level = PW_LEVEL_SECTION;
	s->number = xstrdup("第二节");
	s->title = xstrdup("“十四五”时期经济社会发展主要目标");
	s->line = 95;
	s->parent = 0;
}

static void add_prose(const struct gen_opts *o, struct pw_plan *p, int k)
{
	int i;

	for (i = 0; i < o->prose; i++) {
		struct pw_prose_target *t = pw_plan_add_target(p);
		size_t j = (size_t)i % NPROSES;

		t->subject = i < (int)NPROSES ? xstrdup(proses[j].subject) :
			     fmt("%s（%d）", proses[j].subject, i);
		t->unit = xstrdup(proses[j].unit);
		t->t.kind = proses[j].kind;
		t->t.cmp = proses[j].cmp;
		t->t.has_value = true;
		t->t.value = proses[j].value * (proses[j].kind == PW_KIND_CUMULATIVE ?
						place_scale(o, k) : 1);
		t->t.year = END;
		t->t.text = fmt("到%d年，%s%g%s", END, t->subject, t->t.value, t->unit);
		t->line = 300 + i;
		t->section = 1;
	}
}

static void build_plan(const struct gen_opts *o, int k, struct pw_plan *p)
{
	struct pw_table *t;
	int i;

	pw_plan_init(p);
	p->region = fmt("示范省第%d县", k + 1);
	p->title = fmt("%s国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", p->region);
	p->ordinal = 14;
	p->start = START;
	p->end = END;
	p->source = fmt("gen-%05d.txt", k + 1);
	add_outline(p);
	t = pw_plan_add_table(p);
	t->title = xstrdup("表1 “十四五”经济社会发展主要指标");
	t->line = 99;
	t->start = START;
	t->end = END;
	t->section = 1;
	for (i = 0; i < o->indicators; i++)
		add_row(o, t, k, i);
	add_prose(o, p, k);
}

/* ---- observations ---------------------------------------------------------- */

/* The value of row `row` of place k in year y. */
static double value_of(const struct gen_opts *o, const struct pw_indicator *r, int k, int row,
		       int y)
{
	const struct arche *a = arche_of(row);
	const struct pw_target *t = &r->targets[0];
	double f = 0.5 + 0.9 * rnd(o->seed, k, row, 0, 3); /* pace of this place */
	double noise = rnd(o->seed, k, row, y, 4) - 0.5;
	double goal = t->has_value ? t->value : a->value;
	double b = r->has_baseline ? r->baseline : 0, v;

	switch (a->shape) {
	case SH_PATH:
		v = b + (goal - b) * f * (y - BASE_YEAR) / 5 + noise * fabs(goal - b) * 0.2;
		break;
	case SH_CAGR:
		v = b * pow(1 + goal * f / 100, y - BASE_YEAR) * (1 + noise * 0.01);
		break;
	case SH_RATE:
		v = (a->kind == PW_KIND_CUMULATIVE ? 2.8 : goal) * f + noise;
		break;
	case SH_SHARE:
		v = b + goal * f * (y - BASE_YEAR) / 5 + noise * 0.1;
		break;
	default:
		v = a->kind == PW_KIND_ANNUAL ? floor(3.4 * rnd(o->seed, k, row, y, 5)) :
						goal / 5 * f * (1 + noise * 0.2);
	}
	return round(v * 100) / 100;
}

/* One plan's values on their way in.  Bulk mode (the default) loads the
 * approved history with pw_bulk_load_approved() and enters the values
 * awaiting review and the corrections the ordinary way afterwards;
 * review mode enters every value the ordinary way. */
struct later {
	struct pw_obs_entry e;
	bool approve;
};

struct batch {
	struct pw_store *s;
	const struct gen_opts *o;
	struct gen_stats *st;
	int k; /* the place */
	struct pw_bulk_value *load;
	size_t nload, load_alloc;
	struct later *later;
	size_t nlater, later_alloc;
};

/* Enters one value: submitted, then approved unless it awaits review. */
static int enter(struct pw_store *s, struct pw_obs_entry *e, bool approve)
{
	int64_t id;

	if (pw_store_obs_record(s, e, &id) < 0)
		return -1;
	return approve ? pw_store_obs_transition(s, id, PW_OBS_APPROVED, NULL, "规划办", NULL) : 0;
}

static int put(struct batch *b, const struct pw_obs_entry *e, bool approve, bool now)
{
	struct pw_bulk_value *v;

	if (b->o->review || !now) {
		if (b->o->review)
			return enter(b->s, (struct pw_obs_entry *)e, approve);
		ALLOC_GROW(b->later, b->nlater + 1, b->later_alloc);
		b->later[b->nlater].e = *e;
		b->later[b->nlater++].approve = approve;
		return 0;
	}
	ALLOC_GROW(b->load, b->nload + 1, b->load_alloc);
	v = &b->load[b->nload++];
	v->entity = e->entity;
	v->id = e->id;
	v->year = e->year;
	v->value = e->value;
	v->estimated = e->estimated;
	v->unit = e->unit;
	return 0;
}

/* A value awaits review (10% of the last year's) or was corrected once
 * (2%: first entered 5% off and approved, then corrected and approved). */
static int observe(struct batch *b, struct pw_obs_entry *e, long salt)
{
	double u = rnd(b->o->seed, b->k, salt, e->year, 6);
	bool pending = e->year == END && u < 0.1;
	bool corrected = u > 0.98;
	double value = e->value;

	e->estimated = e->year == END && u < 0.3;
	if (corrected) {
		e->value = round(value * 105) / 100;
		if (put(b, e, true, true) < 0)
			return -1;
		e->value = value;
		b->st->corrected++;
	}
	if (put(b, e, !pending, !pending && !corrected) < 0)
		return -1;
	b->st->observations++;
	b->st->approved += !pending;
	return 0;
}

static int flush(struct batch *b)
{
	size_t i;

	if (b->nload && pw_bulk_load_approved(b->s, b->load, b->nload, "县统计局", "县统计局",
					      NULL) < 0)
		return -1;
	for (i = 0; i < b->nlater; i++)
		if (enter(b->s, &b->later[i].e, b->later[i].approve) < 0)
			return -1;
	b->nload = b->nlater = 0;
	return 0;
}

static struct pw_obs_entry entry(enum pw_entity ent, int64_t id, const char *unit)
{
	struct pw_obs_entry e;

	memset(&e, 0, sizeof(e));
	e.entity = ent;
	e.id = id;
	e.unit = unit;
	e.source = "县统计局";
	e.by = "县统计局";
	e.state = PW_OBS_SUBMITTED;
	return e;
}

static int observe_rows(struct batch *b, const struct pw_plan *p, const int64_t *ids)
{
	const struct pw_table *t = &p->tables[0];
	size_t i;
	int y;

	for (i = 0; i < t->nrows; i++) {
		struct pw_obs_entry e = entry(PW_ENTITY_INDICATOR, ids[i], t->rows[i].unit);

		for (y = END - b->o->years + 1; y <= END; y++) {
			e.year = y;
			e.value = value_of(b->o, &t->rows[i], b->k, (int)i, y);
			if (observe(b, &e, (long)i) < 0)
				return -1;
		}
	}
	b->st->indicators += (long)t->nrows;
	return 0;
}

/* Prose targets: yearly values over the plan's own years. */
static double prose_value(const struct pw_prose_target *t, double f, int y)
{
	double v = t->t.kind == PW_KIND_CUMULATIVE ? t->t.value / 5 * f
		   : t->t.kind == PW_KIND_ANNUAL ? floor(2.2 * f)
						 : t->t.value * f * (0.8 + 0.04 * (y - START));

	return round(v * 100) / 100;
}

static int observe_prose(struct batch *b, const struct pw_plan *p, const int64_t *ids)
{
	size_t i;
	int y;

	for (i = 0; i < p->ntargets; i++) {
		const struct pw_prose_target *t = &p->targets[i];
		struct pw_obs_entry e = entry(PW_ENTITY_TARGET, ids[i], t->unit);
		double f = 0.6 + 0.8 * rnd(b->o->seed, b->k, -(long)i, 0, 7);

		for (y = START; y <= END; y++) {
			e.year = y;
			e.value = prose_value(t, f, y);
			if (observe(b, &e, -1 - (long)i) < 0)
				return -1;
		}
	}
	b->st->prose += (long)p->ntargets;
	return 0;
}

/* External targets: set in two plans out of three. */
static int set_externals(struct pw_store *s, const struct gen_opts *o, struct gen_stats *st,
			 const struct pw_plan *p, int k, const int64_t *ids)
{
	const struct pw_table *t = &p->tables[0];
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		const struct arche *a = arche_of((int)i);
		struct pw_external x;

		if (a->kind != PW_KIND_EXTERNAL || rnd(o->seed, k, (long)i, 0, 8) < 1.0 / 3)
			continue;
		memset(&x, 0, sizeof(x));
		x.kind = PW_KIND_LEVEL;
		x.cmp = PW_CMP_GE;
		x.value = a->value;
		x.year = END;
		x.unit = (char *)a->unit;
		x.source = (char *)"市政府文件";
		if (pw_store_external_set(s, PW_ENTITY_INDICATOR, ids[i], &x, "规划办", NULL) < 0)
			return -1;
		st->externals++;
	}
	return 0;
}

static int gen_plan(struct batch *b, int k)
{
	struct pw_plan p;
	int64_t *ids = NULL, *tids = NULL;
	size_t n = 0, nt = 0;
	int plan_id, version, changed, rc;

	b->k = k;
	build_plan(b->o, k, &p);
	rc = pw_store_import_plan(b->s, &p, "bench", &plan_id, &version, &changed);
	if (rc == 0)
		rc = pw_store_plan_indicator_ids(b->s, plan_id, 0, &ids, &n);
	if (rc == 0)
		rc = pw_store_plan_target_ids(b->s, plan_id, 0, &tids, &nt);
	if (rc == 0 && (n != p.tables[0].nrows || nt != p.ntargets))
		rc = pw_error("plan %d: stored rows do not match the generated plan", plan_id);
	if (rc == 0)
		rc = observe_rows(b, &p, ids);
	if (rc == 0)
		rc = observe_prose(b, &p, tids);
	if (rc == 0)
		rc = flush(b);
	if (rc == 0)
		rc = set_externals(b->s, b->o, b->st, &p, k, ids);
	b->st->plans += rc == 0;
	free(ids);
	free(tids);
	pw_plan_free(&p);
	return rc;
}

int gen_province(struct pw_store *s, const struct gen_opts *o, struct gen_stats *st)
{
	struct batch b;
	int k, rc = 0, chunk = o->chunk > 0 ? o->chunk : 1;

	memset(st, 0, sizeof(*st));
	memset(&b, 0, sizeof(b));
	b.s = s;
	b.o = o;
	b.st = st;
	for (k = 0; rc == 0 && k < o->plans; k++) {
		if (k % chunk == 0 && pw_store_begin(s) < 0)
			break;
		rc = gen_plan(&b, k);
		if (rc < 0)
			pw_store_rollback(s);
		else if ((k % chunk == chunk - 1 || k == o->plans - 1) && pw_store_commit(s) < 0)
			rc = -1;
		if (rc == 0 && !o->quiet && (k + 1) % 500 == 0)
			fprintf(stderr, "  ... %d plans\n", k + 1);
	}
	free(b.load);
	free(b.later);
	return k < o->plans || rc < 0 ? -1 : 0;
}
