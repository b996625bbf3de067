/*
 * prose_context.c - when a sentence speaks: the past or a target year.
 *
 * Plans and reports open by reviewing what was done ("第一节 …取得决定性
 * 成就", "一、2020年工作回顾"); their numbers are achievements, not targets.
 * A section whose heading names a review (回顾, 成就, 成绩, 发展基础,
 * 完成情况…, or the previous plan “十三五” but not this one) is past up to
 * the next heading of its level or above.  Headings come from the outline
 * reader (pw_plan.sections) and, for those it missed, from the lines (text/
 * para.h).  Outside
 * such sections a sentence is past when it carries a past marker (五年来,
 * 以来, 累计完成, 实现了, the previous plan's name) and no forward-looking
 * word (到2025年, 力争, 确保, 将, the plan's own name), or opens with a year
 * before the plan period.
 *
 * Annual documents (work reports, annual plan reports: no ordinal) open
 * parts with unnumbered title lines (2023年工作回顾 … 2024年工作安排), state
 * this year's figures against last year's (比上年 is past only in a plan
 * for a period), are dated by their date line when their title names no
 * year, and forecast with 预计.
 */
#include "ingest/ingest.h"
#include "ingest/prose_int.h"
#include "ingest/scan.h"
#include "text/para.h"
#include "text/utf8.h"
#include "text/vocab.h"
#include "text/words.h"
#include "util/alloc.h"

#include <string.h>
#include "util/nelem.h"
#include "model/year.h"


/* The level of an unnumbered title line that opens a part of a report
 * (2023年工作回顾): above every numbered heading. */
#define PART_TITLE (-1)

struct head {
	int line;
	int level;
	const char *title;
	size_t title_len;
	bool own; /* found here, not by the outline reader */
};

static bool has_any(const char *s, size_t b, size_t e, const char *const *list, size_t n)
{
	return b < e && pw_words_any(s + b, e - b, list, n);
}

/* 成就 or 成效, unless a goal's 新成就, 新成效. */
static bool names_achievement(const char *t, size_t len)
{
	static const char *const words[] = { "成就", "成效" };
	size_t i;

	for (i = 0; i < len; i++)
		if (pw_words_at(t + i, len - i, words, NELEM(words), NULL) &&
		    !pw_utf8_ends(t, i, "新"))
			return true;
	return false;
}

/* A heading that sets goals: 总体要求, 主要目标, 重点任务. */
static bool goal_title(const char *t, size_t len)
{
	static const char *const words[] = { "要求", "目标", "任务", "思路", "展望" };

	return has_any(t, 0, len, words, NELEM(words));
}

/* Past for sure, whatever else the heading names: 目标完成情况. */
static bool strict_review_title(const char *t, size_t len)
{
	static const char *const words[] = { "回顾", "完成情况", "实施情况", "执行情况",
					     "工作总结" };

	return has_any(t, 0, len, words, NELEM(words));
}

/* A heading about the past only: "发展基础", not "发展基础与总体要求". */
static bool review_title(const char *t, size_t len, const struct pw_plan *p)
{
	static const char *const words[] = { "成绩", "发展基础", "过去", "现状" };
	const char *own = pw_scan_plan_name(p->ordinal);
	const char *prev = pw_scan_plan_name(p->ordinal - 1);

	if (strict_review_title(t, len))
		return true;
	if (goal_title(t, len))
		return false;
	return has_any(t, 0, len, words, NELEM(words)) || names_achievement(t, len) ||
	       (prev && pw_prose_contains(t, 0, len, prev) && !(own && pw_prose_contains(t, 0, len, own)));
}

/* A heading about the setting: 发展环境, 面临形势, 机遇和挑战. */
static bool setting_title(const char *t, size_t len)
{
	static const char *const words[] = { "发展环境", "面临形势", "面临的形势", "发展形势",
					     "机遇和挑战", "机遇与挑战" };

	return !goal_title(t, len) && has_any(t, 0, len, words, NELEM(words));
}

static size_t year_number(const char *s, int *year);

/* A year of the document's own time or later in a heading: 2024年工作安排
 * in a report dated 2024. */
static bool names_own_year(const char *t, size_t len, const struct pw_plan *p)
{
	size_t i, k;
	int year;

	for (i = 0; p->start && i + 4 <= len; i++)
		if ((!i || t[i - 1] < '0' || t[i - 1] > '9') && (k = year_number(t + i, &year)) &&
		    i + k < len && pw_utf8_starts(t + i + k, "年") && year >= p->start)
			return true;
	return false;
}

