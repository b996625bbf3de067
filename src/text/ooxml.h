/*
 * ooxml.h - the parts of an Office Open XML file (.docx, .xlsx): a zip
 * archive of XML parts, each read with limits and parsed with expat.
 * Used by the Word reader (text/docx.c) and the workbook reader
 * (monitor/xlsx_read.c); what the parts mean is theirs.
 *
 * Such a file comes from outside (an office's e-mail), so each part's
 * declared uncompressed size and the sum over the parts read are checked
 * before anything is inflated (a zip bomb is refused unread), the buffer of
 * the part being parsed can be charged to a memory budget, the XML nesting
 * depth is capped, and a DTD is refused: no part of these files has one,
 * and entities are how XML bombs work.  Errors are PW_ERR_INPUT, naming
 * the file and the part.
 */
#ifndef PW_TEXT_OOXML_H
#define PW_TEXT_OOXML_H

#include "util/budget.h"
#include "util/strbuf.h"

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

/* An open archive.  The caller fills za, name and the limits, and
 * discards za when done; read and part_charge start at 0. */
struct pw_ooxml {
	zip_t *za;
	const char *name;          /* the file, in messages */
	zip_uint64_t max_part;     /* one part, uncompressed */
	zip_uint64_t max_total;    /* every part read, together */
	struct pw_budget *budget;  /* NULL, or charged for the part being read */
	zip_uint64_t read;         /* uncompressed bytes of the parts read so far */
	size_t part_charge;        /* charged to budget for the last part's buffer */
};

/* Opens len bytes of an archive in memory (borrowed while za is open):
 * NULL, with *err describing why (the caller finis it), if they are no
 * readable zip.  check: libzip's consistency checks too. */
zip_t *pw_ooxml_open_bytes(const void *buf, size_t len, bool check, zip_error_t *err);

/* Reads part `part` into out (its previous buffer given up first).
 * Returns 1 read, 0 absent, -1 after reporting a part too large, damaged
 * or over the budget. */
int pw_ooxml_read_part(struct pw_ooxml *z, const char *part, struct strbuf *out);

typedef void (*pw_xml_start_fn)(void *ctx, const char *name, const char **atts);
typedef void (*pw_xml_end_fn)(void *ctx, const char *name);
typedef void (*pw_xml_text_fn)(void *ctx, const char *s, int len);

/* One expat run: the first member of every parse context, which the
 * handlers get as ctx.  Element names reach them without their namespace
 * prefix (w:p -> p).  The caller sets the handlers (any may be NULL) and
 * max_depth; the rest is the run's. */
struct pw_xml_run {
	pw_xml_start_fn start;
	pw_xml_end_fn end;
	pw_xml_text_fn text;
	int max_depth;
	int depth;           /* of the element being read */
	XML_Parser p;
	const char *refused; /* why the run was stopped (a static reason), or NULL */
	bool reported;       /* ... and that has been reported already */
};

/* Parses xml, part `part` of file `name`, with the handlers of r.
 * Returns 0, or -1 after reporting bad XML or why the run was refused. */
int pw_xml_parse(const char *name, const char *part, const struct strbuf *xml,
		 struct pw_xml_run *r);
/* Stops the run r; why (static) goes in the error.  Only the first reason
 * is kept. */
void pw_xml_refuse(struct pw_xml_run *r, const char *why);
/* The same after the reason was reported (a budget): no second message. */
void pw_xml_refuse_reported(struct pw_xml_run *r, const char *why);

/* name without its namespace prefix. */
const char *pw_xml_local_name(const char *name);
/* The value of attribute `name` (matched without prefix), or NULL. */
const char *pw_xml_attr(const char **atts, const char *name);

#endif
