/*
 * report_layout.c - what each section of a report says: the summary, the
 * completion table in 表1's layout, the lagging and at-risk list, prose
 * targets, 专栏 projects and the notes with the method.  Every format
 * renders these same blocks (report.h).
 */
#include "eval/eval_int.h"
#include "report/report_int.h"
#include "model/target_text.h"
#include "util/alloc.h"

#include <math.h>
#include <string.h>
#include "util/nelem.h"

/* Statuses in the order a reader expects them. */
static const enum pw_status status_order[] = {
	PW_STATUS_MET, PW_STATUS_ACHIEVED_EARLY, PW_STATUS_AHEAD, PW_STATUS_ON_TRACK,
	PW_STATUS_LAGGING, PW_STATUS_NOT_MET, PW_STATUS_NOT_ASSESSABLE, PW_STATUS_NO_DATA,
};

#define NORDER NELEM(status_order)

char *pw_report_ind_name(const struct pw_indicator *ind)
{
	struct strbuf sb = STRBUF_INIT;

	if (ind->group && *ind->group)
		sb_addf(&sb, "%s：", ind->group);
	sb_addstr(&sb, ind->name ? ind->name : "");
	return sb_detach(&sb, NULL);
}

const char *pw_report_progress_label(const char *status)
{
	static const struct {
		const char *name, *label;
	} labels[] = {
		{ "not_started", "未开工" }, { "in_progress", "推进中" }, { "completed", "已完成" },
		{ "delayed", "滞后" },       { "suspended", "暂停" },
	};
	size_t i;

	for (i = 0; status && i < NELEM(labels); i++)
		if (!strcmp(status, labels[i].name))
			return labels[i].label;
	return status ? status : "未报送";
}

static const char *attr_label(enum pw_attr a)
{
	return a == PW_ATTR_BINDING ? "约束性" : a == PW_ATTR_EXPECTED ? "预期性" : "";
}

/* "完成5项、未完成3项" for the non-zero counts (nothing if all are zero). */
void pw_rdoc_status_counts(struct strbuf *sb, const unsigned *counts)
{
	size_t i;
	int first = 1;

	for (i = 0; i < NORDER; i++) {
		if (!counts[status_order[i]])
			continue;
		sb_addf(sb, "%s%s%u项", first ? "" : "、", pw_status_label(status_order[i]),
			counts[status_order[i]]);
		first = 0;
	}
}

/* ---- cells shared by several tables -------------------------------------- */

/* A cumulative target for a reader: "累计5" for "[5]" or "〔5〕" (the
 * brackets a plan table uses for 五年累计 mean nothing to most readers). */
static void add_cumulative_text(struct strbuf *sb, const struct pw_target *t)
{
	if (t->text && *t->text) {
		pw_target_text(sb, PW_KIND_CUMULATIVE, t->text, 0, 0);
		return;
	}
	sb_addstr(sb, "累计");
	if (t->has_value)
		pw_report_num(sb, t->value, NULL);
}

/* One target as written; an external one (按市定目标执行) once the value set
 * by the other body is recorded shows it: "按市定目标执行（已定 75）". */
static void add_target_text(struct strbuf *sb, const struct pw_target *t,
			    const struct pw_target_result *r)
{
	if (t->kind == PW_KIND_CUMULATIVE)
		add_cumulative_text(sb, t);
	else if (t->text && *t->text)
		sb_addstr(sb, t->text);
	else if (t->has_value)
		pw_report_num(sb, t->value, NULL);
	if (t->kind == PW_KIND_EXTERNAL && r && r->has_goal) {
		sb_addstr(sb, "（已定 ");
		pw_report_num(sb, r->goal, NULL);
		sb_addstr(sb, "）");
	}
}

/* The targets of e other than growth (or the growth ones), as written,
 * joined by "；"; a lone plain number stays a number for spreadsheets. */
void pw_rdoc_targets_cell(struct pw_rcell *c, const struct pw_eval_indicator *e, bool growth)
{
	const struct pw_indicator *ind = e->ind;
	struct strbuf sb = STRBUF_INIT;
	const struct pw_target *only = NULL;
	size_t i, n = 0;

	for (i = 0; i < ind->ntargets; i++) {
		const struct pw_target *t = &ind->targets[i];

		if ((t->kind == PW_KIND_GROWTH) != growth)
			continue;
		only = n++ ? NULL : t;
		if (sb.len)
			sb_addstr(&sb, "；");
		add_target_text(&sb, t, i < e->a.ntargets ? &e->a.targets[i] : NULL);
	}
	pw_rcell_set(c, "%s", sb.len ? sb.buf : "—");
	if (only && only->cmp == PW_CMP_EQ && only->has_value && !growth &&
	    only->kind != PW_KIND_CUMULATIVE)
		pw_rcell_num(c, only->value);
	sb_release(&sb);
}