/* A heading that looks ahead: 今后五年, 下一步, the plan's own name, the
 * document's own year or a later one. */
static bool forward_title(const char *t, size_t len, const struct pw_plan *p)
{
	static const char *const words[] = { "今后", "下一步", "下步", "明年", "今年", "未来",
					     "展望" };
	const char *own = pw_scan_plan_name(p->ordinal);

	return has_any(t, 0, len, words, NELEM(words)) ||
	       (own && pw_prose_contains(t, 0, len, own)) || names_own_year(t, len, p);
}

/* An unnumbered title line that opens a part of a report: a review
 * (2023年工作回顾) or what comes next (2024年工作安排, 主要目标).  Not the
 * document's own title (…执行情况与…计划草案的报告). */
static bool part_title(const char *t, size_t len, const struct pw_plan *p)
{
	static const char *const next[] = { "安排", "计划草案", "总体要求", "主要目标",
					    "预期目标", "重点工作", "主要任务" };

	if (pw_prose_contains(t, 0, len, "报告") ||
	    (p->title && pw_prose_contains(t, 0, len, p->title)))
		return false;
	return strict_review_title(t, len) || forward_title(t, len, p) ||
	       has_any(t, 0, len, next, NELEM(next));
}

/* Ends the part a title line opens: the next such title, or a heading
 * that looks ahead and reviews nothing. */
static bool ends_part(const struct head *h, const struct pw_plan *p)
{
	return h->level < 0 || (!strict_review_title(h->title, h->title_len) &&
				(forward_title(h->title, h->title_len, p) ||
				 (goal_title(h->title, h->title_len) &&
				  !review_title(h->title, h->title_len, p))));
}

static int by_line(const void *a, const void *b)
{
	const struct head *x = a, *y = b;

	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return (x->own > y->own) - (x->own < y->own);
}

/* Sorts by line and keeps one heading per line, the outline reader's. */
static void sort_unique(struct head *h, size_t *n)
{
	size_t i, k = 0;

	qsort(h, *n, sizeof(*h), by_line);
	for (i = 0; i < *n; i++)
		if (!k || h[k - 1].line != h[i].line)
			h[k++] = h[i];
	*n = k;
}

/* Headings from the outline reader, and those it missed that the lines
 * show themselves (pw_para_heading_level()), in line order.  The array is
 * the caller's to free; its titles point into p and d. */
static struct head *collect_heads(const struct pw_doc *d, const struct pw_plan *p,
				  const unsigned char *claimed, size_t *n)
{
	struct head *h = NULL;
	size_t alloc = 0, i;

	*n = 0;
	for (i = 0; i < p->nsections; i++) {
		ALLOC_GROW(h, *n + 1, alloc);
		h[*n].line = p->sections[i].line;
		h[*n].level = (int)p->sections[i].level;
		h[*n].title = p->sections[i].title ? p->sections[i].title : "";
		h[*n].title_len = strlen(h[*n].title);
		h[*n].own = false;
		(*n)++;
	}
	for (i = 0; i < d->nlines; i++) {
		enum pw_para_level lv;

		if (claimed[i] == PW_CLAIM_TABLE || claimed[i] == PW_CLAIM_COLUMN)
			continue;
		lv = pw_para_heading_level(d->lines[i].s);
		if (lv == PW_PARA_TITLE && part_title(d->lines[i].s, d->lines[i].len, p))
			lv = PART_TITLE;
		else if (lv < PW_PARA_PART || lv > PW_PARA_SUBITEM)
			continue;
		ALLOC_GROW(h, *n + 1, alloc);
		h[*n].line = d->lines[i].no;
		h[*n].level = (int)lv;
		h[*n].title = d->lines[i].s;
		h[*n].title_len = d->lines[i].len;
		h[*n].own = true;
		(*n)++;
	}
	if (*n)
		sort_unique(h, n);
	return h;
}

/* Sets the lines numbered from..to-1 (to <= 0: to the end) to v, keeping
 * a stronger mark when keep; d->lines are in input order. */
static void mark_lines(const struct pw_doc *d, unsigned char *past, int from, int to,
		       unsigned char v, bool keep)
{
	size_t lo = 0, hi = d->nlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->lines[mid].no < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < d->nlines && (to <= 0 || d->lines[lo].no < to); lo++)
		if (!keep || past[lo] < v)
			past[lo] = v;
}

