/*
 * report_html.c - the report as one self-contained HTML file: inline CSS,
 * inline SVG charts (report_svg.c), no script and no external resource,
 * so it can be mailed, archived and opened offline.
 */
#include "report/report_svg.h"

#include <string.h>
#include "util/nelem.h"

static const char css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
	"\"Microsoft YaHei\",\"SimSun\",sans-serif;margin:0;background:#f5f5f5;color:#212121}"
	"main{max-width:1180px;margin:0 auto;padding:24px 32px;background:#fff}"
	"h1{font-size:1.6em;text-align:center;margin:.6em 0 .2em}"
	"h2{font-size:1.25em;border-left:5px solid #b71c1c;padding-left:.5em;margin-top:1.8em}"
	"p.sub{text-align:center;color:#616161}"
	"p.cap{font-weight:bold;text-align:center;margin:1.2em 0 .4em}"
	"table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0 1em}"
	"th,td{border:1px solid #bdbdbd;padding:4px 6px;vertical-align:top}"
	"th{background:#eceff1}td.n{text-align:right;white-space:nowrap}"
	"tr.cat td{background:#fafafa;font-weight:bold}"
	".s-good{color:#2e7d32;font-weight:bold}.s-fair{color:#1565c0}"
	".s-bad{color:#c62828;font-weight:bold}.s-muted{color:#9e9e9e}.s-strong{font-weight:bold}"
	".charts{display:flex;flex-wrap:wrap;gap:12px}"
	".chart{border:1px solid #e0e0e0;padding:6px;width:350px}"
	".chart h3{font-size:.9em;margin:0 0 4px}"
	".chart-data{font-size:.8em;margin-top:4px}.chart-data td,.chart-data th{padding:1px 6px}"
	".legend span{display:inline-block;margin-right:1em;font-size:.85em}"
	".legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;"
	"vertical-align:middle}"
	"ul.notes li{margin:.3em 0}"
	"@media print{body{background:#fff}main{padding:0}.chart{break-inside:avoid}}";

static const char *style_class(enum pw_rstyle s)
{
	static const char *const names[] = {
		[PW_RS_PLAIN] = NULL,       [PW_RS_GOOD] = "s-good",  [PW_RS_FAIR] = "s-fair",
		[PW_RS_BAD] = "s-bad",      [PW_RS_MUTED] = "s-muted", [PW_RS_STRONG] = "s-strong",
	};
	return (size_t)s < NELEM(names) ? names[s] : NULL;
}

static void html_cell(struct strbuf *out, const struct pw_rcol *col, const struct pw_rcell *c)
{
	const char *cls = style_class(c->style);

	sb_addstr(out, "<td");
	if (col->numeric || cls)
		sb_addf(out, " class=\"%s%s%s\"", col->numeric ? "n" : "",
			col->numeric && cls ? " " : "", cls ? cls : "");
	sb_addch(out, '>');
	pw_report_xml_escape(out, c->text);
	sb_addstr(out, "</td>");
}

static size_t doc_columns(const struct pw_rtable *t)
{
	size_t c, n = 0;

	for (c = 0; c < t->ncols; c++)
		n += !t->cols[c].sheet_only;
	return n;
}

static void html_table(struct strbuf *out, const struct pw_rtable *t)
{
	size_t r, c;

	sb_addstr(out, "<table>\n<thead><tr>");
	for (c = 0; c < t->ncols; c++) {
		if (t->cols[c].sheet_only)
			continue;
		sb_addstr(out, "<th>");
		pw_report_xml_escape(out, t->cols[c].head);
		sb_addstr(out, "</th>");
	}
	sb_addstr(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->nrows; r++) {
		if (t->span[r]) {
			sb_addf(out, "<tr class=\"cat\"><td colspan=\"%zu\">", doc_columns(t));
			pw_report_xml_escape(out, pw_rtable_cell(t, r, 0)->text);
			sb_addstr(out, "</td></tr>\n");
			continue;
		}
		sb_addstr(out, "<tr>");
		for (c = 0; c < t->ncols; c++)
			if (!t->cols[c].sheet_only)
				html_cell(out, &t->cols[c], pw_rtable_cell(t, r, c));
		sb_addstr(out, "</tr>\n");
	}
	sb_addstr(out, "</tbody>\n</table>\n");
}

static void html_tag(struct strbuf *out, const char *open, const char *text, const char *close)
{
	sb_addstr(out, open);
	pw_report_xml_escape(out, text);
	sb_addstr(out, close);
}

static void html_block(struct strbuf *out, const struct pw_rdoc *d, size_t i)
{
	const struct pw_rblock *b = &d->blocks[i];
	bool first_bullet = b->type == PW_RB_BULLET && (!i || d->blocks[i - 1].type != PW_RB_BULLET);
	bool last_bullet = b->type == PW_RB_BULLET &&
			   (i + 1 == d->nblocks || d->blocks[i + 1].type != PW_RB_BULLET);

	switch (b->type) {
	case PW_RB_HEADING:
		html_tag(out, b->level <= 1 ? "<h2>" : "<h3>", b->text,
			 b->level <= 1 ? "</h2>\n" : "</h3>\n");
		break;
	case PW_RB_PARA:
		html_tag(out, !strncmp(b->text, "表　", 6) ? "<p class=\"cap\">" : "<p>", b->text,
			 "</p>\n");
		break;
	case PW_RB_BULLET:
		if (first_bullet)
			sb_addstr(out, "<ul class=\"notes\">\n");
		html_tag(out, "<li>", b->text, "</li>\n");
		if (last_bullet)
			sb_addstr(out, "</ul>\n");
		break;
	case PW_RB_TABLE:
		html_table(out, b->table);
		break;
	case PW_RB_STATUS_BAR:
		pw_svg_status_bar(out, d->ev);
		break;
	case PW_RB_CHARTS:
		pw_svg_charts(out, d->ev, b->text);
		break;
	}
}

void pw_report_html(const struct pw_rdoc *d, struct strbuf *out)
{
	size_t i;

	sb_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	html_tag(out, "<title>", d->title, "</title>\n");
	sb_addf(out, "<style>%s</style>\n</head>\n<body>\n<main>\n", css);
	html_tag(out, "<h1>", d->title, "</h1>\n");
	html_tag(out, "<p class=\"sub\">", d->subtitle, "</p>\n");
	for (i = 0; i < d->nblocks; i++)
		html_block(out, d, i);
	sb_addstr(out, "</main>\n</body>\n</html>\n");
}