static void set_growth_cell(struct pw_rcell *c, const struct pw_eval_indicator *e)
{
	struct strbuf sb = STRBUF_INIT;

	pw_rdoc_targets_cell(c, e, true);
	if (!e->has_growth)
		return;
	sb_addf(&sb, "%s（实际", c->text);
	pw_report_num(&sb, e->growth, NULL);
	sb_addstr(&sb, "）");
	pw_rcell_set(c, "%s", sb.buf);
	sb_release(&sb);
}

/* The amount a cumulative target of e has reached, or NULL. */
static const struct pw_target_result *cumulative_result(const struct pw_eval_indicator *e)
{
	size_t i;

	for (i = 0; i < e->a.ntargets && i < e->ind->ntargets; i++)
		if (e->ind->targets[i].kind == PW_KIND_CUMULATIVE && e->a.targets[i].has_actual)
			return &e->a.targets[i];
	return NULL;
}

/* A status, marked （暂定） when it rests on data older than the target year
 * (docs/assessment.md: provisional judgements at the end of the period). */
void pw_rdoc_status_cell(struct pw_rcell *c, enum pw_status s, bool provisional)
{
	pw_rcell_status(c, s);
	if (provisional)
		pw_rcell_set(c, "%s（暂定）", pw_status_label(s));
}

/* The latest value: "221.29", "预计 2.5", "35（2021年）" when older; for a
 * cumulative target the amount to date, "累计3.3" (a year's value alone
 * would read as the whole period's). */
static void set_actual_cell(struct pw_rcell *c, const struct pw_eval_indicator *e, int year)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pw_target_result *cum = cumulative_result(e);

	if (!e->has_latest) {
		pw_rcell_set(c, "—");
		return;
	}
	if (cum) {
		pw_rcell_num(c, cum->actual);
		sb_addf(&sb, "%s累计%s", cum->estimated ? "预计 " : "", c->text);
		if (cum->actual_year && cum->actual_year != year)
			sb_addf(&sb, "（截至%d年）", cum->actual_year);
		pw_rcell_set(c, "%s", sb.buf);
		sb_release(&sb);
		return;
	}
	pw_rcell_num(c, e->latest);
	if (!e->latest_estimated && e->latest_year == year)
		return;
	if (e->latest_estimated)
		sb_addstr(&sb, "预计 ");
	sb_addstr(&sb, c->text);
	if (e->latest_year != year)
		sb_addf(&sb, "（%d年）", e->latest_year);
	pw_rcell_set(c, "%s", sb.buf);
	sb_release(&sb);
}

/* Why a target could not be judged, in words for the reader. */
static void set_reason_cell(struct pw_rcell *c, const struct pw_eval_indicator *e)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < e->a.ntargets; i++) {
		const char *why = pw_report_reason(&e->a.targets[i], e->has_latest);

		if (why && !strstr(sb.buf, why))
			sb_addf(&sb, "%s%s", sb.len ? "；" : "", why);
	}
	pw_rcell_set(c, "%s", sb.buf);
	sb_release(&sb);
}

/* ---- 一、总体情况 --------------------------------------------------------- */

/* Values entered but not yet approved are not in an official report:
 * the reader is told how many, so that 无数据 is not read as "not sent". */
static void pending_text(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;

	if (ev->pending && ev->drafts)
		pw_rdoc_add(d, PW_RB_PARA, 0, "另有%u个数值待审核、%u个数值尚未报送，"
			    "均未计入本报告。", ev->pending, ev->drafts);
	else if (ev->pending)
		pw_rdoc_add(d, PW_RB_PARA, 0, "另有%u个数值待审核，未计入本报告。", ev->pending);
	else if (ev->drafts)
		pw_rdoc_add(d, PW_RB_PARA, 0, "另有%u个数值尚未报送，未计入本报告。", ev->drafts);
}