/* Index of the first heading after k that is not below it (for a part
 * title: that ends its part, ends_part()), or n. */
static size_t section_end(const struct head *h, size_t n, size_t k, const struct pw_plan *p)
{
	size_t j;

	for (j = k + 1; j < n; j++)
		if (h[k].level == PART_TITLE ? ends_part(&h[j], p) : h[j].level <= h[k].level)
			break;
	return j;
}

static void mark_section(const struct pw_doc *d, unsigned char *past, const struct head *h,
			 size_t n, size_t k, unsigned char v, bool keep, const struct pw_plan *p)
{
	size_t j = section_end(h, n, k, p);

	mark_lines(d, past, h[k].line, j < n ? h[j].line : 0, v, keep);
}

/* Marks a review (PW_PROSE_PAST) or setting (PW_PROSE_SETTING) section,
 * then clears the goal subsections inside it (二、主要目标).  Inside a
 * part that is a review for sure (工作回顾, 执行情况) a subheading that
 * names goals reports on them (就业目标任务圆满完成) unless it looks
 * ahead. */
static void mark_review(const struct pw_doc *d, unsigned char *past, const struct head *h,
			size_t n, size_t k, unsigned char v, const struct pw_plan *p)
{
	size_t j, end = section_end(h, n, k, p);
	bool strict = strict_review_title(h[k].title, h[k].title_len);

	mark_section(d, past, h, n, k, v, true, p);
	for (j = k + 1; j < end; j++)
		if (goal_title(h[j].title, h[j].title_len) &&
		    !strict_review_title(h[j].title, h[j].title_len) &&
		    (!strict || forward_title(h[j].title, h[j].title_len, p)))
			mark_section(d, past, h, n, j, 0, false, p);
}

unsigned char *pw_prose_past_lines(const struct pw_doc *d, const struct pw_plan *p,
				   const unsigned char *claimed)
{
	unsigned char *past = xcalloc(d->nlines ? d->nlines : 1, 1);
	size_t n, k;
	struct head *h = collect_heads(d, p, claimed, &n);

	for (k = 0; k < n; k++) {
		if (review_title(h[k].title, h[k].title_len, p))
			mark_review(d, past, h, n, k, PW_PROSE_PAST, p);
		else if (setting_title(h[k].title, h[k].title_len))
			mark_review(d, past, h, n, k, PW_PROSE_SETTING, p);
	}
	free(h);
	return past;
}

/* ---- years ---- */

static size_t year_number(const char *s, int *year)
{
	size_t k = pw_scan_digits(s, year);

	if (k == 4)
		return pw_text_year(*year) ? k : 0;
	if (k)
		return 0;
	k = pw_scan_cnum(s, year);
	return k == 12 && pw_text_year(*year) ? k : 0;
}

size_t pw_prose_year_phrase(const char *s, int *year)
{
	static const char *const pre[] = { "力争到", "预计到", "截至", "到", "至" };
	static const char *const post[] = { "底", "末", "前" };
	size_t i = 0, k = 0, j;

	for (j = 0; j < NELEM(pre) && !k; j++)
		k = pw_utf8_starts(s, pre[j]);
	i = k + pw_utf8_blanks(s + k);
	if (!(k = year_number(s + i, year)))
		return 0;
	i += k + pw_utf8_blanks(s + i + k);
	if (!(k = pw_utf8_starts(s + i, "年")))
		return 0;
	i += k;
	for (j = 0, k = 0; j < NELEM(post) && !k; j++)
		k = pw_utf8_starts(s + i, post[j]);
	return i + k;
}

#define DATE_LINES 12 /* non-blank lines at the top searched for a date */

/* The year of a date (2024年2月26日) in the document's top lines, 0 if
 * none: the day a report was delivered, which dates "this year". */
int pw_prose_report_year(const struct pw_doc *d)
{
	size_t i, j, k, seen = 0;
	int year, month;

	for (i = 0; i < d->nlines && seen < DATE_LINES; i++) {
		const char *l = d->lines[i].s;

		if (!d->lines[i].len)
			continue;
		seen++;
		for (j = 0; j < d->lines[i].len; j++) {
			if (!(k = year_number(l + j, &year)) || (j && l[j - 1] >= '0' && l[j - 1] <= '9'))
				continue;
			if (!pw_utf8_starts(l + j + k, "年"))
				continue;
			k += pw_utf8_starts(l + j + k, "年");
			if (pw_scan_digits(l + j + k, &month) && month >= 1 && month <= 12)
				return year;
		}
	}
	return 0;
}

