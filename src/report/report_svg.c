/*
 * report_svg.c - inline SVG charts: the status bar of a report's summary
 * and one small chart per indicator: the planned path from baseline to
 * target (dashed), the target value (a dotted red line) and the actual
 * values (solid, in the status colour), on an axis with round ticks (1, 2,
 * 2.5 or 5 times a power of ten), followed by the chart's numbers in a
 * table.  A cumulative target of yearly amounts is drawn as the running
 * total against the share due.  Inline SVG (no xmlns needed inside HTML5)
 * with <title> tooltips: no script, no external reference.
 */
#include "report/report_svg.h"
#include "report/report_int.h"

#include <math.h>
#include "util/nelem.h"

#define CW 340.0 /* chart width and height, and the plot margins */
#define CH 190.0
#define ML 52.0
#define MR 14.0
#define MT 14.0
#define MB 28.0
#define MAXPTS 64

struct pt {
	double x, y;
};

const char *pw_svg_status_color(enum pw_status s)
{
	switch (pw_rstyle_of(s)) {
	case PW_RS_GOOD: return "#2e7d32";
	case PW_RS_FAIR: return "#1565c0";
	case PW_RS_BAD: return "#c62828";
	default: return "#9e9e9e";
	}
}

/* ---- status bar ---------------------------------------------------------- */

static const enum pw_status bar_order[] = {
	PW_STATUS_MET, PW_STATUS_ACHIEVED_EARLY, PW_STATUS_AHEAD, PW_STATUS_ON_TRACK,
	PW_STATUS_LAGGING, PW_STATUS_NOT_MET, PW_STATUS_NOT_ASSESSABLE, PW_STATUS_NO_DATA,
};

#define NBAR NELEM(bar_order)

/* Statuses that share a colour get lighter shades so each stays visible. */
static const char *bar_opacity(size_t i)
{
	return i == 1 || i == 5 ? "0.75" : i == 2 || i == 7 ? "0.55" : "1";
}

void pw_svg_status_bar(struct strbuf *out, const struct pw_evaluation *ev)
{
	double x = 0, w = 720;
	size_t i;

	if (!ev->ninds)
		return;
	sb_addf(out, "<svg role=\"img\" width=\"100%%\" "
		     "viewBox=\"0 0 %.0f 28\" preserveAspectRatio=\"none\" "
		     "aria-label=\"主要指标评估状态\">\n", w);
	for (i = 0; i < NBAR; i++) {
		unsigned n = ev->by_status[bar_order[i]];
		double dw = w * n / (double)ev->ninds;

		if (!n)
			continue;
		sb_addf(out, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"28\" fill=\"%s\" "
			     "fill-opacity=\"%s\"><title>%s %u项</title></rect>\n", x, dw,
			pw_svg_status_color(bar_order[i]), bar_opacity(i),
			pw_status_label(bar_order[i]), n);
		x += dw;
	}
	sb_addstr(out, "</svg>\n<p class=\"legend\">");
	for (i = 0; i < NBAR; i++)
		if (ev->by_status[bar_order[i]])
			sb_addf(out, "<span><i style=\"background:%s;opacity:%s\"></i>%s %u</span>",
				pw_svg_status_color(bar_order[i]), bar_opacity(i),
				pw_status_label(bar_order[i]), ev->by_status[bar_order[i]]);
	sb_addstr(out, "</p>\n");
}

/* ---- one indicator ------------------------------------------------------- */

static const struct pw_target *first_target(const struct pw_indicator *ind, enum pw_kind k)
{
	size_t i;

	for (i = 0; i < ind->ntargets; i++)
		if (ind->targets[i].kind == k && ind->targets[i].has_value)
			return &ind->targets[i];
	return NULL;
}

static enum pw_series_mode mode_of(const struct pw_eval_indicator *e, enum pw_kind k)
{
	return e->ind->measure != PW_SERIES_AUTO && e->source == PW_EVAL_OBSERVED
		       ? e->ind->measure : pw_assess_series_mode(e->ind, k);
}

/* A cumulative target over yearly amounts (城镇新增就业 [5]): drawn as the
 * running total. */
static const struct pw_target *running_total(const struct pw_eval_indicator *e)
{
	const struct pw_target *t = first_target(e->ind, PW_KIND_CUMULATIVE);

	return t && mode_of(e, PW_KIND_CUMULATIVE) == PW_SERIES_FLOW &&
	       e->source == PW_EVAL_OBSERVED ? t : NULL;
}