static void summary_text(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "纳入评估的主要指标共%zu项，其中约束性指标%u项、预期性指标%u项", ev->ninds,
		ev->binding, ev->expected);
	if (ev->subject)
		sb_addf(&sb, "（依据%s）", ev->subject);
	sb_addf(&sb, "。截至%d年，", ev->year);
	pw_rdoc_status_counts(&sb, ev->by_status);
	sb_addstr(&sb, "。");
	if (ev->ninds)
		pw_rdoc_add(d, PW_RB_PARA, 0, "%s", sb.buf);
	sb_reset(&sb);
	pending_text(d);
	if (ev->binding) {
		sb_addf(&sb, "约束性指标%u项：", ev->binding);
		pw_rdoc_status_counts(&sb, ev->binding_by_status);
		if (ev->nwarnings_binding)
			sb_addf(&sb, "；其中%u项滞后或未完成，列为预警",
				ev->nwarnings_binding);
		sb_addstr(&sb, "。");
		pw_rdoc_add(d, PW_RB_PARA, 0, "%s", sb.buf);
	}
	sb_release(&sb);
}

/* Binding indicators first: each with its status, one sentence. */
static void summary_binding_first(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[ev->order[i]];
		char *name;

		if (e->ind->attribute != PW_ATTR_BINDING)
			break;
		name = pw_report_ind_name(e->ind);
		sb_addf(&sb, "%s%s（%s）", sb.len ? "、" : "约束性指标逐项：", name,
			pw_status_label(e->a.status));
		free(name);
	}
	if (sb.len)
		pw_rdoc_add(d, PW_RB_PARA, 0, "%s。", sb.buf);
	sb_release(&sb);
}

static const struct pw_rcol_spec status_cols[] = {
	{ "状态", 16, false, false }, { "指标数", 8, false, true },
	{ "约束性", 8, false, true }, { "预期性", 8, false, true },
};

static void summary_status_table(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct pw_rtable *t = pw_rtable_new("按状态统计", status_cols, 4);
	size_t i;

	for (i = 0; i < NORDER; i++) {
		enum pw_status s = status_order[i];
		struct pw_rcell *row;

		if (!ev->by_status[s])
			continue;
		row = pw_rtable_add_row(t);
		pw_rcell_status(&row[0], s);
		pw_rcell_num(&row[1], ev->by_status[s]);
		pw_rcell_num(&row[2], ev->binding_by_status[s]);
		pw_rcell_num(&row[3], ev->expected_by_status[s]);
	}
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　主要指标按评估状态统计");
	pw_rdoc_add_table(d, t);
}

/* A count table: a name column, a total, then one column per status that
 * occurs in totals. */
static struct pw_rtable *group_table(const char *name, const char *head,
				     const struct pw_eval_group *g, size_t n,
				     const unsigned *totals)
{
	struct pw_rcol_spec cols[2 + NORDER] = { { head, 24, false, false },
						 { "合计", 8, false, true } };
	enum pw_status which[NORDER];
	size_t i, k, nc = 2;
	struct pw_rtable *t;

	for (i = 0; i < NORDER; i++)
		if (totals[status_order[i]]) {
			which[nc - 2] = status_order[i];
			cols[nc++] = (struct pw_rcol_spec){ pw_status_label(status_order[i]), 10,
							    false, true };
		}
	t = pw_rtable_new(name, cols, nc);
	for (i = 0; i < n; i++) {
		struct pw_rcell *row = pw_rtable_add_row(t);

		pw_rcell_set(&row[0], "%s", g[i].name);
		pw_rcell_num(&row[1], g[i].total);
		for (k = 2; k < nc; k++)
			pw_rcell_num(&row[k], g[i].by_status[which[k - 2]]);
	}
	return t;
}

static void summary_others(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;

	if (ev->ntargets) {
		sb_addf(&sb, "规划文本中的量化目标%zu项：", ev->ntargets);
		pw_rdoc_status_counts(&sb, ev->targets_by_status);
		pw_rdoc_add(d, PW_RB_PARA, 0, "%s。", sb.buf);
	}
	if (ev->nitems)
		pw_rdoc_add(d, PW_RB_PARA, 0,
			    "专栏重大项目%zu项，已报送进展%u项，其中已完成%u项、滞后或暂停%u项。",
			    ev->nitems, ev->items_reported, ev->items_completed, ev->items_delayed);
	sb_release(&sb);
}

