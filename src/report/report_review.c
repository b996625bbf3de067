/*
 * report_review.c - the mid-term (中期评估报告) and final (总结评估报告)
 * evaluation as documents of their own, laid out once for every format
 * (report.h): an overall judgement with its counts (a draft for the
 * office to revise), the indicators with their series from the base year
 * to the evaluation year, 应达值, 进度 and the basis of each verdict in
 * words (the final report in 表1's layout), progress chapter by chapter
 * (the prose targets and 专栏 projects of each chapter), the problems with
 * the lead units' own reasons, next steps (a draft), the method, and the
 * full table as 附表.
 */
#include "eval/eval_int.h"
#include "eval/policy.h"
#include "report/report_int.h"
#include "util/nelem.h"
#include "util/alloc.h"

#include <math.h>
#include <string.h>

#define MAX_YEARS 12 /* year columns of the series table */

static bool is_final(const struct pw_evaluation *ev)
{
	return ev->kind == PW_REPORT_FINAL;
}

#define N(a) NELEM(a)

/* 总体符合预期 / 总体符合预期，部分指标进展滞后 / 进展滞后 (mid-term);
 * 总体完成 / 大部分完成 / 完成情况不理想 (final): from the counts, by the
 * table of eval/policy.c. */
static const char *verdict(const struct pw_evaluation *ev)
{
	return pw_policy_verdict(is_final(ev), ev->by_status, ev->binding_by_status);
}

static void judgement(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;

	pw_rdoc_section(d, is_final(ev) ? "总体评价" : "总体判断", false);
	sb_addf(&sb, "%s。纳入评估的主要指标%zu项（约束性%u项、预期性%u项），截至%d年", verdict(ev),
		ev->ninds, ev->binding, ev->expected, ev->year);
	pw_rdoc_status_counts(&sb, ev->by_status);
	if (ev->binding) {
		sb_addf(&sb, "；约束性指标");
		pw_rdoc_status_counts(&sb, ev->binding_by_status);
	}
	if (ev->ntargets) {
		sb_addf(&sb, "；规划文本中的量化目标%zu项，", ev->ntargets);
		pw_rdoc_status_counts(&sb, ev->targets_by_status);
	}
	if (ev->nitems)
		sb_addf(&sb, "；专栏重大项目%zu项，已报送进展%u项、已完成%u项", ev->nitems,
			ev->items_reported, ev->items_completed);
	pw_rdoc_draft(d, "%s。", sb.buf);
	if (ev->pending || ev->drafts)
		pw_rdoc_add(d, PW_RB_PARA, 0, "另有%u个数值待审核、%u个数值尚未报送，均未计入本报告。",
			    ev->pending, ev->drafts);
	sb_release(&sb);
}

/* ---- the indicators: series, 应达值, 进度, basis ---------------------------- */

/* The year the series starts from: the most common baseline year, else
 * the year before the period. */
static int base_year(const struct pw_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->ninds; i++)
		if (ev->inds[i].ind->has_baseline && ev->inds[i].ind->baseline_year)
			return ev->inds[i].ind->baseline_year;
	return ev->start ? ev->start - 1 : ev->year - 1;
}

/* The value of e in year y: its observation, else its baseline for the
 * base year. */
static bool value_in(const struct pw_eval_indicator *e, int y, int by, double *v)
{
	size_t i;

	for (i = 0; i < e->nobs; i++)
		if (e->obs[i].year == y) {
			*v = e->obs[i].value;
			return true;
		}
	if (y == by && e->ind->has_baseline) {
		*v = e->ind->baseline;
		return true;
	}
	return false;
}

enum { S_NO, S_NAME, S_UNIT, S_ATTR, S_FIXED };

/* The columns: fixed, base year and the years of the period to the
 * evaluation year, then 目标, 应达值, 进度, 状态, 判断依据. */
static struct pw_rtable *series_table(const struct pw_evaluation *ev, int by, int last)
{
	static const char *const tail[] = { "目标", "应达值", "进度", "状态", "判断依据" };
	static const unsigned tail_w[] = { 14, 9, 7, 11, 30 };
	struct pw_rcol_spec cols[S_FIXED + MAX_YEARS + N(tail)] = {
		{ "序号", 5, false, false }, { "指标名称", 22, false, false },
		{ "单位", 7, false, false }, { "属性", 6, false, false },
	};
	char heads[MAX_YEARS][16];
	size_t n = S_FIXED, i;
	int y;