/* Where a path starts: the baseline (its year, else the year before the
 * period), else the value observed for the year before the period. */
static bool base_point(const struct pw_eval_indicator *e, struct pt *p)
{
	const struct pw_indicator *ind = e->ind;
	size_t i;

	if (ind->has_baseline) {
		*p = (struct pt){ ind->baseline_year ? ind->baseline_year : e->start - 1,
				  ind->baseline };
		return true;
	}
	for (i = 0; i < e->nobs; i++)
		if (e->obs[i].year == e->start - 1) {
			*p = (struct pt){ e->obs[i].year, e->obs[i].value };
			return true;
		}
	return false;
}

/* The goal of the external target set for e (按市定目标执行) and its kind,
 * or false. */
static bool external_goal(const struct pw_eval_indicator *e, double *g, enum pw_kind *kind)
{
	size_t k;

	for (k = 0; e->has_external && k < e->ind->ntargets && k < e->a.ntargets; k++)
		if (e->ind->targets[k].kind == PW_KIND_EXTERNAL && e->a.targets[k].has_goal) {
			*g = e->a.targets[k].goal;
			*kind = e->external_kind;
			return true;
		}
	return false;
}

/* The value the chart draws as the target line, in the units of what is
 * drawn; false when there is none to draw.  A total over the period of
 * yearly rates (单位GDP能耗累计降低14%) is drawn as the yearly rate that
 * reaches it, (1 + G)^(1/n) - 1 over the n years; a relation target as the
 * related indicator's growth. */
static bool target_line(const struct pw_eval_indicator *e, double *g)
{
	const struct pw_indicator *ind = e->ind;
	const struct pw_target *t;
	enum pw_kind xk = PW_KIND_LEVEL;
	struct pt b;
	long k;
	int sign = pw_assess_reduction_sign(ind), n = e->end - e->start + 1;

	if ((t = first_target(ind, PW_KIND_LEVEL)) || (t = running_total(e))) {
		*g = t->value;
		return true;
	}
	if ((t = first_target(ind, PW_KIND_CUMULATIVE)) && base_point(e, &b) &&
	    mode_of(e, PW_KIND_CUMULATIVE) == PW_SERIES_LEVEL) {
		*g = b.y + t->value; /* a share's [2.5] points */
		return true;
	}
	if (t && mode_of(e, PW_KIND_CUMULATIVE) == PW_SERIES_RATE && n > 0) {
		*g = sign * (pow(1 + sign * t->value / 100.0, 1.0 / n) - 1) * 100;
		return true;
	}
	if ((t = first_target(ind, PW_KIND_GROWTH)) &&
	    mode_of(e, PW_KIND_GROWTH) == PW_SERIES_RATE) {
		*g = t->value;
		return true;
	}
	if ((t = first_target(ind, PW_KIND_ANNUAL)) &&
	    mode_of(e, PW_KIND_ANNUAL) != PW_SERIES_LEVEL) {
		*g = t->value;
		return true;
	}
	if (external_goal(e, g, &xk)) {
		if (xk == PW_KIND_CUMULATIVE && mode_of(e, xk) == PW_SERIES_RATE && n > 0)
			*g = sign * (pow(1 + sign * *g / 100.0, 1.0 / n) - 1) * 100;
		return xk != PW_KIND_CUMULATIVE || mode_of(e, xk) != PW_SERIES_FLOW;
	}
	k = pw_rdoc_deciding_target(e);
	if (k >= 0 && ind->targets[k].kind == PW_KIND_RELATION && e->a.targets[k].has_related) {
		*g = e->a.targets[k].related;
		return true;
	}
	return false;
}

static size_t plan_path_of(const struct pw_eval_indicator *e, struct pt *p);

/* The planned path; where none follows from a baseline, the target value
 * held over the period (a rate compared year by year, a ceiling kept):
 * every indicator with a target has one. */
static size_t plan_path(const struct pw_eval_indicator *e, struct pt *p)
{
	size_t n = plan_path_of(e, p);
	double g;

	if (n || !target_line(e, &g) || e->end < e->start)
		return n;
	p[0] = (struct pt){ e->start, g };
	p[1] = (struct pt){ e->end, g };
	return 2;
}

/* The planned path: a straight line to a level target (or to a share's
 * cumulative change), from 0 to a total of yearly amounts, compound growth
 * for a growth target, or a flat line for a rate compared year by year. */
