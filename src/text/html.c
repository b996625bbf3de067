/*
 * html.c - reads a web page (a plan published on a government site) into
 * the plain text of office_int.h, with libxml2's HTML parser: it mends
 * the tag soup real pages are, knows HTML's entities and block elements,
 * and decodes any encoding iconv knows.  (expat, used for .docx, reads
 * only well-formed XML; a hand-written tokenizer would relearn what
 * libxml2 has been fuzzed on for years.)
 *
 * The encoding is the one the page declares (a BOM, or charset= in its
 * head), else UTF-8 if the bytes are valid UTF-8, else GB18030 (GBK pages
 * without a declaration are common).  Headings, paragraphs, list items
 * and line breaks become lines; scripts, styles, forms, the head and
 * navigation (<nav>, <aside>, <footer>, role="navigation", class or id
 * naming nav/menu/breadcrumb, hidden elements) are left out.  A <table>
 * with data goes through the grid (grid.c) with its rowspan/colspan; a
 * layout table (one holding tables, or cells of several paragraphs) is
 * read as the blocks it holds.
 *
 * Limits: the page's size (PW_HTML_MAX_BYTES) before parsing, the
 * nesting depth, the table cells; libxml2 runs without network access,
 * without its "huge" option, and an HTML page expands no entity of its
 * own.
 */
#include "text/office_int.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

struct html {
	const char *name;
	struct strbuf *out;
	struct strbuf line;  /* the line being gathered */
	struct strbuf *cell; /* inside a data table's cell: its text, else NULL */
	size_t cells;        /* table cell budget */
	bool pre;            /* inside <pre>: line ends are kept */
	bool refused;
};

static bool is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static bool el_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is_el(n, *names))
			return true;
	return false;
}

/* Attribute `name` of n, or NULL; the caller frees with xmlFree. */
static char *get_attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