	for (y = by; y <= last && n < S_FIXED + MAX_YEARS; y++, n++) {
		snprintf(heads[n - S_FIXED], sizeof(heads[0]), "%d年", y);
		cols[n] = (struct pw_rcol_spec){ heads[n - S_FIXED], 8, false, true };
	}
	for (i = 0; i < N(tail); i++)
		cols[n++] = (struct pw_rcol_spec){ tail[i], tail_w[i], false, i == 1 || i == 2 };
	(void)ev;
	return pw_rtable_new("主要指标进展", cols, n);
}

static const char *attr_word(enum pw_attr a)
{
	return a == PW_ATTR_BINDING ? "约束性" : a == PW_ATTR_EXPECTED ? "预期性" : "";
}

static void series_row(struct pw_rtable *t, const struct pw_evaluation *ev,
		       const struct pw_eval_indicator *e, int by, int last)
{
	struct pw_rcell *row = pw_rtable_add_row(t);
	long k = pw_rdoc_deciding_target(e);
	const struct pw_target_result *r = k >= 0 ? &e->a.targets[k] : NULL;
	struct strbuf sb = STRBUF_INIT;
	char *name = pw_report_ind_name(e->ind);
	size_t c = S_FIXED;
	double v;
	int y;

	pw_rcell_set(&row[S_NO], "%s", e->ind->no ? e->ind->no : "");
	pw_rcell_set(&row[S_NAME], "%s", name);
	pw_rcell_set(&row[S_UNIT], "%s", e->ind->unit ? e->ind->unit : "");
	pw_rcell_set(&row[S_ATTR], "%s", attr_word(e->ind->attribute));
	for (y = by; y <= last && c < S_FIXED + MAX_YEARS; y++, c++) {
		if (value_in(e, y, by, &v))
			pw_rcell_num(&row[c], v);
		else
			pw_rcell_set(&row[c], "—");
	}
	pw_rdoc_targets_cell(&row[c], e, false);
	if (!strcmp(row[c].text, "—"))
		pw_rdoc_targets_cell(&row[c], e, true);
	c++;
	if (r && r->has_expected && !r->worst)
		pw_rcell_num(&row[c], round(r->expected * 100) / 100);
	else
		pw_rcell_set(&row[c], "—");
	c++;
	if (r && r->has_progress) {
		pw_report_percent(&sb, r->progress);
		pw_rcell_set(&row[c], "%s", sb.buf);
		sb_reset(&sb);
	} else {
		pw_rcell_set(&row[c], "—");
	}
	c++;
	pw_rdoc_status_cell(&row[c++], e->a.status, e->a.provisional);
	if (r)
		pw_report_basis(&sb, &e->ind->targets[k], r, e->start ? e->start : ev->start);
	pw_rcell_set(&row[c], "%s", sb.len ? sb.buf : "—");
	sb_release(&sb);
	free(name);
}

/* The year's own target (docs/annual.md) as a cell: 6.5左右（未完成）. */
static void annual_cell(struct pw_rcell *c, const struct pw_eval_annual *a)
{
	static const char *const after[] = { "", "", "以上", "以内", "左右", "" };
	const struct pw_target *t = &a->t;
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%g", t->value);
	if (t->cmp == PW_CMP_RANGE && t->has_value_hi)
		sb_addf(&sb, "-%g", t->value_hi);
	else if ((size_t)t->cmp < N(after))
		sb_addstr(&sb, after[t->cmp]);
	if (a->judged && (a->r.status == PW_STATUS_MET || a->r.status == PW_STATUS_NOT_MET))
		sb_addf(&sb, "（%s）", pw_status_label(a->r.status));
	pw_rcell_set(c, "%s", sb.buf);
	sb_release(&sb);
}

/* Under an indicator's series, the targets annual documents set for it
 * year by year (年度目标), when there are any. */
