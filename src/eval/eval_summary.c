/*
 * eval_summary.c - the parts of an evaluation computed from its rows: the
 * counts by status, attribute, category and chapter, the binding-first
 * order, the report title and the notes for the reader.
 */
#include "eval/eval_int.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>

/* ---- counts -------------------------------------------------------------- */

static void group_count(struct pw_eval_group **g, size_t *n, const char *name,
			enum pw_status s)
{
	size_t i;

	if (!name || !*name)
		name = "其他";
	for (i = 0; i < *n && strcmp((*g)[i].name, name); i++)
		;
	if (i == *n) {
		*g = xrealloc(*g, (*n + 1) * sizeof(**g));
		memset(&(*g)[i], 0, sizeof(**g));
		(*g)[i].name = xstrdup(name);
		(*n)++;
	}
	(*g)[i].total++;
	(*g)[i].by_status[s]++;
}

void pw_eval_groups_free(struct pw_eval_group *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(g[i].name);
	free(g);
}

static void count_indicator(struct pw_evaluation *ev, const struct pw_eval_indicator *e)
{
	enum pw_status s = e->a.status;

	ev->by_status[s]++;
	if (e->ind->attribute == PW_ATTR_BINDING) {
		ev->binding++;
		ev->binding_by_status[s]++;
		ev->nwarnings_binding += e->at_risk;
	} else {
		ev->expected++;
		ev->expected_by_status[s]++;
	}
	group_count(&ev->groups, &ev->ngroups, e->ind->category, s);
}

static void count_items(struct pw_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->nitems; i++) {
		const char *s = ev->items[i].status;

		if (!s)
			continue;
		ev->items_reported++;
		ev->items_completed += !strcmp(s, "completed");
		ev->items_delayed += !strcmp(s, "delayed") || !strcmp(s, "suspended");
	}
}

static void count_all(struct pw_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->ninds; i++)
		count_indicator(ev, &ev->inds[i]);
	for (i = 0; i < ev->ntargets; i++) {
		ev->targets_by_status[ev->targets[i].r.status]++;
		group_count(&ev->chapters, &ev->nchapters, ev->targets[i].chapter,
			    ev->targets[i].r.status);
	}
	count_items(ev);
}

/* Binding (约束性) indicators first, each part in table order. */
static void order_binding_first(struct pw_evaluation *ev)
{
	size_t i, k = 0;
	int pass;

	ev->order = xcalloc(ev->ninds + 1, sizeof(*ev->order));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < ev->ninds; i++)
			if ((ev->inds[i].ind->attribute == PW_ATTR_BINDING) == (pass == 0))
				ev->order[k++] = i;
}

/* ---- title --------------------------------------------------------------- */

void pw_eval_cn_number(struct strbuf *sb, int n)
{
	static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	if (n < 1 || n > 99) {
		sb_addf(sb, "%d", n);
		return;
	}
	if (n >= 20)
		sb_addstr(sb, digit[n / 10]);
	if (n >= 10)
		sb_addstr(sb, "十");
	sb_addstr(sb, digit[n % 10]);
}

char *pw_eval_plan_nickname(int ordinal)
{
	struct strbuf sb = STRBUF_INIT;

	if (ordinal < 1 || ordinal > 99)
		return NULL;
	pw_eval_cn_number(&sb, ordinal);
	sb_addstr(&sb, "五");
	return sb_detach(&sb, NULL);
}

/* The plan's name without 《》: its title, else region and ordinal. */
static void add_plan_name(struct strbuf *sb, const struct pw_plan *p)
{
	const char *t = p->title;

	if (t && *t) {
		size_t len = strlen(t);

		if (!strncmp(t, "《", 3))
			t += 3, len -= 3;
		if (len >= 3 && !strcmp(t + len - 3, "》"))
			len -= 3;
		sb_add(sb, t, len);
		return;
	}
	if (p->region)
		sb_addf(sb, "%s国民经济和社会发展", p->region);
	if (p->ordinal > 0 && p->ordinal < 100) {
		sb_addstr(sb, "第");
		pw_eval_cn_number(sb, p->ordinal);
		sb_addstr(sb, "个五年");
	}
	sb_addstr(sb, "规划纲要");
}

/* What the report is on: a previous plan's completion table (表1 of the
 * 13th plan inside the 14th), or the plan itself. */
