/*
 * report_util.c - what the report writers share: format names, escaping
 * for XML/HTML and CSV, number formatting, and pw_report_write(), which
 * picks the writer and writes the file safely.
 */
#include "report/report.h"
#include "util/error.h"
#include "util/outfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const format_names[] = {
	[PW_FORMAT_MD] = "md",     [PW_FORMAT_HTML] = "html", [PW_FORMAT_CSV] = "csv",
	[PW_FORMAT_JSON] = "json", [PW_FORMAT_XLSX] = "xlsx", [PW_FORMAT_DOCX] = "docx",
};

#define NFORMATS (sizeof(format_names) / sizeof(format_names[0]))

const char *pw_report_format_name(enum pw_report_format f)
{
	return (size_t)f < NFORMATS ? format_names[f] : "?";
}

int pw_report_format_from_name(const char *s)
{
	size_t i;

	for (i = 0; s && i < NFORMATS; i++)
		if (!strcasecmp(s, format_names[i]))
			return (int)i;
	if (s && !strcasecmp(s, "markdown"))
		return PW_FORMAT_MD;
	return -1;
}

bool pw_report_format_binary(enum pw_report_format f)
{
	return f == PW_FORMAT_XLSX || f == PW_FORMAT_DOCX;
}

const char *pw_report_reason(const struct pw_target_result *r, bool has_value)
{
	if (r->status == PW_STATUS_NOT_ASSESSABLE)
		return r->kind == PW_KIND_EXTERNAL ? "待录入上级下达目标"
		       : r->kind == PW_KIND_RELATION ? "缺少对比指标数据" : "无法评估";
	if (r->status == PW_STATUS_NO_DATA)
		return has_value ? "缺少基数或第二个年度数据" : "无监测数据";
	return NULL;
}

void pw_report_xml_escape(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': sb_addstr(sb, "&amp;"); break;
		case '<': sb_addstr(sb, "&lt;"); break;
		case '>': sb_addstr(sb, "&gt;"); break;
		case '"': sb_addstr(sb, "&quot;"); break;
		case '\'': sb_addstr(sb, "&#39;"); break;
		default:
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				sb_addch(sb, c);
		}
	}
}

void pw_report_num(struct strbuf *sb, double v, int *decimals)
{
	char buf[64];
	char *dot, *end;

	if (!isfinite(v)) {
		sb_addstr(sb, "—");
		if (decimals)
			*decimals = 0;
		return;
	}
	snprintf(buf, sizeof(buf), "%.4f", fabs(v) < 5e-5 ? 0.0 : v);
	dot = strchr(buf, '.');
	end = buf + strlen(buf);
	while (dot && end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (dot && end == dot + 1)
		*--end = '\0';
	if (decimals)
		*decimals = dot && *dot ? (int)(end - dot - 1) : 0;
	sb_addstr(sb, buf);
}

/* ---- writing ------------------------------------------------------------- */

static void render_text(const struct pw_evaluation *ev, enum pw_report_format f,
			struct strbuf *out)
{
	struct pw_rdoc d;
	json_t *j;
	char *s;

	if (f == PW_FORMAT_JSON) {
		j = pw_evaluation_to_json(ev);
		s = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
		sb_addstr(out, s ? s : "null");
		sb_addch(out, '\n');
		free(s);
		json_decref(j);
		return;
	}
	pw_rdoc_build(ev, &d);
	if (f == PW_FORMAT_MD)
		pw_report_md(&d, out);
	else if (f == PW_FORMAT_HTML)
		pw_report_html(&d, out);
	else
		pw_report_csv(&d, out);
	pw_rdoc_release(&d);
}

static int write_stdout(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		return pw_error_kind(PW_ERR_IO, "cannot write the report to standard output: %s",
				     strerror(errno));
	return 0;
}

int pw_report_write(const struct pw_evaluation *ev, enum pw_report_format f, const char *path)
{
	struct strbuf out = STRBUF_INIT;
	struct pw_rdoc d;
	int rc;

	if (pw_report_format_binary(f)) {
		if (!path)
			return pw_error("a %s report needs an output file (-o FILE)",
					pw_report_format_name(f));
		pw_rdoc_build(ev, &d);
		rc = f == PW_FORMAT_XLSX ? pw_report_xlsx(&d, path) : pw_report_docx(&d, path);
		pw_rdoc_release(&d);
		return rc;
	}
	render_text(ev, f, &out);
	rc = path ? pw_outfile_write(path, out.buf, out.len) : write_stdout(out.buf, out.len);
	sb_release(&out);
	return rc;
}
