/*
 * ooxml.c - the zip parts and expat runs of Office Open XML files; see
 * ooxml.h.
 */
#include "text/ooxml.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>

zip_t *pw_ooxml_open_bytes(const void *buf, size_t len, bool check, zip_error_t *err)
{
	zip_source_t *src;
	zip_t *za;

	src = zip_source_buffer_create(len ? buf : "", len, 0, err);
	if (!src)
		return NULL;
	za = zip_open_from_source(src, ZIP_RDONLY | (check ? ZIP_CHECKCONS : 0), err);
	if (!za)
		zip_source_free(src);
	return za;
}

/* Gives up the last part's buffer and charges the budget for one of size
 * bytes; 0 or -1 after reporting. */
static int charge_part(struct pw_ooxml *z, struct strbuf *out, size_t size)
{
	sb_release(out);
	if (!z->budget)
		return 0;
	pw_budget_release(z->budget, z->part_charge);
	z->part_charge = 0;
	if (pw_budget_charge(z->budget, size + 1) < 0)
		return -1;
	z->part_charge = size + 1;
	return 0;
}

int pw_ooxml_read_part(struct pw_ooxml *z, const char *part, struct strbuf *out)
{
	zip_stat_t zs;
	zip_file_t *zf;
	zip_int64_t got;

	sb_reset(out);
	if (zip_stat(z->za, part, 0, &zs) < 0)
		return 0;
	if (!(zs.valid & ZIP_STAT_SIZE) || zs.size > z->max_part ||
	    zs.size > z->max_total - z->read)
		return pw_error_kind(PW_ERR_INPUT,
				     "%s: part '%s' is too large (over %llu MiB uncompressed)",
				     z->name, part, (unsigned long long)(z->max_part >> 20));
	z->read += zs.size;
	if (charge_part(z, out, (size_t)zs.size) < 0)
		return -1;
	zf = zip_fopen(z->za, part, 0);
	if (!zf)
		return pw_error_kind(PW_ERR_INPUT, "%s: cannot read part '%s': %s", z->name, part,
				     zip_strerror(z->za));
	sb_grow(out, (size_t)zs.size);
	got = zip_fread(zf, out->buf, zs.size);
	zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != zs.size)
		return pw_error_kind(PW_ERR_INPUT, "%s: part '%s' is damaged", z->name, part);
	sb_setlen(out, (size_t)got);
	return 1;
}

/* ------------------------------------------------------------------ */

const char *pw_xml_local_name(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

const char *pw_xml_attr(const char **atts, const char *name)
{
	for (; atts && *atts; atts += 2)
		if (!strcmp(pw_xml_local_name(atts[0]), name))
			return atts[1];
	return NULL;
}

void pw_xml_refuse(struct pw_xml_run *r, const char *why)
{
	if (!r->refused) {
		r->refused = why;
		XML_StopParser(r->p, XML_FALSE);
	}
}

void pw_xml_refuse_reported(struct pw_xml_run *r, const char *why)
{
	r->reported = true;
	pw_xml_refuse(r, why);
}

static void run_start(void *ud, const char *name, const char **atts)
{
	struct pw_xml_run *r = ud;

	if (++r->depth > r->max_depth)
		pw_xml_refuse(r, "elements nested too deep");
	else if (r->start)
		r->start(ud, pw_xml_local_name(name), atts);
}

static void run_end(void *ud, const char *name)
{
	struct pw_xml_run *r = ud;

	r->depth--;
	if (r->end)
		r->end(ud, pw_xml_local_name(name));
}

static void run_text(void *ud, const char *s, int len)
{
	struct pw_xml_run *r = ud;

	if (r->text)
		r->text(ud, s, len);
}

static void run_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	pw_xml_refuse(ud, "a DTD (Office Open XML parts have none)");
}

int pw_xml_parse(const char *name, const char *part, const struct strbuf *xml,
		 struct pw_xml_run *r)
{
	XML_Parser p = XML_ParserCreate(NULL);
	int rc = 0;

	if (!p)
		pw_die_oom();
	r->p = p;
	r->depth = 0;
	r->refused = NULL;
	r->reported = false;
	XML_SetUserData(p, r);
	XML_SetElementHandler(p, run_start, run_end);
	XML_SetCharacterDataHandler(p, run_text);
	XML_SetStartDoctypeDeclHandler(p, run_doctype);
	if (xml->len > (size_t)0x7fffffff ||
	    XML_Parse(p, xml->buf, (int)xml->len, 1) == XML_STATUS_ERROR) {
		if (r->reported)
			rc = -1;
		else if (r->refused)
			rc = pw_error_kind(PW_ERR_INPUT, "%s: %s: refused at line %lu: %s", name,
					   part, (unsigned long)XML_GetCurrentLineNumber(p),
					   r->refused);
		else
			rc = pw_error_kind(PW_ERR_INPUT, "%s: %s: broken XML at line %lu: %s", name,
					   part, (unsigned long)XML_GetCurrentLineNumber(p),
					   XML_ErrorString(XML_GetErrorCode(p)));
	}
	XML_ParserFree(p);
	r->p = NULL;
	return rc;
}