static void set_period_identity(struct pw_evaluation *ev)
{
	const struct pw_plan *p = ev->plan;

	ev->final = ev->end && ev->year >= ev->end;
	ev->previous = p->start && ev->end && ev->end < p->start;
	ev->ordinal = p->ordinal;
	if (ev->previous && p->ordinal)
		ev->ordinal = p->ordinal - (p->start - ev->start + 2) / 5;
	else if (ev->previous)
		ev->ordinal = 0;
}

static void set_title(struct pw_evaluation *ev)
{
	struct strbuf sb = STRBUF_INIT;
	char *nick = pw_eval_plan_nickname(ev->ordinal);

	if (ev->previous) {
		sb_addf(&sb, "%s", ev->plan->region ? ev->plan->region : "");
		if (nick)
			sb_addf(&sb, "“%s”规划", nick);
		else
			sb_addf(&sb, "%d—%d年规划", ev->start, ev->end);
	} else {
		sb_addstr(&sb, "《");
		add_plan_name(&sb, ev->plan);
		sb_addstr(&sb, "》");
	}
	if (ev->kind == PW_REPORT_ANNUAL)
		sb_addf(&sb, "%d", ev->year);
	sb_addstr(&sb, pw_report_kind_label(ev->kind));
	free(nick);
	ev->title = sb_detach(&sb, NULL);
}

static void set_subject(struct pw_evaluation *ev)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	size_t last = (size_t)-1;

	for (i = 0; i < ev->ninds; i++) {
		const struct pw_table *t = &ev->plan->tables[ev->inds[i].table];

		if (ev->inds[i].table == last || !t->title)
			continue;
		if (sb.len)
			sb_addstr(&sb, "；");
		sb_addstr(&sb, t->title);
		last = ev->inds[i].table;
	}
	ev->subject = sb.len ? sb_detach(&sb, NULL) : NULL;
	sb_release(&sb);
}

/* ---- notes --------------------------------------------------------------- */

static void note_sources(struct pw_evaluation *ev)
{
	unsigned from_table = 0, none = 0, estimated = 0;
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		from_table += ev->inds[i].source == PW_EVAL_TABLE;
		none += ev->inds[i].source == PW_EVAL_NONE;
		estimated += ev->inds[i].has_latest && ev->inds[i].latest_estimated;
	}
	if (from_table)
		pw_eval_warn(ev, "%u项指标的完成值取自规划文本表格所载数据", from_table);
	if (none)
		pw_eval_warn(ev, "%u项指标尚无%d年及以前的监测数据", none, ev->year);
	if (estimated)
		pw_eval_warn(ev, "%u项指标的完成值为预计数", estimated);
}

/* Values older than the year: the status rests on them, say so (an end-of-
 * period 未完成 judged on a value two years old is not a final verdict). */
static void note_stale(struct pw_evaluation *ev)
{
	unsigned stale = 0;
	int oldest = 0;
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[i];

		if (!e->has_latest || e->latest_year >= ev->year)
			continue;
		stale++;
		if (!oldest || e->latest_year < oldest)
			oldest = e->latest_year;
	}
	if (stale)
		pw_eval_warn(ev, "%u项指标尚无%d年数据，其完成值和状态依据此前最近年份（最早为%d年）"
			     "的数据判定，%s", stale, ev->year, oldest,
			     ev->final ? "期末结论待当年数据报送后复核" : "请牵头单位及时报送");
}

static void note_units(struct pw_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[i];

		if (e->at_risk && e->ind->attribute == PW_ATTR_BINDING && !e->lead_unit)
			pw_eval_warn(ev, "约束性指标“%s”%s，尚未明确牵头单位", e->ind->name,
				     pw_status_label(e->a.status));
	}
}

static void note_kind(struct pw_evaluation *ev)
{
	if (ev->kind == PW_REPORT_FINAL && !ev->final)
		pw_eval_warn(ev, "总结评估年份（%d年）早于规划期末（%d年），未到期的目标按期中方法评估",
			     ev->year, ev->end);
	if (ev->kind == PW_REPORT_MIDTERM && ev->final)
		pw_eval_warn(ev, "中期评估年份（%d年）已到规划期末，目标按期末方法评估", ev->year);
}

void pw_eval_summarise(struct pw_evaluation *ev)
{
	count_all(ev);
	order_binding_first(ev);
	set_period_identity(ev);
	set_title(ev);
	set_subject(ev);
	note_kind(ev);
	note_sources(ev);
	note_stale(ev);
	note_units(ev);
}
