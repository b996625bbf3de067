/*
 * publish.c - "planwatch publish": the public pages and open data as
 * static files, for sites that allow only static hosting.  The pages are
 * written by the server's own renderers (pages.c) with relative links:
 * the page at path P becomes P/index.html, so every link works from the
 * file system and from any folder of a web server.  The indicator list
 * keeps its filter form; site.js applies the filters in place.
 */
#include "store/store.h"
#include "util/error.h"
#include "web/web.h"
#include "web/web_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct pub {
	struct pw_store *s;
	const char *dir;
	int rc;
};

/* mkdir -p of the folder that will hold dir/rel. */
static int make_parents(const char *dir, const char *rel)
{
	char path[4096];
	char *slash;

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path))
		return pw_error("path too long: '%s/%s'", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return pw_error("cannot create folder '%s': %s", path, strerror(errno));
		*slash = '/';
	}
	return 0;
}

static int write_file(struct pub *pb, const char *rel, const char *data, size_t len)
{
	char path[4096];
	FILE *f;

	if (make_parents(pb->dir, rel) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", pb->dir, rel);
	if (!(f = fopen(path, "wb")))
		return pw_error("cannot write '%s': %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
		return pw_error("cannot write '%s'", path);
	return 0;
}

static int path_depth(const char *path)
{
	int d = *path ? 1 : 0;

	for (; *path; path++)
		d += *path == '/';
	return d;
}

typedef int renderer(struct web_page *p, int id);

/* Renders the page at path with fn(id) into path/index.html. */
static int page(struct pub *pb, const char *path, renderer *fn, int id, bool demo)
{
	struct web_page p;
	char rel[256];
	int rc;

	memset(&p, 0, sizeof(p));
	sb_init(&p.out, 16384);
	p.store = pb->s;
	p.is_static = true;
	p.depth = path_depth(path);
	p.demo = demo;
	rc = fn(&p, id);
	snprintf(rel, sizeof(rel), "%s%sindex.html", path, *path ? "/" : "");
	if (rc == 0)
		rc = write_file(pb, rel, p.out.buf, p.out.len);
	sb_release(&p.out);
	return rc;
}

static int home(struct web_page *p, int id)
{
	(void)id;
	return page_home(p);
}

static int indicator(struct web_page *p, int id)
{
	return page_indicator(p, id);
}

static void one_report(void *cls, int plan_id, int year, const char *kind, const char *label)
{
	static const char *const formats[] = { "docx", "xlsx", "html" };
	struct pub *pb = cls;
	char rel[128], *data;
	size_t len, f;

	(void)label;
	for (f = 0; f < 3 && pb->rc == 0; f++) {
		if (web_lib_report(pb->s, plan_id, year, kind, formats[f], &data, &len) < 0) {
			pb->rc = -1;
			return;
		}
		snprintf(rel, sizeof(rel), "plans/%d/reports/%d/%s.%s", plan_id, year, kind,
			 formats[f]);
		pb->rc = write_file(pb, rel, data, len);
		free(data);
	}
}

static int open_data(struct pub *pb, int plan_id)
{
	static const char *const formats[] = { "csv", "json", "xlsx" };
	const char *ctype;
	char rel[128], *data;
	size_t t, f, len;

	for (t = 0; web_data_tables[t]; t++)
		for (f = 0; f < 3; f++) {
			if (web_open_data(pb->s, plan_id, web_data_tables[t], formats[f], &data, &len,
					  &ctype) < 0)
				return -1;
			snprintf(rel, sizeof(rel), "data/plans/%d/%s.%s", plan_id, web_data_tables[t],
				 formats[f]);
			if (write_file(pb, rel, data, len) < 0) {
				free(data);
				return -1;
			}
			free(data);
		}
	return 0;
}

/* Every indicator page of ev's indicators. */
static int indicator_pages(struct pub *pb, json_t *ev, bool demo)
{
	json_t *ind;
	size_t i;
	char path[48];

	json_array_foreach(json_object_get(ev, "indicators"), i, ind) {
		int id = (int)json_integer_value(json_object_get(ind, "id"));

		snprintf(path, sizeof(path), "indicators/%d", id);
		if (id && page(pb, path, indicator, id, demo) < 0)
			return -1;
	}
	return 0;
}

static int plan_pages(struct pub *pb, int plan_id, int start, bool demo)
{
	static const struct {
		const char *suffix;
		renderer *fn;
	} pages[] = {
		{ "", page_plan }, { "/indicators", page_indicators }, { "/targets", page_targets },
		{ "/projects", page_projects }, { "/previous", page_previous },
		{ "/reporting", page_reporting }, { "/downloads", page_downloads },
	};
	char path[64];
	json_t *ev;
	size_t i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), "plans/%d%s", plan_id, pages[i].suffix);
		if (page(pb, path, pages[i].fn, plan_id, demo) < 0)
			return -1;
	}
	if (web_lib_evaluation(pb->s, plan_id, 0, false, &ev) < 0)
		return -1;
	i = indicator_pages(pb, ev, demo);
	json_decref(ev);
	if (i)
		return -1;
	if (start > 1900 && web_lib_evaluation(pb->s, plan_id, start - 1, true, &ev) == 0) {
		i = indicator_pages(pb, ev, demo);
		json_decref(ev);
		if (i)
			return -1;
	}
	pw_clear_error();
	if (open_data(pb, plan_id) < 0 || web_reports_offered(pb->s, plan_id, one_report, pb) < 0)
		return -1;
	return pb->rc;
}

static int copy_assets(struct pub *pb)
{
	const char *data, *ctype;
	char rel[64];
	size_t i, len;

	for (i = 0; web_asset_names[i]; i++) {
		if (!(data = web_asset(web_asset_names[i], &len, &ctype)))
			continue;
		snprintf(rel, sizeof(rel), "static/%s", web_asset_names[i]);
		if (write_file(pb, rel, data, len) < 0)
			return -1;
	}
	return 0;
}

int pw_web_publish(const char *db_path, const char *dir, const char *assets)
{
	struct pub pb = { NULL, dir, 0 };
	json_t *plans, *pl;
	size_t i;
	int rc;

	if (web_assets_load(assets) < 0 || pw_store_open_existing(&pb.s, db_path) < 0)
		return -1;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		pw_store_close(pb.s);
		return pw_error("cannot create folder '%s': %s", dir, strerror(errno));
	}
	rc = copy_assets(&pb) < 0 || page(&pb, "", home, 0, false) < 0 ||
	     web_lib_plans(pb.s, &plans) < 0 ? -1 : 0;
	if (rc == 0) {
		json_array_foreach(plans, i, pl) {
			json_t *per = json_object_get(pl, "period");

			if ((rc = plan_pages(&pb, (int)json_integer_value(json_object_get(pl, "id")),
					     (int)json_integer_value(json_object_get(per, "start")),
					     false)) < 0)
				break;
		}
		json_decref(plans);
	}
	pw_store_close(pb.s);
	return rc;
}