void pw_rdoc_summary(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;

	pw_rdoc_section(d, "总体情况", false);
	summary_text(d);
	summary_binding_first(d);
	summary_others(d);
	if (!ev->ninds)
		return;
	pw_rdoc_add(d, PW_RB_STATUS_BAR, 0, "主要指标评估状态");
	summary_status_table(d);
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　主要指标按领域统计");
	pw_rdoc_add_table(d, group_table("按领域统计", "领域", ev->groups, ev->ngroups,
					 ev->by_status));
}

/* ---- 二、主要指标完成情况 (表1's layout) ----------------------------------- */

enum {
	C_NO, C_NAME, C_UNIT, C_BASE, C_TARGET, C_GROWTH, C_ACTUAL, C_STATUS, C_ATTR,
	C_EXPECTED, C_PROGRESS, C_BASIS, C_GROWTH_NUM, C_YEAR, C_ESTIMATED, C_SOURCE,
	C_CATEGORY, C_LEAD, C_WARN, C_REASON, C_NOTE, C_NCOLS
};

static const struct pw_rcol_spec completion_cols[C_NCOLS] = {
	[C_NO] = { "序号", 6, false, false },
	[C_NAME] = { "指标名称", 30, false, false },
	[C_UNIT] = { "单位", 10, false, false },
	[C_BASE] = { "基数", 11, false, true },
	[C_TARGET] = { "目标", 16, false, false },
	[C_GROWTH] = { "年均增速（%）", 16, false, false },
	[C_ACTUAL] = { "完成值", 12, false, true },
	[C_STATUS] = { "状态", 13, false, false },
	[C_ATTR] = { "指标属性", 9, false, false },
	[C_EXPECTED] = { "应达值", 10, false, true },
	[C_PROGRESS] = { "进度", 8, false, true },
	[C_BASIS] = { "判断依据", 30, false, false },
	[C_GROWTH_NUM] = { "实际年均增速（%）", 12, true, true },
	[C_YEAR] = { "数据年份", 9, true, true },
	[C_ESTIMATED] = { "预计数", 7, true, false },
	[C_SOURCE] = { "数据来源", 12, true, false },
	[C_CATEGORY] = { "领域", 18, true, false },
	[C_LEAD] = { "牵头单位", 20, true, false },
	[C_WARN] = { "预警", 6, true, false },
	[C_REASON] = { "说明", 24, true, false },
	[C_NOTE] = { "牵头单位说明", 30, true, false },
};

/* The most common baseline year of the rows, else the year before. */
static int baseline_year(const struct pw_evaluation *ev)
{
	size_t i, j, best = 0, bestn = 0;

	for (i = 0; i < ev->ninds; i++) {
		size_t n = 0;

		if (!ev->inds[i].ind->has_baseline || !ev->inds[i].ind->baseline_year)
			continue;
		for (j = 0; j < ev->ninds; j++)
			n += ev->inds[j].ind->baseline_year == ev->inds[i].ind->baseline_year;
		if (n > bestn)
			best = i, bestn = n;
	}
	return bestn ? ev->inds[best].ind->baseline_year : ev->start ? ev->start - 1 : 0;
}

static void completion_heads(struct pw_rtable *t, const struct pw_evaluation *ev)
{
	struct strbuf sb = STRBUF_INIT;
	int by = baseline_year(ev);

	if (by) {
		sb_addf(&sb, "%d年基数", by);
		pw_rtable_set_head(t, C_BASE, sb.buf);
	}
	if (ev->end) {
		sb_reset(&sb);
		sb_addf(&sb, "%d年目标", ev->end);
		pw_rtable_set_head(t, C_TARGET, sb.buf);
	}
	sb_reset(&sb);
	sb_addf(&sb, "%d年完成值", ev->year);
	pw_rtable_set_head(t, C_ACTUAL, sb.buf);
	sb_release(&sb);
}

long pw_rdoc_deciding_target(const struct pw_eval_indicator *e)
{
	size_t i;
	long any = -1;

	for (i = 0; i < e->a.ntargets && i < e->ind->ntargets; i++) {
		if (e->a.targets[i].status == e->a.status)
			return (long)i;
		if (any < 0 && e->a.targets[i].has_actual)
			any = (long)i;
	}
	return any >= 0 ? any : e->a.ntargets ? 0 : -1;
}

/* 应达值 (where the path says the deciding target's measure should be by
 * now), 进度 (the progress ratio as a percentage of it) and the basis of
 * the verdict in words. */