static bool plan_year(const char *s, const struct pw_plan *p, int *year)
{
	return pw_prose_year_phrase(s, year) && (!p->start || *year >= p->start);
}

/* The year of a phrase at the start of [b, e) or after a 到/至 in it: one
 * pass, as a sentence may hold many 到 (达到) and be long (a document
 * without sentence ends is one sentence). */
int pw_prose_sentence_year(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	static const char *const until[] = { "到", "至" };
	size_t i = b + pw_utf8_blanks(s + b);
	int year;

	if (i < e && plan_year(s + i, p, &year))
		return year;
	for (; i < e; i += pw_utf8_len(s + i))
		if (pw_words_at(s + i, e - i, until, NELEM(until), NULL) && plan_year(s + i, p, &year))
			return year;
	return 0;
}

/* ---- past sentences ---- */

static const char *const past_words[] = {
	"以来", "年来", "过去", "截至", "截止", "已", "超额完成", "累计完成",
	"实现了", "取得了", "完成了", "达到了", "建成了", "同比", "目前", "现有",
};

/* Words that report a result in a plan for a period but state this year's
 * figures in an annual document (年度完成投资1500亿元, 比上年增加). */
static const char *const period_past_words[] = { "比上年", "完成投资" };

/* 去年 as the time of the sentence, not a base (比去年, 较去年, 高于去年). */
static bool names_last_year(const char *s, size_t b, size_t e)
{
	static const char *const base[] = { "比", "较", "于" };
	const char *at;
	size_t pos, i;

	for (at = b < e ? memmem(s + b, e - b, "去年", strlen("去年")) : NULL; at;
	     at = memmem(at + 1, e - (size_t)(at + 1 - s), "去年", strlen("去年"))) {
		pos = (size_t)(at - s);
		for (i = 0; i < NELEM(base) && !pw_utf8_ends(s + b, pos - b, base[i]); i++)
			;
		if (i == NELEM(base))
			return true;
	}
	return false;
}

/* A change or a total that has happened: any such word of text/vocab.h
 * before 了 (下降了, 降低了, 增长了, 新增了). */
static bool names_done_change(const char *s, size_t b, size_t e)
{
	const unsigned mask = PW_VOCAB_CHANGE | PW_VOCAB_BIT(PW_VOCAB_CUMULATIVE);

	return b < e && pw_vocab_in_before(s + b, e - b, mask, "了");
}

static const char *const future_words[] = {
	"力争", "确保", "将", "计划", "预计", "预期", "目标", "争取", "届时", "今后", "未来",
	"今年", "明年", "全年",
};

/* Opens with a year before the plan period: "2020年，…", "特别是2020年". */
static bool opens_with_past_year(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	static const char *const lead[] = { "特别是", "截至", "截止", "在" };
	size_t i = b + pw_utf8_blanks(s + b), j, k = 0;
	int year;

	for (j = 0; j < NELEM(lead) && !k; j++)
		k = pw_utf8_starts(s + i, lead[j]);
	i += k;
	if (!p->start || i >= e || !pw_prose_year_phrase(s + i, &year))
		return false;
	return year < p->start;
}

/* The previous plan named as the time of the sentence, not as a base it is
 * compared with (比“十三五”末提高, 高于“十三五”时期). */
static bool names_previous_plan(const char *s, size_t b, size_t e, const char *prev)
{
	static const char *const base[] = { "比", "较", "于" };
	const char *at = prev ? memmem(s + b, e - b, prev, strlen(prev)) : NULL;
	size_t i, k, pos;

	for (; at; at = memmem(at + 1, e - (size_t)(at + 1 - s), prev, strlen(prev))) {
		pos = (size_t)(at - s);
		pos -= pw_utf8_ends(s + b, pos - b, "“");
		for (i = 0, k = 0; i < NELEM(base) && !k; i++)
			k = pw_utf8_ends(s + b, pos - b, base[i]);
		if (!k)
			return true;
	}
	return false;
}

bool pw_prose_sentence_future(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	const char *own = pw_scan_plan_name(p->ordinal);

	return has_any(s, b, e, future_words, NELEM(future_words)) ||
	       (own && pw_prose_contains(s, b, e, own)) || pw_prose_sentence_year(s, b, e, p);
}

