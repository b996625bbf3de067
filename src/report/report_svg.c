/*
 * report_svg.c - inline SVG charts: the status bar of a report's summary
 * and one small chart per indicator, the planned path from baseline to
 * target (dashed) against the actual values (solid, in the status colour).
 * Inline SVG (no xmlns needed inside HTML5) with <title> tooltips: no
 * script, no external reference.
 */
#include "report/report_svg.h"
#include "report/report_int.h"

#include <math.h>

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

#define NBAR (sizeof(bar_order) / sizeof(bar_order[0]))

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

/* The planned path: a straight line to a level target, compound growth
 * for a growth target, or a flat line for a rate compared year by year. */
static size_t plan_path(const struct pw_eval_indicator *e, struct pt *p)
{
	const struct pw_indicator *ind = e->ind;
	const struct pw_target *t = first_target(ind, PW_KIND_LEVEL);
	bool base = ind->has_baseline && ind->baseline_year;
	int y, ty;
	size_t n = 0;

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

static size_t actual_points(const struct pw_eval_indicator *e, struct pt *p)
{
	const struct pw_indicator *ind = e->ind;
	size_t i, n = 0;

	if (ind->has_baseline && ind->baseline_year)
		p[n++] = (struct pt){ ind->baseline_year, ind->baseline };
	for (i = 0; i < e->nobs && n < MAXPTS; i++)
		if (!n || e->obs[i].year > p[n - 1].x)
			p[n++] = (struct pt){ e->obs[i].year, e->obs[i].value };
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

static void frame_pad(struct frame *f)
{
	double pad = (f->y1 - f->y0) * 0.1;

	if (pad <= 0)
		pad = fabs(f->y1) > 0 ? fabs(f->y1) * 0.1 : 1;
	f->y0 -= pad;
	f->y1 += pad;
	if (f->y0 < 0 && f->y0 + pad >= 0)
		f->y0 = 0; /* no negative axis for positive data */
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

static void axes(struct strbuf *out, const struct frame *f)
{
	int k, step = (int)(f->x1 - f->x0) > 10 ? 2 : 1;
	double x;

	for (k = 0; k <= 4; k++) {
		double v = f->y0 + (f->y1 - f->y0) * k / 4, y = sy(f, v);

		sb_addf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			     "stroke=\"#eeeeee\"/>", ML, y, CW - MR, y);
		sb_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.4g</text>\n",
			ML - 4, y + 4, v);
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
	struct pt path[MAXPTS], act[MAXPTS];
	size_t np = plan_path(e, path), na = actual_points(e, act);
	struct frame f = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	const char *color = pw_svg_status_color(e->a.status);
	const char *unit = e->ind->unit ? e->ind->unit : "";

	if (!np && na < 2)
		return -1;
	frame_fit(&f, path, np);
	frame_fit(&f, act, na);
	frame_pad(&f);
	sb_addf(out, "<svg width=\"%.0f\" height=\"%.0f\" "
		     "viewBox=\"0 0 %.0f %.0f\" font-size=\"10\" fill=\"#616161\">\n",
		CW, CH, CW, CH);
	axes(out, &f);
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
		if (pw_svg_indicator(&charts, e) < 0)
			sb_setlen(&charts, mark);
		else
			sb_addstr(&charts, "</figure>\n");
		free(name);
	}
	if (charts.len) {
		sb_addstr(out, "<h3>");
		pw_report_xml_escape(out, caption);
		sb_addstr(out, "</h3>\n<p class=\"legend\"><span>虚线：规划路径（基数至目标）</span>"
			       "<span>实线与圆点：实际值</span></p>\n<div class=\"charts\">\n");
		sb_addstr(out, charts.buf);
		sb_addstr(out, "</div>\n");
	}
	sb_release(&charts);
}