static void set_path_cells(struct pw_rcell *row, const struct pw_evaluation *ev,
			   const struct pw_eval_indicator *e)
{
	long k = pw_rdoc_deciding_target(e);
	const struct pw_target_result *r = k >= 0 ? &e->a.targets[k] : NULL;
	struct strbuf sb = STRBUF_INIT;

	if (r && r->has_expected && !r->worst)
		pw_rcell_num(&row[C_EXPECTED], round(r->expected * 100) / 100);
	else
		pw_rcell_set(&row[C_EXPECTED], "—");
	if (r && r->has_progress) {
		pw_report_percent(&sb, r->progress);
		pw_rcell_set(&row[C_PROGRESS], "%s", sb.buf);
		sb_reset(&sb);
	} else {
		pw_rcell_set(&row[C_PROGRESS], "—");
	}
	if (r)
		pw_report_basis(&sb, &e->ind->targets[k], r, e->start ? e->start : ev->start);
	pw_rcell_set(&row[C_BASIS], "%s", sb.len ? sb.buf : "—");
	sb_release(&sb);
}

static void completion_row(struct pw_rtable *t, const struct pw_evaluation *ev,
			   const struct pw_eval_indicator *e)
{
	const struct pw_indicator *ind = e->ind;
	struct pw_rcell *row = pw_rtable_add_row(t);
	char *name = pw_report_ind_name(ind);

	pw_rcell_set(&row[C_NO], "%s", ind->no ? ind->no : "");
	pw_rcell_set(&row[C_NAME], "%s", name);
	pw_rcell_set(&row[C_UNIT], "%s", ind->unit ? ind->unit : "");
	if (ind->has_baseline)
		pw_rcell_num(&row[C_BASE], ind->baseline);
	else
		pw_rcell_set(&row[C_BASE], "—");
	pw_rdoc_targets_cell(&row[C_TARGET], e, false);
	set_growth_cell(&row[C_GROWTH], e);
	set_actual_cell(&row[C_ACTUAL], e, ev->year);
	pw_rdoc_status_cell(&row[C_STATUS], e->a.status, e->a.provisional);
	pw_rcell_set(&row[C_ATTR], "%s", attr_label(ind->attribute));
	if (e->has_growth)
		pw_rcell_num(&row[C_GROWTH_NUM], e->growth);
	if (e->has_latest)
		pw_rcell_num(&row[C_YEAR], e->latest_year);
	pw_rcell_set(&row[C_ESTIMATED], "%s", e->has_latest && e->latest_estimated ? "是" : "");
	pw_rcell_set(&row[C_SOURCE], "%s", e->source == PW_EVAL_OBSERVED ? "监测数据"
					   : e->source == PW_EVAL_TABLE ? "规划文本表格" : "");
	pw_rcell_set(&row[C_CATEGORY], "%s", ind->category ? ind->category : "");
	pw_rcell_set(&row[C_LEAD], "%s", e->lead_unit ? e->lead_unit : "");
	pw_rcell_set(&row[C_WARN], "%s",
		     e->at_risk && ind->attribute == PW_ATTR_BINDING ? "预警" : "");
	set_reason_cell(&row[C_REASON], e);
	set_path_cells(row, ev, e);
	pw_rcell_set(&row[C_NOTE], "%s", e->note ? e->note : "");
	free(name);
}

/* A category row (一、经济发展) where the category changes. */
static void completion_category(struct pw_rtable *t, const struct pw_eval_indicator *e,
				const char **last, int *nth)
{
	struct strbuf sb = STRBUF_INIT;
	const char *cat = e->ind->category;

	if (!cat || (*last && !strcmp(*last, cat)))
		return;
	*last = cat;
	pw_eval_cn_number(&sb, ++*nth);
	sb_addf(&sb, "、%s", cat);
	pw_rtable_add_span(t, sb.buf);
	sb_release(&sb);
}

/* A plan table's title as a caption after "表　": without its own number
 * ("表2 “十四五”…" → "“十四五”…"), which would read "表　表2". */
static const char *caption_title(const char *title)
{
	const char *s = title;

	if (strncmp(s, "表", strlen("表")))
		return title;
	s += strlen("表");
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return title;
	while (*s >= '0' && *s <= '9')
		s++;
	while (*s == ' ')
		s++;
	return *s ? s : title;
}