/* True if attribute name of n holds any of words (lower case). */
static bool attr_has(const xmlNode *n, const char *name, const char *const *words)
{
	char *v = get_attr(n, name), *p;
	bool hit = false;

	if (!v)
		return false;
	for (p = v; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (; *words && !hit; words++)
		hit = strstr(v, *words) != NULL;
	xmlFree(v);
	return hit;
}

/* Elements left out with all they hold. */
static bool left_out(const xmlNode *n)
{
	static const char *const tags[] = {
		"script", "style", "noscript", "head", "nav", "aside", "footer", "form",
		"select", "button", "iframe", "svg", "template", "object", "embed", "canvas",
		"map", "textarea", NULL,
	};
	static const char *const navwords[] = { "nav", "menu", "breadcrumb", NULL };
	static const char *const navrole[] = { "navigation", "menu", "banner", NULL };
	static const char *const hidden[] = { "display:none", "display: none", NULL };
	static const char *const yes[] = { "true", NULL };
	char *h;

	if (el_in(n, tags))
		return true;
	if ((h = get_attr(n, "hidden")) != NULL) {
		xmlFree(h);
		return true;
	}
	return attr_has(n, "role", navrole) || attr_has(n, "class", navwords) ||
	       attr_has(n, "id", navwords) || attr_has(n, "style", hidden) ||
	       attr_has(n, "aria-hidden", yes);
}

static bool is_block(const xmlNode *n)
{
	static const char *const tags[] = {
		"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
		"dd", "section", "article", "main", "header", "blockquote", "pre", "address",
		"figure", "figcaption", "center", "hr", "tr", "caption", "fieldset", "legend",
		"body", "html", "table", "tbody", "thead", "tfoot", "td", "th", NULL,
	};
	return el_in(n, tags);
}

/* Ends the line being gathered: to the cell as a paragraph break, or to
 * the output as a line. */
static void flush(struct html *h)
{
	if (h->cell) {
		if (h->cell->len && h->cell->buf[h->cell->len - 1] != '\n')
			sb_addch(h->cell, '\n');
		return;
	}
	sb_trim(&h->line);
	if (h->line.len)
		pw_text_line(h->out, h->line.buf, h->line.len);
	sb_reset(&h->line);
}

static void text(struct html *h, const char *s)
{
	struct strbuf *to = h->cell ? h->cell : &h->line;
	const char *e;

	if (!h->pre) {
		pw_text_squeeze(to, s, strlen(s));
		return;
	}
	for (; (e = strchr(s, '\n')) != NULL; s = e + 1) {
		sb_add(to, s, (size_t)(e - s));
		flush(h);
	}
	sb_addstr(to, s);
}

static void walk(struct html *h, const xmlNode *n, int depth);

/* ------------------------------------------------------------------ */
/* Tables                                                             */

/* The rows of table t in order (thead, tbody, tfoot or bare), with
 * whether each is a header row; calls fn on each. */
static void each_row(const xmlNode *t, void (*fn)(void *, const xmlNode *, bool), void *ctx)
{
	const xmlNode *c, *r;

	for (c = t->children; c; c = c->next) {
		if (is_el(c, "tr"))
			fn(ctx, c, false);
		else if (is_el(c, "thead") || is_el(c, "tbody") || is_el(c, "tfoot"))
			for (r = c->children; r; r = r->next)
				if (is_el(r, "tr"))
					fn(ctx, r, is_el(c, "thead"));
	}
}

/* Blocks and tables inside n, up to a few levels (for layout_table). */
static size_t blocks_in(const xmlNode *n, int depth, bool *table)
{
	static const char *const tags[] = { "p", "div", "br", "li", "h1", "h2", "h3",
					    "h4", "h5", "h6", NULL };
	const xmlNode *c;
	size_t k = 0;

	for (c = n->children; c && depth < 8; c = c->next) {
		if (is_el(c, "table"))
			*table = true;
		if (el_in(c, tags))
			k++;
		if (c->type == XML_ELEMENT_NODE)
			k += blocks_in(c, depth + 1, table);
	}
	return k;
}

struct layout_scan {
	bool layout;
};

static void scan_row(void *ctx, const xmlNode *tr, bool head)
{
	struct layout_scan *ls = ctx;
	const xmlNode *c;
	bool table = false;

	(void)head;
	for (c = tr->children; c && !ls->layout; c = c->next)
		if ((is_el(c, "td") || is_el(c, "th")) && (blocks_in(c, 0, &table) > 3 || table))
			ls->layout = true;
}

/* A table used to lay a page out, not to hold data. */
static bool layout_table(const xmlNode *t)
{
	struct layout_scan ls = { false };

	each_row(t, scan_row, &ls);
	return ls.layout;
}

static size_t span_attr(const xmlNode *n, const char *name)
{
	char *v = get_attr(n, name);
	long k = v ? strtol(v, NULL, 10) : 1;

	if (v)
		xmlFree(v);
	return k < 1 ? 1 : (size_t)k;
}

struct table_read {
	struct html *h;
	struct pw_grid g;
	int depth;
};

static void read_row(void *ctx, const xmlNode *tr, bool head)
{
	struct table_read *tr_ = ctx;
	struct html *h = tr_->h;
	struct strbuf cell = STRBUF_INIT, *outer = h->cell;
	const xmlNode *c;
	bool all_th = true, any = false;

	for (c = tr->children; c; c = c->next)
		if (is_el(c, "td") || is_el(c, "th")) {
			any = true;
			all_th &= is_el(c, "th");
		}
	pw_grid_row(&tr_->g, head || (any && all_th));
	for (c = tr->children; c && !h->refused; c = c->next) {
		if (!is_el(c, "td") && !is_el(c, "th"))
			continue;
		sb_reset(&cell);
		h->cell = &cell;
		walk(h, c, tr_->depth + 1);
		h->cell = outer;
		if (pw_grid_cell(&tr_->g, cell.buf, span_attr(c, "colspan"),
				 span_attr(c, "rowspan"), false) < 0)
			h->refused = true;
	}
	sb_release(&cell);
}

static void read_table(struct html *h, const xmlNode *t, int depth)
{
	struct table_read tr = { .h = h, .depth = depth };
	const xmlNode *c;

	flush(h);
	for (c = t->children; c; c = c->next)
		if (is_el(c, "caption")) {
			walk(h, c, depth + 1);
			flush(h);
		}
	pw_grid_init(&tr.g, &h->cells);
	each_row(t, read_row, &tr);
	if (!h->refused)
		pw_grid_emit(&tr.g, h->out);
	pw_grid_release(&tr.g);
}

/* ------------------------------------------------------------------ */

static void walk(struct html *h, const xmlNode *n, int depth)
{
	const xmlNode *c;
	bool block, was_pre = h->pre;

	if (depth > PW_OFFICE_MAX_DEPTH) {
		h->refused = true;
		return;
	}
	for (c = n->children; c && !h->refused; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				text(h, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || left_out(c))
			continue;
		if (is_el(c, "br")) {
			flush(h);
			continue;
		}
		if (is_el(c, "table") && !h->cell && !layout_table(c)) {
			read_table(h, c, depth + 1);
			continue;
		}
		block = is_block(c);
		if (block)
			flush(h);
		if (is_el(c, "pre"))
			h->pre = true;
		walk(h, c, depth + 1);
		h->pre = was_pre;
		if (h->cell && (is_el(c, "td") || is_el(c, "th")))
			sb_addch(h->cell, ' '); /* cells of a table inside a cell */
		else if (block)
			flush(h);
	}
}

/* ------------------------------------------------------------------ */
/* Encoding                                                           */

static bool isalnum_ascii(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The charset named in the page's first kilobytes into enc; false if
 * none. */
static bool declared_charset(const char *buf, size_t len, char *enc, size_t size)
{
	size_t head = len < 4096 ? len : 4096, i, k;
	const char *p;

	for (i = 0; i + 7 < head; i++) {
		if (strncasecmp(buf + i, "charset", 7))
			continue;
		p = buf + i + 7;
		while (p < buf + head && (*p == ' ' || *p == '='))
			p++;
		if (p < buf + head && (*p == '"' || *p == '\''))
			p++;
		for (k = 0; p + k < buf + head && k + 1 < size &&
			    (isalnum_ascii(p[k]) || p[k] == '-' || p[k] == '_');
		     k++)
			enc[k] = p[k];
		enc[k] = '\0';
		if (k)
			return true;
	}
	return false;
}

/* The encoding to parse buf with (see the file head). */
static const char *page_encoding(const char *buf, size_t len, char *enc, size_t size)
{
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		return "UTF-8";
	if (len >= 2 && !memcmp(buf, "\xFF\xFE", 2))
		return "UTF-16LE";
	if (len >= 2 && !memcmp(buf, "\xFE\xFF", 2))
		return "UTF-16BE";
	if (declared_charset(buf, len, enc, size)) {
		if (!strncasecmp(enc, "gb", 2) || !strcasecmp(enc, "x-gbk") ||
		    !strcasecmp(enc, "cp936"))
			return "GB18030"; /* GB2312 and GBK pages use its characters */
		return enc;
	}
	return pw_utf8_valid_prefix(buf, len) == len ? "UTF-8" : "GB18030";
}

int pw_html_text(const char *name, const char *buf, size_t len, struct strbuf *out)
{
	struct html h = { .name = name, .out = out, .cells = PW_OFFICE_MAX_CELLS };
	char declared[40];
	const char *enc;
	htmlDocPtr doc;

	if (len > PW_HTML_MAX_BYTES)
		return pw_error("%s: web page too large (%zu MB; the limit is %zu MB)", name,
				len >> 20, PW_HTML_MAX_BYTES >> 20);
	if (len > (size_t)0x7fffffff)
		return pw_error("%s: web page too large", name);
	enc = page_encoding(buf, len, declared, sizeof(declared));
	doc = htmlReadMemory(buf, (int)len, NULL, enc,
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET);
	if (!doc)
		return pw_error("%s: cannot read the web page (encoding %s)", name, enc);
	sb_init(&h.line, 0);
	walk(&h, (const xmlNode *)doc, 0);
	flush(&h);
	sb_release(&h.line);
	xmlFreeDoc(doc);
	if (h.refused)
		return pw_error("%s: web page refused: nested too deep or too many table cells",
				name);
	return 0;
}