static void annual_series_row(struct pw_rtable *t, const struct pw_evaluation *ev,
			      const struct pw_eval_indicator *e, int by, int last)
{
	struct pw_rcell *row = NULL;
	size_t i, c;

	for (i = 0; i < ev->nannual; i++) {
		const struct pw_eval_annual *a = &ev->annual[i];

		if (a->on != PW_EVAL_ANNUAL_INDICATOR || a->item_id != e->id || !e->id ||
		    !a->t.has_value || a->year < by || a->year > last ||
		    (c = S_FIXED + (size_t)(a->year - by)) >= S_FIXED + MAX_YEARS)
			continue;
		if (!row) {
			row = pw_rtable_add_row(t);
			pw_rcell_set(&row[S_NAME], "　其中：年度目标");
		}
		annual_cell(&row[c], a);
	}
}

/* The series from the base year to the evaluation year, with 应达值, 进度,
 * status and basis. */
static void series(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	int by = base_year(ev), last = ev->year;
	struct pw_rtable *t = series_table(ev, by, last);
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		series_row(t, ev, &ev->inds[i], by, last);
		annual_series_row(t, ev, &ev->inds[i], by, last);
	}
	pw_rdoc_add(d, PW_RB_PARA, 0, "表　主要指标%d—%d年进展", by, last);
	pw_rdoc_add_table(d, t);
}

/* Mid-term: the series in the text, 表1's layout in the appendix; final:
 * 表1's layout (the completion table of the whole period) in the text. */
static void indicators(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	int by = base_year(ev);

	if (!ev->ninds)
		return;
	pw_rdoc_section(d, "主要指标完成情况", false);
	if (is_final(ev)) {
		pw_rdoc_add(d, PW_RB_PARA, 0,
			    "下表按规划纲要主要指标表的格式，列出各项指标的基数、目标、%d年完成值和完成情况，"
			    "并说明每项判断的依据。", ev->year);
		pw_rdoc_completion_table(d, NULL);
	} else {
		pw_rdoc_add(d, PW_RB_PARA, 0,
			    "下表列出各项指标自%d年（基期）至%d年的数值、按规划路径%d年应达到的数值"
			    "（应达值）、实际进展占应达进展的比例（进度）和评估状态，并说明每项判断的依据。",
			    by, ev->year, ev->year);
		series(d);
	}
	pw_rdoc_add(d, PW_RB_CHARTS, 0, "主要指标走势（基数至目标的规划路径与实际值）");
}

/* ---- chapter by chapter ------------------------------------------------------ */

static bool same_chapter(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void target_bullet(struct pw_rdoc *d, const struct pw_evaluation *ev,
			  const struct pw_eval_target *e)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s：%s", e->t->t.text ? e->t->t.text : e->t->subject ? e->t->subject : "",
		pw_status_label(e->r.status));
	if (e->r.provisional)
		sb_addstr(&sb, "（暂定）");
	sb_addstr(&sb, "，");
	pw_report_basis(&sb, &e->t->t, &e->r, ev->start);
	if (e->restates) {
		const struct pw_eval_indicator *i = &ev->inds[e->restates - 1];

		sb_addf(&sb, "（与主要指标第%s项为同一指标，数据同源）", i->ind->no ? i->ind->no : "");
	}
	if (e->note)
		sb_addf(&sb, "。牵头单位说明：%s", e->note);
	pw_rdoc_add(d, PW_RB_BULLET, 0, "%s。", sb.buf);
	sb_release(&sb);
}

static void item_bullet(struct pw_rdoc *d, const struct pw_eval_item *e)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "专栏项目“%s”：%s", e->item->title ? e->item->title : "",
		pw_report_progress_label(e->status));
	if (e->has_percent) {
		sb_addstr(&sb, "，完成");
		pw_report_num(&sb, e->percent, NULL);
		sb_addstr(&sb, "%");
	}
	if (e->has_investment) {
		sb_addstr(&sb, "，累计完成投资");
		pw_report_num(&sb, e->investment, NULL);
		sb_addstr(&sb, "亿元");
	}
	if (e->year)
		sb_addf(&sb, "（%d年报送）", e->year);
	if (e->note && *e->note)
		sb_addf(&sb, "；%s", e->note);
	pw_rdoc_add(d, PW_RB_BULLET, 0, "%s。", sb.buf);
	sb_release(&sb);
}

