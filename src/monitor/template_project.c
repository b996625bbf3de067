/*
 * template_project.c - the 专栏 project section of a unit's fill-in sheet
 * (template.h): one row per project the unit leads, with what it reports
 * each year (项目状态, 形象进度, 累计完成投资, milestones in 备注), the
 * project's text and its previous report; and the section as CSV.  The
 * workbook places the same columns (template_xlsx.c); data import reads
 * them back (batch_project.c).
 */
#include "monitor/template.h"
#include "monitor/csv.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>

const char *const pw_template_project_headings[PW_TPC_N] = {
	"project_id", "专栏", "序号", "项目名称", "年份", "项目状态", "形象进度（%）",
	"累计完成投资（亿元）", "来源", "备注", "建设内容", "上年进展",
};

const char pw_template_project_hint[] =
	"专栏重大项目进展：项目状态填未开工、推进中、已完成、延期或暂停；形象进度填0—100的"
	"完成百分比；累计完成投资为自开工至本年底的累计额（亿元）；主要形象进度、里程碑和"
	"存在问题写在备注。";

/* "2022年：推进中，形象进度60%，累计完成投资3亿元" into sb. */
static void last_words(struct strbuf *sb, const struct pw_progress_row *r)
{
	sb_addf(sb, "%d年：%s", r->year, pw_progress_status_label(r->status));
	if (r->has_percent)
		sb_addf(sb, "，形象进度%.4g%%", r->percent);
	if (r->has_investment)
		sb_addf(sb, "，累计完成投资%.15g亿元", r->investment);
}

/* This year's report in force (the head, unless returned) pre-filled, and
 * the latest earlier one in words. */
static int fill_progress(struct pw_store *s, struct pw_template_project *p, int year)
{
	struct pw_progress_row *rows;
	const struct pw_progress_row *last = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n;

	if (pw_store_progress_list(s, p->id, false, &rows, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const struct pw_progress_row *r = &rows[i];

		if (r->state == PW_OBS_RETURNED)
			continue;
		if (r->year < year && (!last || r->year >= last->year))
			last = r;
		if (r->year != year)
			continue;
		p->status = xstrdup(pw_progress_status_label(r->status));
		p->has_percent = r->has_percent;
		p->percent = r->percent;
		p->has_investment = r->has_investment;
		p->investment = r->investment;
		p->source = xstrdup_or_null(r->source);
		p->note = xstrdup_or_null(r->note);
	}
	if (last) {
		last_words(&sb, last);
		p->last = sb_detach(&sb, NULL);
	}
	pw_progress_row_free_array(rows, n);
	return 0;
}

int pw_template_add_project(struct pw_store *s, struct pw_template *t, int64_t item_id)
{
	struct pw_template_project *p;
	struct pw_project_ref r;
	int rc = pw_store_project_ref(s, item_id, &r);

	if (rc < 0)
		return rc == PW_STORE_NOTFOUND ? 0 : -1;
	ALLOC_GROW(t->projects, t->nprojects + 1, t->projects_alloc);
	p = &t->projects[t->nprojects++];
	memset(p, 0, sizeof(*p));
	p->id = item_id;
	p->column_no = r.column_no;
	p->no = r.no;
	/* owned by the row from here */
	p->column = r.column;
	p->title = r.title;
	p->text = r.text;
	return fill_progress(s, p, t->year);
}

void pw_template_project_release(struct pw_template_project *p)
{
	free(p->column);
	free(p->title);
	free(p->text);
	free(p->last);
	free(p->status);
	free(p->source);
	free(p->note);
}

static void add_num(struct strbuf *sb, bool has, double v)
{
	if (has)
		sb_addf(sb, "%.15g", v);
}

static void csv_project(struct strbuf *sb, const struct pw_template_project *p, int year)
{
	sb_addf(sb, "%lld,专栏%d,%d,", (long long)p->id, p->column_no, p->no);
	pw_csv_field(sb, p->title);
	sb_addf(sb, ",%d,", year);
	pw_csv_field(sb, p->status);
	sb_addch(sb, ',');
	add_num(sb, p->has_percent, p->percent);
	sb_addch(sb, ',');
	add_num(sb, p->has_investment, p->investment);
	sb_addch(sb, ',');
	pw_csv_field(sb, p->source);
	sb_addch(sb, ',');
	pw_csv_field(sb, p->note);
	sb_addch(sb, ',');
	pw_csv_field(sb, p->text);
	sb_addch(sb, ',');
	pw_csv_field(sb, p->last);
	sb_addstr(sb, "\r\n");
}

void pw_template_projects_csv(struct strbuf *sb, const struct pw_template *t)
{
	size_t i;

	if (!t->nprojects)
		return;
	/* a comment record (the importer skips it), then the section */
	sb_addf(sb, "\r\n# %s\r\n", pw_template_project_hint);
	for (i = 0; i < PW_TPC_N; i++)
		sb_addf(sb, "%s%s", i ? "," : "", pw_template_project_headings[i]);
	sb_addstr(sb, "\r\n");
	for (i = 0; i < t->nprojects; i++)
		csv_project(sb, &t->projects[i], t->year);
}
