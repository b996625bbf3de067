/*
 * page.c - the layout every page of the site shares and the one escaping
 * helper, h_esc(), through which every value from the database or the
 * request reaches HTML (a plan or a note containing <script> shows as
 * text).  Links are absolute on the server and relative in the static
 * copy ("planwatch publish"), where the page at path P is the file
 * P/index.html.  No inline script or style: the Content-Security-Policy
 * (server.c) forbids both; behaviour is in web/static/site.js.
 */
#include "util/strbuf.h"
#include "web/web_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void h_esc(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_addstr(sb, "&amp;"); break;
		case '<': sb_addstr(sb, "&lt;"); break;
		case '>': sb_addstr(sb, "&gt;"); break;
		case '"': sb_addstr(sb, "&quot;"); break;
		case '\'': sb_addstr(sb, "&#39;"); break;
		default:
			/* C0 controls other than tab and newlines are not text */
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
				sb_addch(sb, *s);
		}
	}
}

void h_num(struct strbuf *sb, double v)
{
	char buf[64], *e;

	if (!isfinite(v)) {
		sb_addstr(sb, "—");
		return;
	}
	snprintf(buf, sizeof(buf), "%.4f", v);
	e = buf + strlen(buf) - 1;
	while (e > buf && *e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	sb_addstr(sb, strcmp(buf, "-0") ? buf : "0");
}

static void up(struct web_page *p)
{
	int i;

	for (i = 0; i < p->depth; i++)
		sb_addstr(&p->out, "../");
}

void h_href_page(struct web_page *p, const char *path)
{
	if (!p->is_static) {
		sb_addch(&p->out, '/');
		h_esc(&p->out, path);
		return;
	}
	up(p);
	h_esc(&p->out, path);
	sb_addstr(&p->out, *path ? "/index.html" : "index.html");
}

void h_href_file(struct web_page *p, const char *path)
{
	if (!p->is_static)
		sb_addch(&p->out, '/');
	else
		up(p);
	h_esc(&p->out, path);
}

static void nav_link(struct web_page *p, const char *path, const char *label)
{
	sb_addstr(&p->out, "<li><a href=\"");
	h_href_page(p, path);
	sb_addstr(&p->out, "\">");
	h_esc(&p->out, label);
	sb_addstr(&p->out, "</a></li>");
}

static void plan_nav(struct web_page *p, int plan_id)
{
	static const char *const pages[][2] = {
		{ "", "总览" }, { "/indicators", "指标" }, { "/targets", "文字目标" },
		{ "/projects", "专栏项目" }, { "/previous", "上期评估（表1）" },
		{ "/reporting", "填报情况" }, { "/downloads", "报告与开放数据" },
	};
	char path[64];
	size_t i;

	sb_addstr(&p->out, "<nav class=\"plan-nav\" aria-label=\"规划栏目\"><ul>");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), "plans/%d%s", plan_id, pages[i][0]);
		nav_link(p, path, pages[i][1]);
	}
	sb_addstr(&p->out, "</ul></nav>\n");
}

void page_open(struct web_page *p, const char *title, int plan_id)
{
	struct strbuf *o = &p->out;

	sb_addstr(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		     "<title>");
	h_esc(o, title);
	sb_addstr(o, " - 规划实施监测</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"");
	h_href_file(p, "static/site.css");
	sb_addstr(o, "\"><script defer src=\"");
	h_href_file(p, "static/echarts.min.js");
	sb_addstr(o, "\"></script><script defer src=\"");
	h_href_file(p, "static/site.js");
	sb_addstr(o, "\"></script>");
	if (p->csrf) {
		sb_addstr(o, "<meta name=\"csrf-token\" content=\"");
		h_esc(o, p->csrf);
		sb_addstr(o, "\">");
	}
	sb_addstr(o, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
		     "<header class=\"site\"><a class=\"brand\" href=\"");
	h_href_page(p, "");
	sb_addstr(o, "\">规划实施监测</a><nav aria-label=\"网站\"><ul>");
	nav_link(p, "", "全部规划");
	if (!p->is_static) {
		if (p->user) {
			nav_link(p, "me", "我的填报");
			nav_link(p, "review", "审核");
			nav_link(p, "audit", "审计记录");
			nav_link(p, "admin", "管理");
			sb_addstr(o, "<li class=\"who\">");
			h_esc(o, p->user->name);
			sb_addstr(o, "</li>");
		} else {
			nav_link(p, "login", "登录");
		}
	}
	sb_addstr(o, "</ul></nav></header>\n");
	if (p->demo)
		sb_addstr(o, "<p class=\"demo-banner\" role=\"note\"><strong>演示数据</strong>："
			     "本站当前显示的监测数值是虚构的，仅用于演示，不是真实统计数据。"
			     "录入并审核真实数据后，本提示和演示数据将自动消失。</p>\n");
	if (plan_id)
		plan_nav(p, plan_id);
	sb_addstr(o, "<main id=\"main\">\n<h1>");
	h_esc(o, title);
	sb_addstr(o, "</h1>\n");
}

void page_close(struct web_page *p)
{
	sb_addstr(&p->out, "</main>\n<footer class=\"site\"><p>数据来源：规划纲要及各责任单位报送的监测数据；"
			   "判定方法见各指标页。开放数据可在“报告与开放数据”下载。</p></footer>\n"
			   "</body></html>\n");
}