/* The chapters in the order their first target or project comes. */
static void chapters(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	const char **seen = xcalloc(ev->ntargets + ev->nitems + 1, sizeof(*seen));
	size_t n = 0, i, j, k;

	for (i = 0; i < ev->ntargets + ev->nitems; i++) {
		const char *ch = i < ev->ntargets ? ev->targets[i].chapter
						  : ev->items[i - ev->ntargets].chapter;

		for (j = 0; j < n && !same_chapter(seen[j], ch); j++)
			;
		if (j == n)
			seen[n++] = ch;
	}
	if (n)
		pw_rdoc_section(d, is_final(ev) ? "规划目标任务完成情况" : "规划目标任务推进情况",
				false);
	for (k = 0; k < n; k++) {
		struct strbuf no = STRBUF_INIT;

		pw_eval_cn_number(&no, (int)k + 1);
		pw_rdoc_add(d, PW_RB_HEADING, 2, "（%s）%s", no.buf, seen[k] ? seen[k] : "其他");
		sb_release(&no);
		for (i = 0; i < ev->ntargets; i++)
			if (same_chapter(ev->targets[i].chapter, seen[k]))
				target_bullet(d, ev, &ev->targets[i]);
		for (i = 0; i < ev->nitems; i++)
			if (same_chapter(ev->items[i].chapter, seen[k]))
				item_bullet(d, &ev->items[i]);
	}
	free(seen);
}

/* ---- problems and next steps ------------------------------------------------- */

static bool target_at_risk(const struct pw_eval_target *e)
{
	return pw_eval_status_at_risk(e->r.status) && !e->restates;
}

static void problems(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	pw_rdoc_section(d, "存在的主要问题", false);
	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[ev->order[i]];
		long k = pw_rdoc_deciding_target(e);
		char *name;

		if (!e->at_risk)
			continue;
		name = pw_report_ind_name(e->ind);
		sb_reset(&sb);
		sb_addf(&sb, "%s（%s指标，牵头单位：%s）%s，", name, attr_word(e->ind->attribute),
			e->lead_unit ? e->lead_unit : "未明确", pw_status_label(e->a.status));
		if (k >= 0)
			pw_report_basis(&sb, &e->ind->targets[k], &e->a.targets[k],
					e->start ? e->start : ev->start);
		sb_addf(&sb, "。牵头单位说明：%s", e->note ? e->note : "尚未说明原因");
		pw_rdoc_add(d, PW_RB_BULLET, 0, "%s。", sb.buf);
		free(name);
		n++;
	}
	for (i = 0; i < ev->ntargets; i++)
		if (target_at_risk(&ev->targets[i])) {
			target_bullet(d, ev, &ev->targets[i]);
			n++;
		}
	if (!n)
		pw_rdoc_add(d, PW_RB_PARA, 0, "截至%d年，未发现滞后或未完成的指标和目标。", ev->year);
	sb_release(&sb);
}

/* Next steps, by lead unit, from what the units said about their lagging
 * indicators: a draft. */
static void next_steps(struct pw_rdoc *d)
{
	const struct pw_evaluation *ev = d->ev;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	pw_rdoc_section(d, is_final(ev) ? "经验启示和下一步建议" : "下一步工作", false);
	pw_rdoc_draft(d, "%s", is_final(ev)
		      ? "对未完成的指标，分析原因并在下一个五年规划中统筹衔接；对完成较好的领域，总结经验、巩固成果。"
		      : "对滞后指标逐项压实牵头单位责任，在后半程加大推进力度，确保规划目标如期实现。");
	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[ev->order[i]];
		char *name;

		if (!e->at_risk)
			continue;
		name = pw_report_ind_name(e->ind);
		sb_reset(&sb);
		sb_addf(&sb, "%s：针对%s%s，%s", e->lead_unit ? e->lead_unit : "牵头单位（未明确）",
			name, pw_status_label(e->a.status),
			e->note ? "按其说明落实措施（" : "请提出具体措施");
		if (e->note)
			sb_addf(&sb, "%s）", e->note);
		pw_rdoc_draft(d, "%s。", sb.buf);
		free(name);
	}
	sb_release(&sb);
}

void pw_rdoc_review(struct pw_rdoc *d)
{
	judgement(d);
	indicators(d);
	chapters(d);
	problems(d);
	next_steps(d);
	pw_rdoc_notes(d);
	if (!d->ev->ninds)
		return;
	if (is_final(d->ev)) {
		pw_rdoc_section(d, "附表　主要指标逐年数值", true);
		series(d);
	} else {
		pw_rdoc_section(d, "附表　主要指标完成情况明细", true);
		pw_rdoc_completion_table(d, "主要指标完成情况明细");
	}
}
