/*
 * report_svg.h - inline SVG charts for the HTML report (and the web
 * dashboard): the status summary bar and, per indicator, the planned path
 * from baseline to target against the actual values.
 */
#ifndef PW_REPORT_SVG_H
#define PW_REPORT_SVG_H

#include "report/report.h"

/* Colour of a status ("#2e7d32"...). */
const char *pw_svg_status_color(enum pw_status s);
/* A horizontal bar of the indicators' status counts with its legend. */
void pw_svg_status_bar(struct strbuf *out, const struct pw_evaluation *ev);
/* A <section> of small charts, one per indicator that has a path or at
 * least two values; caption is its heading. */
void pw_svg_charts(struct strbuf *out, const struct pw_evaluation *ev, const char *caption);
/* One indicator's chart (an <svg> element); 0 if it was drawn, -1 when the
 * indicator has nothing to draw (out unchanged). */
int pw_svg_indicator(struct strbuf *out, const struct pw_eval_indicator *e);

/* The planned path of an indicator (what the charts draw as 预期路径):
 * up to max points (x year, y value) in xs/ys; returns how many (0: the
 * indicator has no path).  The web pages draw the same line. */
size_t pw_svg_plan_path(const struct pw_eval_indicator *e, double *xs, double *ys, size_t max);

#endif
