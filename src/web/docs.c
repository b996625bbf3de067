/*
 * docs.c - supporting documents of the figures (证明材料): PDF, PNG, JPEG
 * or xlsx files an editor attaches to an indicator's year.
 *
 * Safety: the type is read from the file's first bytes, never from the
 * request; anything else is refused.  A file is stored under its SHA-256
 * (<database>.files/<sha256>.<ext>, created 0700, written to a temporary
 * name and renamed), so no name from the request reaches the file
 * system.  It is served only to signed-in users, only when its record
 * exists, as an attachment with its fixed type and nosniff, so a browser
 * never runs it.  Size: the server's body limit (1 MiB).  The record is an
 * audit row (adapt.c), so who attached what and when is in the trail.
 */
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "web/web_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct doc_type {
	const char *ext, *ctype;
};

static const struct doc_type types[] = {
	{ "pdf", "application/pdf" }, { "png", "image/png" }, { "jpg", "image/jpeg" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

/* The type of data by its first bytes, or NULL. */
static const struct doc_type *sniff(const char *data, size_t len)
{
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return &types[0];
	if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8))
		return &types[1];
	if (len >= 3 && !memcmp(data, "\xff\xd8\xff", 3))
		return &types[2];
	/* a zip whose entries include the workbook part */
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4) && memmem(data, len, "xl/workbook.xml", 15))
		return &types[3];
	return NULL;
}

/* The folder of the documents of the server's database: <db>.files. */
static void files_dir(const struct web_req *r, char *out, size_t size)
{
	if (snprintf(out, size, "%s.files", r->opts->db_path) >= (int)size)
		out[0] = '\0';
}

static int store_file(struct web_req *r, const char *name, const char *data, size_t len)
{
	char dir[PATH_MAX], path[PATH_MAX + 128], tmp[PATH_MAX + 160];
	int fd;

	files_dir(r, dir, sizeof(dir));
	if (!dir[0] || (mkdir(dir, 0700) < 0 && errno != EEXIST))
		return pw_error("cannot create the documents folder '%s'", dir);
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp))
		return pw_error("path too long: '%s'", dir);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return pw_error("cannot write '%s': %s", tmp, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len || close(fd) < 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		return pw_error("cannot write '%s'", path);
	}
	return 0;
}

/* ?year=Y, or 0. */
static int query_year(struct web_req *r)
{
	const char *y = web_query(r, "year");
	long v = y ? strtol(y, NULL, 10) : 0;

	return v >= 1900 && v <= 2200 ? (int)v : 0;
}

/* The original file name for display: X-Filename, percent-decoded by
 * the client's encodeURIComponent; kept as text (escaped when shown). */
static void display_name(struct web_req *r, const char *ext, struct strbuf *out)
{
	const char *h = web_header(r, "X-Filename");
	size_t i;

	for (i = 0; h && h[i] && out->len < 200; i++) {
		unsigned int c;

		if (h[i] == '%' && h[i + 1] && h[i + 2] && sscanf(h + i + 1, "%2x", &c) == 1) {
			if (c >= 0x20 && c != 0x7f)
				sb_addch(out, (int)c);
			i += 2;
		} else if ((unsigned char)h[i] >= 0x20) {
			sb_addch(out, h[i]);
		}
	}
	if (!out->len)
		sb_addf(out, "证明材料.%s", ext);
}

enum MHD_Result web_post_document(struct web_req *r)
{
	const struct doc_type *t = sniff(r->body.buf, r->body.len);
	struct strbuf name = STRBUF_INIT;
	char sha[65], file[80], *rec;
	int year = query_year(r), rc;
	json_t *j;