/* A forward-looking word strong enough to outweigh a result in a section
 * on the setting: not 目标 ("规划目标任务胜利完成") nor 预计. */
static bool strongly_future(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	static const char *const words[] = { "力争", "确保", "将", "计划", "争取", "届时",
					     "今后", "未来", "要" };
	const char *own = pw_scan_plan_name(p->ordinal);

	return has_any(s, b, e, words, NELEM(words)) || (own && pw_prose_contains(s, b, e, own)) ||
	       pw_prose_sentence_year(s, b, e, p);
}

bool pw_prose_sentence_setting_past(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	static const char *const words[] = { "已", "突破", "达到", "超过", "完成", "实现",
					     "跃上", "迈上", "取得" };

	return has_any(s, b, e, words, NELEM(words)) && !strongly_future(s, b, e, p);
}

bool pw_prose_sentence_past(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	bool past = has_any(s, b, e, past_words, NELEM(past_words)) || names_done_change(s, b, e) ||
		    names_last_year(s, b, e) ||
		    (p->ordinal && has_any(s, b, e, period_past_words, NELEM(period_past_words))) ||
		    names_previous_plan(s, b, e, pw_scan_plan_name(p->ordinal - 1));

	return (past && !pw_prose_sentence_future(s, b, e, p)) ||
	       opens_with_past_year(s, b, e, p);
}

/* ---- spans ahead in an annual document ---- */

/* 今后五年, “十四五”期间: a span of years ahead that names no year.  In an
 * annual document such a sentence restates the five-year plan (今后五年，
 * 全区地区生产总值年均增长7%左右), so its numbers are not the year's. */
static bool names_span_ahead(const char *s, size_t b, size_t e)
{
	static const char *const words[] = {
		"今后五年", "未来五年", "今后一个时期", "今后一段时期", "五年内", "五年间",
		"五”期间", "五”时期", "五”末", "五\"期间", "五\"时期", "五\"末",
		"五期间", "五时期", "五」期间", "五」时期",
	};

	return has_any(s, b, e, words, NELEM(words));
}

bool pw_prose_sentence_span_ahead(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	return p->doc_kind == PW_DOC_ANNUAL && !pw_prose_sentence_year(s, b, e, p) &&
	       names_span_ahead(s, b, e);
}

/* ---- forecasts ---- */

bool pw_prose_sentence_forecast(const char *s, size_t b, size_t e, const struct pw_plan *p)
{
	static const char *const policy[] = { "力争", "确保", "争取", "要", "将" };
	size_t i = b + pw_utf8_blanks(s + b), k;
	int year;

	if (i >= e || !(k = pw_utf8_starts(s + i, "预计")))
		return false;
	i += k + pw_utf8_blanks(s + i + k);
	if (pw_prose_year_phrase(s + i, &year) && plan_year(s + i, p, &year))
		return false; /* 预计到2025年: a goal */
	return !has_any(s, i, e, policy, NELEM(policy));
}

/* A cohort that the plan forecasts rather than sets: graduates, births. */
static bool names_cohort(const char *subject)
{
	static const char *const words[] = { "毕业生", "考生", "新生儿", "出生人口", "新成长劳动力",
					     "退役军人", "离校" };
	size_t i;

	for (i = 0; subject && i < NELEM(words); i++)
		if (strstr(subject, words[i]))
			return true;
	return false;
}

bool pw_prose_forecast(const char *s, size_t lo, size_t hi, const struct pw_prose_trigger *t,
		       const char *subject, int year, const struct pw_plan *p)
{
	/* a total (新增, 累计: text/vocab.h) is a policy word too */
	static const char *const policy[] = { "力争", "确保", "争取", "控制", "培训",
					      "帮扶", "吸纳", "安置" };

	if (year)
		return false;
	/* a clause that opens with 预计 (预计今年…达到4000人) */
	if (lo < hi && pw_utf8_starts(s + lo + pw_utf8_blanks(s + lo), "预计"))
		return !has_any(s, lo, hi, policy, NELEM(policy)) && !strongly_future(s, lo, hi, p);
	if (t->role != PW_PR_LEVEL || !names_cohort(subject))
		return false;
	return !has_any(s, lo, hi, policy, NELEM(policy)) &&
	       !(lo < hi && pw_vocab_in(s + lo, hi - lo, PW_VOCAB_BIT(PW_VOCAB_CUMULATIVE))) &&
	       !strongly_future(s, lo, hi, p);
}