static size_t plan_path_of(const struct pw_eval_indicator *e, struct pt *p)
{
	const struct pw_indicator *ind = e->ind;
	const struct pw_target *t = first_target(ind, PW_KIND_LEVEL);
	bool base = ind->has_baseline && ind->baseline_year;
	enum pw_kind xk = PW_KIND_LEVEL;
	struct pt b;
	double g;
	int y, ty;
	size_t n = 0;

	if ((t = running_total(e)) != NULL) {
		ty = t->year ? t->year : e->end;
		p[0] = (struct pt){ e->start - 1, 0 };
		p[1] = (struct pt){ ty, t->value };
		return ty > e->start - 1 ? 2 : 0;
	}
	t = first_target(ind, PW_KIND_LEVEL);
	if (base_point(e, &b) && ((!t && (t = first_target(ind, PW_KIND_CUMULATIVE)) &&
				   mode_of(e, PW_KIND_CUMULATIVE) == PW_SERIES_LEVEL) ||
				  (!t && external_goal(e, &g, &xk) && xk == PW_KIND_LEVEL &&
				   mode_of(e, xk) == PW_SERIES_LEVEL) || t) &&
	    target_line(e, &g)) {
		ty = t && t->year ? t->year : e->end;
		p[0] = b;
		p[1] = (struct pt){ ty, g };
		return ty > b.x ? 2 : 0;
	}
	t = first_target(ind, PW_KIND_LEVEL);
	if (t && base) {
		ty = t->year ? t->year : e->end;
		p[0] = (struct pt){ ind->baseline_year, ind->baseline };
		p[1] = (struct pt){ ty, t->value };
		return ty > ind->baseline_year ? 2 : 0;
	}
	t = first_target(ind, PW_KIND_GROWTH);
	if (!t)
		return 0;
	ty = t->year ? t->year : e->end;
	if (pw_assess_series_mode(ind, PW_KIND_GROWTH) == PW_SERIES_RATE) {
		p[0] = (struct pt){ e->start - 1, t->value };
		p[1] = (struct pt){ ty, t->value };
		return 2;
	}
	if (!base || ty - ind->baseline_year >= MAXPTS)
		return 0;
	for (y = ind->baseline_year; y <= ty; y++)
		p[n++] = (struct pt){ y, ind->baseline *
				      pow(1 + t->value / 100.0, y - ind->baseline_year) };
	return n;
}

size_t pw_svg_plan_path(const struct pw_eval_indicator *e, double *xs, double *ys, size_t max)
{
	struct pt p[MAXPTS];
	size_t n = plan_path(e, p), i;

	for (i = 0; i < n && i < max; i++) {
		xs[i] = p[i].x;
		ys[i] = p[i].y;
	}
	return i;
}

/* The values drawn: the baseline and the observations, or for a total of
 * yearly amounts the running total of the years of the period. */
static size_t actual_points(const struct pw_eval_indicator *e, struct pt *p)
{
	const struct pw_indicator *ind = e->ind;
	bool total = running_total(e) != NULL;
	double sum = 0;
	size_t i, n = 0;

	if (total)
		p[n++] = (struct pt){ e->start - 1, 0 };
	else if (ind->has_baseline && ind->baseline_year)
		p[n++] = (struct pt){ ind->baseline_year, ind->baseline };
	for (i = 0; i < e->nobs && n < MAXPTS; i++) {
		if (total && e->obs[i].year < e->start)
			continue;
		sum += e->obs[i].value;
		if (!n || e->obs[i].year > p[n - 1].x)
			p[n++] = (struct pt){ e->obs[i].year, total ? sum : e->obs[i].value };
	}
	return n;
}

struct frame {
	double x0, x1, y0, y1;
};

static void frame_fit(struct frame *f, const struct pt *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		f->x0 = fmin(f->x0, p[i].x);
		f->x1 = fmax(f->x1, p[i].x);
		f->y0 = fmin(f->y0, p[i].y);
		f->y1 = fmax(f->y1, p[i].y);
	}
}

/* A round step near span/4: 1, 2, 2.5 or 5 times a power of ten. */
static double nice_step(double span)
{
	static const double m[] = { 1, 2, 2.5, 5, 10 };
	double raw = span / 4, p = pow(10, floor(log10(raw)));
	size_t i;

	for (i = 0; i < NELEM(m) - 1 && m[i] * p < raw; i++)
		;
	return m[i] * p;
}

/* The y axis from a multiple of the step below the data to one above
 * (with a margin), so that every tick is a round number. */