void pw_rdoc_completion(struct pw_rdoc *d)
{
	if (!d->ev->ninds)
		return;
	pw_rdoc_section(d, "主要指标完成情况", false);
	pw_rdoc_completion_table(d, NULL);
	pw_rdoc_add(d, PW_RB_CHARTS, 0, "主要指标走势（基数至目标的规划路径与实际值）");
}

void pw_rdoc_completion_table(struct pw_rdoc *d, const char *caption)
{
	const struct pw_evaluation *ev = d->ev;
	struct pw_rtable *t;
	const char *last = NULL;
	size_t i, table = (size_t)-1;
	int nth = 0;

	t = pw_rtable_new("主要指标完成情况", completion_cols, C_NCOLS);
	completion_heads(t, ev);
	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[i];

		if (e->table != table && table != (size_t)-1) {
			const char *title = ev->plan->tables[e->table].title;

			pw_rtable_add_span(t, title ? title : "");
			last = NULL;
			nth = 0;
		}
		table = e->table;
		completion_category(t, e, &last, &nth);
		completion_row(t, ev, e);
	}
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　%s", caption ? caption
		    : ev->subject ? caption_title(ev->subject) : "主要指标完成情况");
	d->main_table = d->nblocks;
	pw_rdoc_add_table(d, t);
}

/* ---- 三、滞后和未完成指标（预警） ----------------------------------------- */

static const struct pw_rcol_spec risk_cols[] = {
	{ "序号", 6, false, false },    { "指标名称", 30, false, false },
	{ "指标属性", 9, false, false }, { "完成值", 12, false, true },
	{ "目标", 16, false, false },    { "状态", 12, false, false },
	{ "牵头单位", 20, false, false }, { "预警", 6, false, false },
};

static void risk_row(struct pw_rtable *t, const struct pw_evaluation *ev,
		     const struct pw_eval_indicator *e)
{
	struct pw_rcell *row = pw_rtable_add_row(t);
	char *name = pw_report_ind_name(e->ind);
	bool warn = e->ind->attribute == PW_ATTR_BINDING;

	pw_rcell_set(&row[0], "%s", e->ind->no ? e->ind->no : "");
	pw_rcell_set(&row[1], "%s", name);
	pw_rcell_set(&row[2], "%s", attr_label(e->ind->attribute));
	set_actual_cell(&row[3], e, ev->year);
	pw_rdoc_targets_cell(&row[4], e, false);
	if (!strcmp(row[4].text, "—"))
		pw_rdoc_targets_cell(&row[4], e, true);
	pw_rdoc_status_cell(&row[5], e->a.status, e->a.provisional);
	pw_rcell_set(&row[6], "%s", e->lead_unit ? e->lead_unit : "未明确");
	pw_rcell_set(&row[7], "%s", warn ? "★预警" : "");
	row[7].style = warn ? PW_RS_BAD : PW_RS_PLAIN;
	free(name);
}

void pw_rdoc_at_risk(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct pw_rtable *t;
	size_t i;

	if (!ev->ninds)
		return;
	pw_rdoc_section(d, "滞后和未完成指标（预警）", false);
	t = pw_rtable_new("滞后和未完成", risk_cols, NELEM(risk_cols));
	for (i = 0; i < ev->ninds; i++)
		if (ev->inds[ev->order[i]].at_risk)
			risk_row(t, ev, &ev->inds[ev->order[i]]);
	if (!t->nrows) {
		pw_rtable_free(t);
		pw_rdoc_add(d, PW_RB_PARA, 0, "没有滞后或未完成的指标。");
		return;
	}
	pw_rdoc_add(d, PW_RB_PARA, 0,
		    "以下%zu项指标滞后或未完成，约束性指标在前并列为预警，请牵头单位说明原因、提出措施。",
		    t->nrows);
	pw_rdoc_add_table(d, t);
}

/* ---- 四、规划文本中的量化目标 ----------------------------------------------- */

static const struct pw_rcol_spec prose_cols[] = {
	{ "序号", 6, false, false },     { "章节", 24, false, false },
	{ "目标", 48, false, false },     { "最新值", 10, false, true },
	{ "状态", 12, false, false },     { "牵头单位", 18, false, false },
	{ "原文行号", 8, true, true },    { "目标值", 10, true, true },
	{ "单位", 8, true, false },       { "目标类型", 10, true, false },
};

