/*
 * assets.c - the site's static files: web/static/site.css and site.js
 * (ours) and ECharts (npm, web/node_modules/echarts/dist/echarts.min.js,
 * installed by tools/install-deps.sh).  They are read once when the
 * server starts and served from memory with fixed types, so a request
 * can never name a file on disk; their gzip and ETag are made then too.  Without ECharts the pages lose their
 * charts, not their numbers (the tables beside the charts stay).
 */
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/web_int.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ASSET_MAX (8u << 20)

struct asset {
	const char *name, *rel, *ctype;
	bool required;
	char *data;
	size_t len;
	struct web_asset_body body; /* data with its gzip and ETag */
};

static struct asset assets[] = {
	{ "site.css", "static/site.css", "text/css; charset=utf-8", true },
	{ "site.js", "static/site.js", "text/javascript; charset=utf-8", true },
	{ "echarts.min.js", "node_modules/echarts/dist/echarts.min.js",
	  "text/javascript; charset=utf-8", false },
};

#define NASSETS (sizeof(assets) / sizeof(assets[0]))

const char *const web_asset_names[] = { "site.css", "site.js", "echarts.min.js", NULL };

/* The file at dir/rel into a (NULL when missing or too large). */
static void read_asset(const char *dir, struct asset *a)
{
	struct strbuf sb = STRBUF_INIT;
	char path[PATH_MAX], buf[16384];
	FILE *f;
	size_t n;

	if (snprintf(path, sizeof(path), "%s/%s", dir, a->rel) >= (int)sizeof(path) ||
	    !(f = fopen(path, "rb")))
		return;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= ASSET_MAX)
		sb_add(&sb, buf, n);
	fclose(f);
	if (sb.len > ASSET_MAX) {
		sb_release(&sb);
		return;
	}
	free(a->data);
	free(a->body.gz);
	a->data = sb_detach(&sb, &a->len);
	/* compressed once here: ECharts is a megabyte of script */
	a->body.data = a->data;
	a->body.len = a->len;
	if (web_gzip(a->data, a->len, &a->body.gz, &a->body.gz_len) < 0)
		a->body.gz = NULL;
	web_etag(a->data, a->len, a->body.etag);
}

/* The web/ directory beside the executable (or its parent: build/). */
static int default_dir(char *out, size_t size)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *const up[] = { "", "/.." };
	size_t i;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	for (i = 0; i < 2; i++) {
		char probe[PATH_MAX + 32];

		if (snprintf(out, size, "%s%s/web", exe, up[i]) >= (int)size ||
		    snprintf(probe, sizeof(probe), "%s/static/site.css", out) >= (int)sizeof(probe))
			continue;
		if (access(probe, R_OK) == 0)
			return 0;
	}
	return -1;
}

int web_assets_load(const char *dir)
{
	char found[PATH_MAX];
	size_t i;

	if (!dir) {
		if (default_dir(found, sizeof(found)) < 0)
			return pw_error("cannot find the site's files (web/static/site.css) beside the "
					"executable; give --assets DIR");
		dir = found;
	}
	for (i = 0; i < NASSETS; i++) {
		read_asset(dir, &assets[i]);
		if (!assets[i].data && assets[i].required)
			return pw_error("cannot read '%s/%s'", dir, assets[i].rel);
		if (!assets[i].data)
			pw_warning("'%s/%s' is missing: the pages show no charts (run tools/install-deps.sh)",
				   dir, assets[i].rel);
	}
	return 0;
}

const struct web_asset_body *web_asset_body(const char *name, const char **ctype)
{
	size_t i;

	for (i = 0; i < NASSETS; i++)
		if (!strcmp(name, assets[i].name) && assets[i].data) {
			*ctype = assets[i].ctype;
			return &assets[i].body;
		}
	return NULL;
}

const char *web_asset(const char *name, size_t *len, const char **ctype)
{
	const struct web_asset_body *b = web_asset_body(name, ctype);

	if (!b)
		return NULL;
	*len = b->len;
	return b->data;
}