static void frame_pad(struct frame *f, double *step)
{
	double span = f->y1 - f->y0, lo, hi;

	if (span <= 0)
		span = fabs(f->y1) > 0 ? fabs(f->y1) * 0.2 : 1;
	*step = nice_step(span * 1.2);
	lo = floor((f->y0 - span * 0.05) / *step) * *step;
	hi = ceil((f->y1 + span * 0.05) / *step) * *step;
	if (lo < 0 && f->y0 >= 0)
		lo = 0; /* no negative axis for positive data */
	f->y0 = lo;
	f->y1 = hi > lo ? hi : lo + *step;
	if (f->x1 <= f->x0)
		f->x1 = f->x0 + 1;
}

static double sx(const struct frame *f, double x)
{
	return ML + (x - f->x0) / (f->x1 - f->x0) * (CW - ML - MR);
}

static double sy(const struct frame *f, double y)
{
	return CH - MB - (y - f->y0) / (f->y1 - f->y0) * (CH - MT - MB);
}

static void axes(struct strbuf *out, const struct frame *f, double ystep)
{
	int k, n = (int)round((f->y1 - f->y0) / ystep), step = (int)(f->x1 - f->x0) > 10 ? 2 : 1;
	double x;

	for (k = 0; k <= n && k <= 20; k++) {
		double v = f->y0 + ystep * k, y = sy(f, v);

		sb_addf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			     "stroke=\"#eeeeee\"/>", ML, y, CW - MR, y);
		sb_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", ML - 4, y + 4);
		pw_report_num(out, fabs(v) < ystep * 1e-6 ? 0 : v, NULL);
		sb_addstr(out, "</text>\n");
	}
	for (x = f->x0; x <= f->x1 + 1e-9; x += step)
		sb_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>",
			sx(f, x), CH - MB + 16, x);
	sb_addf(out, "\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9e9e9e\"/>\n",
		ML, CH - MB, CW - MR, CH - MB);
}

static void polyline(struct strbuf *out, const struct frame *f, const struct pt *p, size_t n,
		     const char *attrs)
{
	size_t i;

	sb_addstr(out, "<polyline fill=\"none\" points=\"");
	for (i = 0; i < n; i++)
		sb_addf(out, "%s%.1f,%.1f", i ? " " : "", sx(f, p[i].x), sy(f, p[i].y));
	sb_addf(out, "\" %s/>\n", attrs);
}

static void dots(struct strbuf *out, const struct frame *f, const struct pt *p, size_t n,
		 const char *color, const char *unit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sb_addf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%.0f年 ",
			sx(f, p[i].x), sy(f, p[i].y), color, p[i].x);
		pw_report_num(out, p[i].y, NULL);
		pw_report_xml_escape(out, unit);
		sb_addstr(out, "</title></circle>\n");
	}
}

int pw_svg_indicator(struct strbuf *out, const struct pw_eval_indicator *e)
{
	struct pt path[MAXPTS], act[MAXPTS], goal[2];
	size_t np = plan_path(e, path), na = actual_points(e, act);
	struct frame f = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	const char *color = pw_svg_status_color(e->a.status);
	const char *unit = e->ind->unit ? e->ind->unit : "";
	bool has_goal;
	double g = 0, ystep;

	has_goal = target_line(e, &g);
	if (!np && na < 2 && !(has_goal && na))
		return -1;
	frame_fit(&f, path, np);
	frame_fit(&f, act, na);
	goal[0] = (struct pt){ f.x0, g };
	goal[1] = (struct pt){ f.x1, g };
	if (has_goal)
		frame_fit(&f, goal, 2);
	frame_pad(&f, &ystep);
	sb_addf(out, "<svg width=\"%.0f\" height=\"%.0f\" "
		     "viewBox=\"0 0 %.0f %.0f\" font-size=\"10\" fill=\"#616161\">\n",
		CW, CH, CW, CH);
	axes(out, &f, ystep);
	if (has_goal) {
		goal[0].x = f.x0;
		goal[1].x = f.x1;
		polyline(out, &f, goal, 2, "stroke=\"#c62828\" stroke-width=\"1\" "
					  "stroke-dasharray=\"2 3\" class=\"target\"");
	}
	if (np) {
		polyline(out, &f, path, np, "stroke=\"#78909c\" stroke-width=\"1.5\" "
					     "stroke-dasharray=\"5 4\"");
		sb_addf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#fff\" "
			     "stroke=\"#78909c\" stroke-width=\"1.5\"><title>目标 ",
			sx(&f, path[np - 1].x), sy(&f, path[np - 1].y));
		pw_report_num(out, path[np - 1].y, NULL);
		pw_report_xml_escape(out, unit);
		sb_addstr(out, "</title></circle>\n");
	}
	if (na > 1)
		polyline(out, &f, act, na, "stroke-width=\"2\" stroke=\"currentColor\"");
	dots(out, &f, act, na, color, unit);
	sb_addstr(out, "</svg>\n");
	return 0;
}