static void prose_row(struct pw_rtable *t, const struct pw_eval_target *e, size_t n)
{
	struct pw_rcell *row = pw_rtable_add_row(t);
	const struct pw_prose_target *pt = e->t;

	pw_rcell_num(&row[0], (double)n);
	pw_rcell_set(&row[1], "%s", e->chapter ? e->chapter : "");
	if (pt->subject && (!pt->t.text || !strstr(pt->t.text, pt->subject)))
		pw_rcell_set(&row[2], "%s%s%s", pt->subject, pt->t.text ? "：" : "",
			     pt->t.text ? pt->t.text : "");
	else /* the sentence names its subject already */
		pw_rcell_set(&row[2], "%s", pt->t.text ? pt->t.text : "");
	if (e->has_latest)
		pw_rcell_num(&row[3], e->latest);
	else
		pw_rcell_set(&row[3], "—");
	pw_rdoc_status_cell(&row[4], e->r.status, e->r.provisional);
	pw_rcell_set(&row[5], "%s", e->lead_unit ? e->lead_unit : "");
	pw_rcell_num(&row[6], pt->line);
	if (pt->t.has_value)
		pw_rcell_num(&row[7], pt->t.value);
	pw_rcell_set(&row[8], "%s", pt->unit ? pt->unit : "");
	pw_rcell_set(&row[9], "%s", pw_kind_label(pt->t.kind));
}

void pw_rdoc_prose(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct pw_rtable *t;
	size_t i;

	if (!ev->ntargets)
		return;
	pw_rdoc_section(d, "规划文本中的量化目标进展", false);
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　量化目标按章节统计");
	pw_rdoc_add_table(d, group_table("目标按章节统计", "章节", ev->chapters, ev->nchapters,
					 ev->targets_by_status));
	t = pw_rtable_new("量化目标", prose_cols, NELEM(prose_cols));
	for (i = 0; i < ev->ntargets; i++)
		prose_row(t, &ev->targets[i], i + 1);
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　规划文本中的量化目标");
	pw_rdoc_add_table(d, t);
}

/* ---- 年度计划目标 (docs/annual.md) ------------------------------------------ */

static const struct pw_rcol_spec annual_cols[] = {
	{ "序号", 6, false, false },       { "年度目标", 40, false, false },
	{ "对应规划目标", 26, false, false }, { "规划应达值", 10, false, true },
	{ "衔接情况", 12, false, false },   { "实际", 10, false, true },
	{ "完成情况", 12, false, false },   { "来源", 40, true, false },
	{ "按此前实绩当年所需", 12, true, true },
};

static void annual_row(struct pw_rtable *t, const struct pw_eval_annual *e, size_t n)
{
	struct pw_rcell *row = pw_rtable_add_row(t);

	pw_rcell_num(&row[0], (double)n);
	pw_rcell_set(&row[1], "%s", e->text ? e->text : "");
	if (e->judged)
		pw_rcell_set(&row[2], "%s", e->item ? e->item : "");
	else if (e->link == PW_LINK_AMBIGUOUS)
		pw_rcell_set(&row[2], "待确认（%zu个候选）", e->ncandidates);
	else
		pw_rcell_set(&row[2], "%s", pw_link_status_label(e->link));
	if (e->judged && e->r.has_path)
		pw_rcell_num(&row[3], e->r.path);
	else
		pw_rcell_set(&row[3], "—");
	pw_rcell_set(&row[4], "%s", e->judged ? pw_annual_fit_label(e->r.fit) : "—");
	if (e->judged && e->r.fit == PW_FIT_SHORT)
		row[4].style = PW_RS_BAD;
	if (e->judged && e->r.has_actual)
		pw_rcell_num(&row[5], e->r.actual);
	else
		pw_rcell_set(&row[5], "—");
	if (e->judged)
		pw_rdoc_status_cell(&row[6], e->r.status, false);
	else
		pw_rcell_set(&row[6], "—");
	pw_rcell_set(&row[7], "%s", e->doc ? e->doc : "");
	if (e->judged && e->r.has_needed)
		pw_rcell_num(&row[8], e->r.needed);
}