	if ((rc = web_lib_indicator_exists(r->store, r->params[0])) != 0)
		return rc == PW_STORE_NOTFOUND ? web_error(r, 404, "no such indicator") : web_internal(r);
	if ((rc = web_may_write(r, r->params[0])) <= 0)
		return rc < 0 ? web_internal(r) : web_error(r, 403, "you may upload documents only for the indicators your unit leads");
	if (!year)
		return web_error(r, 400, "give the year as ?year=YEAR");
	if (!t)
		return web_error(r, 415, "only PDF, PNG or JPEG images and xlsx files are accepted");
	pw_store_sha256_hex(r->body.buf, r->body.len, sha);
	snprintf(file, sizeof(file), "%s.%s", sha, t->ext);
	display_name(r, t->ext, &name);
	j = json_pack("{s:s, s:s, s:s, s:I, s:s, s:i}", "sha256", sha, "file", file, "type",
		      t->ctype, "size", (json_int_t)r->body.len, "name", name.buf, "year", year);
	rec = json_dumps(j, JSON_COMPACT);
	rc = !rec ? pw_error("document record is not JSON")
		  : store_file(r, file, r->body.buf, r->body.len) < 0 ? -1
		  : web_lib_document_add(r->store, r->params[0], rec, r->session.user.name);
	free(rec);
	sb_release(&name);
	if (rc < 0) {
		json_decref(j);
		return web_internal(r);
	}
	return web_json(r, 201, j);
}

enum MHD_Result web_get_documents(struct web_req *r)
{
	json_t *list;

	if (web_lib_documents(r->store, r->params[0], &list) < 0)
		return web_internal(r);
	return web_json(r, 200, list);
}

/* The record of document file of an indicator, or NULL (new reference). */
static json_t *find_record(struct web_req *r, int64_t indicator_id, const char *file)
{
	json_t *list, *d, *found = NULL;
	size_t i;

	if (web_lib_documents(r->store, indicator_id, &list) < 0)
		return NULL;
	json_array_foreach(list, i, d) {
		const char *f = json_string_value(json_object_get(d, "file"));

		if (f && !strcmp(f, file))
			found = json_incref(d);
	}
	json_decref(list);
	return found;
}

enum MHD_Result web_get_document(struct web_req *r)
{
	json_t *d = find_record(r, r->params[0], r->name);
	struct strbuf sb = STRBUF_INIT;
	char dir[PATH_MAX], path[PATH_MAX + 128], buf[16384], disp[160];
	const char *ctype;
	FILE *f;
	size_t n;

	if (!d)
		return web_error(r, 404, "no such file");
	ctype = json_string_value(json_object_get(d, "type"));
	files_dir(r, dir, sizeof(dir));
	if (snprintf(path, sizeof(path), "%s/%s", dir, r->name) >= (int)sizeof(path) ||
	    !(f = fopen(path, "rb"))) {
		json_decref(d);
		return web_error(r, 404, "no such file");
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	/* the stored name only: the display name is not put in a header */
	if (snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", r->name) >= (int)sizeof(disp))
		disp[0] = '\0';
	r->disposition = xstrdup(disp);
	{
		size_t len, t;
		char *data = sb_detach(&sb, &len);

		/* the type served is one of the table's, whatever the record says */
		for (t = 0; t < sizeof(types) / sizeof(types[0]); t++)
			if (ctype && !strcmp(ctype, types[t].ctype))
				break;
		json_decref(d);
		if (t == sizeof(types) / sizeof(types[0])) {
			free(data);
			return web_error(r, 404, "no such file");
		}
		return web_send(r, 200, types[t].ctype, data, len);
	}
}

void web_documents_html(struct pw_store *s, int64_t indicator_id, int year, struct strbuf *o)
{
	json_t *list, *d;
	size_t i;
	bool any = false;

	if (web_lib_documents(s, indicator_id, &list) < 0)
		return;
	json_array_foreach(list, i, d) {
		if (year >= 0 && json_integer_value(json_object_get(d, "year")) != year)
			continue;
		sb_addstr(o, any ? " " : "<span class=\"docs\">材料：");
		any = true;
		sb_addf(o, "<a href=\"/documents/%lld/", (long long)indicator_id);
		h_esc(o, json_string_value(json_object_get(d, "file")));
		sb_addstr(o, "\">");
		h_esc(o, json_string_value(json_object_get(d, "name")));
		sb_addstr(o, "</a>");
	}
	if (any)
		sb_addstr(o, "</span>");
	json_decref(list);
}