/* The path's value in year x (linear between its points), or NAN outside. */
static double path_at(const struct pt *p, size_t n, double x)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (x >= p[i].x && x <= p[i + 1].x && p[i + 1].x > p[i].x)
			return p[i].y + (p[i + 1].y - p[i].y) * (x - p[i].x) / (p[i + 1].x - p[i].x);
	return n == 1 && x == p[0].x ? p[0].y : NAN;
}

static void data_cell(struct strbuf *out, bool has, double v)
{
	sb_addstr(out, "<td>");
	if (has && isfinite(v))
		pw_report_num(out, v, NULL);
	else
		sb_addstr(out, "—");
	sb_addstr(out, "</td>");
}

/* The numbers a chart draws, as a table: year, actual, planned path and
 * target, for each year an actual or the path has. */
static void chart_table(struct strbuf *out, const struct pw_eval_indicator *e)
{
	struct pt path[MAXPTS], act[MAXPTS];
	size_t np = plan_path(e, path), na = actual_points(e, act), i, j;
	double g = 0, lo = INFINITY, hi = -INFINITY;
	bool has_goal = target_line(e, &g);
	int y;

	for (i = 0; i < na; i++)
		lo = fmin(lo, act[i].x), hi = fmax(hi, act[i].x);
	if (np)
		lo = fmin(lo, path[0].x), hi = fmax(hi, path[np - 1].x);
	sb_addstr(out, "<table class=\"chart-data\"><tr><th>年份</th><th>实际值</th>"
		       "<th>规划路径</th><th>目标值</th></tr>\n");
	for (y = (int)lo; isfinite(lo) && y <= (int)hi && y - (int)lo < MAXPTS; y++) {
		double pv = path_at(path, np, y);

		for (j = 0; j < na && (int)act[j].x != y; j++)
			;
		if (j == na && !isfinite(pv))
			continue;
		sb_addf(out, "<tr><td>%d</td>", y);
		data_cell(out, j < na, j < na ? act[j].y : 0);
		data_cell(out, true, pv);
		data_cell(out, has_goal, g);
		sb_addstr(out, "</tr>\n");
	}
	sb_addstr(out, "</table>\n");
}

void pw_svg_charts(struct strbuf *out, const struct pw_evaluation *ev, const char *caption)
{
	struct strbuf charts = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		const struct pw_eval_indicator *e = &ev->inds[i];
		char *name = pw_report_ind_name(e->ind);
		size_t mark = charts.len;

		sb_addf(&charts, "<figure class=\"chart\" style=\"color:%s\"><h3>",
			pw_svg_status_color(e->a.status));
		pw_report_xml_escape(&charts, name);
		if (e->ind->unit) {
			sb_addstr(&charts, "（");
			pw_report_xml_escape(&charts, e->ind->unit);
			sb_addstr(&charts, "）");
		}
		sb_addf(&charts, "　<span class=\"s-%s\">%s</span></h3>\n",
			pw_rstyle_of(e->a.status) == PW_RS_GOOD ? "good"
			: pw_rstyle_of(e->a.status) == PW_RS_BAD ? "bad" : "muted",
			pw_status_label(e->a.status));
		if (pw_svg_indicator(&charts, e) < 0) {
			sb_setlen(&charts, mark);
		} else {
			chart_table(&charts, e);
			sb_addstr(&charts, "</figure>\n");
		}
		free(name);
	}
	if (charts.len) {
		sb_addstr(out, "<h3>");
		pw_report_xml_escape(out, caption);
		sb_addstr(out, "</h3>\n<p class=\"legend\"><span>灰色虚线：规划路径（基数至目标）"
			       "</span><span>红色点线：目标值</span><span>实线与圆点：实际值</span>"
			       "</p>\n<div class=\"charts\">\n");
		sb_addstr(out, charts.buf);
		sb_addstr(out, "</div>\n");
	}
	sb_release(&charts);
}