void pw_rdoc_annual(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	unsigned met = 0, short_ = 0;
	struct pw_rtable *t;
	size_t i;

	size_t n = 0;

	for (i = 0; i < ev->nannual; i++) {
		const struct pw_eval_annual *e = &ev->annual[i];

		if (e->year != ev->year) /* earlier years: the evaluations' series */
			continue;
		n++;
		met += e->judged && e->r.status == PW_STATUS_MET;
		short_ += e->judged && e->r.fit == PW_FIT_SHORT;
	}
	if (!n)
		return;
	pw_rdoc_section(d, "年度计划目标完成情况", false);
	pw_rdoc_add(d, PW_RB_PARA, 0,
		    "%d年政府工作报告和年度计划确定的%zu项量化目标中，已完成%u项；"
		    "%u项年度目标低于五年规划路径当年应达值。",
		    ev->year, n, met, short_);
	t = pw_rtable_new("年度目标", annual_cols, NELEM(annual_cols));
	for (i = 0, n = 0; i < ev->nannual; i++)
		if (ev->annual[i].year == ev->year)
			annual_row(t, &ev->annual[i], ++n);
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　%d年度目标与五年规划的衔接", ev->year);
	pw_rdoc_add_table(d, t);
}

/* ---- 五、专栏重大项目 ------------------------------------------------------- */

static const struct pw_rcol_spec project_cols[] = {
	{ "专栏", 30, false, false },    { "序号", 6, false, false },
	{ "项目", 30, false, false },    { "进展", 10, false, false },
	{ "完成率（%）", 10, false, true }, { "累计完成投资（亿元）", 12, false, true },
	{ "牵头单位", 18, false, false }, { "报告年份", 9, true, true },
	{ "主要进展及说明", 30, false, false },
};

static void project_row(struct pw_rtable *t, const struct pw_eval_item *e)
{
	struct pw_rcell *row = pw_rtable_add_row(t);

	pw_rcell_set(&row[0], "%s", e->column->title ? e->column->title : "");
	pw_rcell_num(&row[1], e->item->no);
	pw_rcell_set(&row[2], "%s", e->item->title ? e->item->title : "");
	pw_rcell_set(&row[3], "%s", pw_report_progress_label(e->status));
	row[3].style = !e->status ? PW_RS_MUTED
		       : !strcmp(e->status, "completed") ? PW_RS_GOOD
		       : !strcmp(e->status, "delayed") || !strcmp(e->status, "suspended")
			       ? PW_RS_BAD : PW_RS_FAIR;
	if (e->has_percent)
		pw_rcell_num(&row[4], e->percent);
	else
		pw_rcell_set(&row[4], "—");
	if (e->has_investment)
		pw_rcell_num(&row[5], e->investment);
	else
		pw_rcell_set(&row[5], "—");
	pw_rcell_set(&row[6], "%s", e->lead_unit ? e->lead_unit : "");
	if (e->year)
		pw_rcell_num(&row[7], e->year);
	pw_rcell_set(&row[8], "%s", e->note ? e->note : "");
}

void pw_rdoc_projects(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct pw_rtable *t;
	size_t i;

	if (!ev->nitems)
		return;
	pw_rdoc_section(d, "专栏重大项目推进情况", false);
	t = pw_rtable_new("专栏项目", project_cols, NELEM(project_cols));
	for (i = 0; i < ev->nitems; i++)
		project_row(t, &ev->items[i]);
	pw_rdoc_add_table(d, t);
}

/* ---- 六、说明 --------------------------------------------------------------- */

void pw_rdoc_notes(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	const struct pw_assess_opts *o = &ev->assess;
	size_t i;

	pw_rdoc_section(d, "说明", false);
	for (i = 0; i < ev->nwarnings; i++)
		pw_rdoc_add(d, PW_RB_BULLET, 0, "%s。", ev->warnings[i]);
	pw_rdoc_add(d, PW_RB_PARA, 0,
		    "评估方法：到达目标年份的目标按完成、未完成判定，“左右”类目标允许目标值%g%%的偏差；"
		    "期中按进度比R（实际进展与按基数至目标的规划路径应有进展之比）判定："
		    "R≥%g为快于预期，%g≤R<%g为基本符合预期，R<%g为滞后，已达到期末目标的为提前实现。"
		    "增速目标按基期至当年的复合年均增长率计算，累计目标按期内累计值与应完成份额比较，"
		    "由上级下达的目标在录入前无法评估。约束性指标滞后或未完成的列为预警。"
		    "各项数值按其填报口径（水平值、当年量、当年增速或降幅、累计值）计算。",
		    o->approx_tol * 100, o->ahead_min, o->on_track_min, o->ahead_min,
		    o->on_track_min);
}
