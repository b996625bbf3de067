/*
 * doc.c - load a plan document: detect the encoding, decode to UTF-8,
 * split lines (LF, CRLF or CR) and clean each line; see doc.h.  Every
 * byte held for the file (its bytes, the decoded text, the cleaned lines
 * and their table) is charged to a budget (util/budget.h) before it is
 * allocated.
 */
#include "text/doc.h"
#include "text/office.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/budget.h"
#include "util/error.h"
#include "util/input.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* How a text is loaded: for a plan (with the line table) or as the text
 * only (CSV), and the budget it is charged to. */
struct load {
	struct pw_budget *b;
	bool plan;     /* a plan document (else a CSV's text) */
	bool programs; /* a file the user named: converters may read it */
};

/* Converts len bytes from encoding 'from' into out (UTF-8).  On failure
 * returns -1 and sets *bad to the offset of the offending input byte. */
static int convert(const char *from, const char *in, size_t len, struct strbuf *out, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in;
	size_t il = len;

	if (cd == (iconv_t)-1) {
		*bad = 0;
		return -1;
	}
	sb_grow(out, len * 2 + 16);
	while (il) {
		char *op = out->buf + out->len;
		size_t ol = out->alloc - out->len - 1;
		size_t r = iconv(cd, &ip, &il, &op, &ol);

		sb_setlen(out, (size_t)(op - out->buf));
		if (r == (size_t)-1) {
			if (errno == E2BIG) {
				sb_grow(out, il * 2 + 16);
				continue;
			}
			*bad = (size_t)(ip - in);
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}

/* Line and column (in code points) of byte offset off in UTF-8-ish text. */
static void locate(const char *s, size_t off, long *line, long *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Refuses text holding a NUL byte (a binary file, or a text that strlen
 * would cut short): -1 after reporting its line and column; 0 if none. */
static int refuse_nul(const struct pw_doc *d, const struct load *ld, const char *s, size_t len)
{
	const char *nul = memchr(s, '\0', len);
	long line, col;

	if (!nul)
		return 0;
	locate(s, (size_t)(nul - s), &line, &col);
	if (ld->plan)
		return pw_error_at(d->name, line, col, "binary file (NUL bytes), not a plan text");
	return pw_error_at(d->name, line, col, "a NUL byte: a binary file, not CSV text");
}

/* Decodes the bytes in *in (charged to ld->b) into d->text, taking over
 * in's buffer when it is UTF-8 already (in is left empty either way, its
 * charge moved to the text).  Returns 0 or -1 after reporting. */
static int decode(struct pw_doc *d, struct strbuf *in, const struct load *ld)
{
	struct strbuf out = STRBUF_INIT;
	const char *buf = in->buf;
	size_t bad = 0, good, len = in->len;
	size_t in_charge = in->alloc;
	long line, col;
	int rc = 0;

	/* iconv writes at most 2 bytes of UTF-8 per input byte here (UTF-16
	 * and GB18030 units of 2 bytes are at most 3 in UTF-8) */
	if (pw_budget_charge(ld->b, len * 2 + 16) < 0) {
		sb_release(in);
		return -1;
	}
	if (len >= 2 && ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)) {
		d->encoding = "UTF-16LE";
		if (convert("UTF-16LE", buf + 2, len - 2, &out, &bad) < 0)
			goto bad_utf16;
	} else if (len >= 2 && ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)) {
		d->encoding = "UTF-16BE";
		if (convert("UTF-16BE", buf + 2, len - 2, &out, &bad) < 0)
			goto bad_utf16;
	} else {
		if (refuse_nul(d, ld, buf, len) < 0) {
			sb_release(in);
			return -1;
		}
		d->encoding = "UTF-8";
		if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
			d->encoding = "UTF-8 (BOM)";
			memmove(in->buf, in->buf + 3, len - 3);
			sb_setlen(in, len -= 3);
		}
		good = pw_utf8_valid_prefix(buf, len);
		if (good == len) {
			sb_release(&out);
			out = *in; /* already UTF-8: no copy */
			sb_init(in, 0);
			in_charge = len * 2 + 16; /* the conversion's room is not used */
		} else if (!strcmp(d->encoding, "UTF-8") && pw_utf8_multibyte_count(buf, good) < 16 &&
			   convert("GB18030", buf, len, &out, &bad) == 0) {
			/* Not UTF-8 from (almost) the start, and valid GB18030. */
			d->encoding = "GB18030";
		} else {
			locate(buf, good, &line, &col);
			rc = pw_error_at(d->name, line, col,
					 "invalid UTF-8 (byte 0x%02X); re-save the file as UTF-8 or GB18030",
					 (unsigned char)buf[good]);
			sb_release(&out);
			sb_release(in);
			return rc;
		}
	}
	sb_release(in);
	pw_budget_release(ld->b, in_charge);
	if (refuse_nul(d, ld, out.buf, out.len) < 0) { /* U+0000 in UTF-16 */
		sb_release(&out);
		return -1;
	}
	d->text_len = out.len;
	d->text = sb_detach(&out, NULL);
	return 0;

bad_utf16:
	/* out holds the text decoded before the bad unit: it gives the line
	 * and the column (in code points) where the problem is. */
	locate(out.buf, out.len, &line, &col);
	rc = pw_error_at(d->name, line, col, "invalid %s (byte offset %zu)", d->encoding,
			 bad + 2);
	sb_release(&out);
	sb_release(in);
	return rc;
}

/* Full-width forms that carry numbers and comparators, mapped to ASCII
 * (letters too: Ａ..Ｚ and ａ..ｚ sit 0xFEE0 above their ASCII forms).
 * The full-width comma stays: it is also the sentence comma, so only the
 * number scanner, which sees the digits around it, reads １５，６８０ as
 * a thousands separator (pw_scan_number). */
static int fullwidth_to_ascii(uint32_t cp)
{
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A))
		return (int)(cp - 0xFEE0);
	switch (cp) {
	case 0xFF05: return '%';
	case 0xFF0E: return '.';
	case 0xFF0B: return '+';
	case 0xFF0D: return '-';
	case 0xFF0F: return '/';
	case 0xFF1C: return '<';
	case 0xFF1E: return '>';
	case 0xFF1D: return '=';
	case 0xFF3B: return '[';
	case 0xFF3D: return ']';
	case 0xFF0A: return '*';
	default: return 0;
	}
}

/* A line being cleaned, and where its next '>' is: found again only once
 * passed, so that a line of many '<' without '>' is not rescanned to its
 * end for each. */
struct cline {
	const char *s;
	size_t len;
	size_t gt; /* index of the next '>' at or after the last look, or len */
};

/* Length of an HTML tag starting at s[i] ("<ol ...>", "</li>") and ending
 * within the line, or 0. */
static size_t html_tag_len(struct cline *l, size_t i)
{
	const char *s = l->s, *p;
	size_t j = i + 1;

	if (j < l->len && s[j] == '/')
		j++;
	if (j >= l->len || !((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			     s[j] == '!'))
		return 0;
	if (l->gt < j) {
		p = memchr(s + j, '>', l->len - j);
		l->gt = p ? (size_t)(p - s) : l->len;
	}
	return l->gt < l->len ? l->gt - i + 1 : 0;
}

/* Bytes that may start something clean_line changes: a tag, emphasis, or a
 * full-width form (U+FF00..U+FFFF is EF BC xx / EF BD xx in UTF-8). */
static const unsigned char special[256] = {
	['<'] = 1, ['*'] = 1, ['_'] = 1, [0xEF] = 1,
};

/* The ASCII form of the full-width character at u (left bytes), or 0.
 * Most EF sequences in Chinese text are punctuation that stays (，：；),
 * so this is asked inline, without breaking the run being copied. */
static int fullwidth_at(const unsigned char *u, size_t left)
{
	if (left < 3 || u[0] != 0xEF || (u[1] != 0xBC && u[1] != 0xBD))
		return 0;
	return fullwidth_to_ascii(0xF000u | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F));
}

/* True if clean_line changes something at s[i]. */
static bool changes_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];

	return special[c] && (c != 0xEF || fullwidth_at((const unsigned char *)s + i, len - i));
}

/* Handles one special byte sequence at s[i]; returns bytes consumed. */
static size_t clean_special(struct cline *l, size_t i, struct strbuf *out)
{
	const char *s = l->s;
	size_t len = l->len, n, w;
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	int a;

	if (c == '<') {
		if ((n = html_tag_len(l, i)))
			return n;
		sb_addch(out, c);
		return 1;
	}
	if (c == '*' || c == '_') {
		if (i + 1 < len && s[i + 1] == (char)c)
			return 2;
		sb_addch(out, c);
		return 1;
	}
	w = pw_utf8_decode(s + i, len - i, &cp);
	a = fullwidth_to_ascii(cp);
	if (a)
		sb_addch(out, a);
	else
		sb_add(out, s + i, w);
	return w;
}

/* Appends the cleaned form of line [s, s+len) to out; plain runs are
 * copied in bulk, which keeps cleaning at memory speed. */
static void clean_line(const char *s, size_t len, struct strbuf *out)
{
	struct cline l = { s, len, 0 };
	size_t i = 0, run;

	/* Markdown heading marks: "## 第二章" */
	while (i < len && s[i] == '#')
		i++;
	if (i == 0 || i >= len || s[i] != ' ')
		i = 0;
	else
		i++;
	while (i < len) {
		for (run = i; run < len && !changes_at(s, run, len); run++)
			;
		sb_add(out, s + i, run - i);
		i = run;
		if (i < len)
			i += clean_special(&l, i, out);
	}
}

/* End of the line that starts at i: the next \n or \r, or n.  *nl holds
 * the next \n at or after i (n if none), found again only once passed, so
 * that a file with CR line ends is not rescanned to its end per line. */
static size_t line_end(const char *t, size_t i, size_t n, size_t *nl)
{
	const char *p;

	if (*nl < i) {
		p = memchr(t + i, '\n', n - i);
		*nl = p ? (size_t)(p - t) : n;
	}
	p = memchr(t + i, '\r', *nl - i);
	return p ? (size_t)(p - t) : *nl;
}

/* Number of lines split_lines() makes of the n bytes at t: one per line
 * end (CRLF counted once), plus the last line unless it is empty. */
static size_t count_lines(const char *t, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++) {
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= n || t[i + 1] != '\n')))
			k++;
	}
	return k + (n == 0 || (t[n - 1] != '\n' && t[n - 1] != '\r'));
}

/* Splits d->text into cleaned lines kept in one arena.  Both are sized
 * before they are filled (a cleaned line is never longer than the line),
 * so that a file of line ends costs its table once, and charged to b
 * first: 0, or -1 after reporting (nothing allocated). */
static int split_lines(struct pw_doc *d, struct pw_budget *b)
{
	struct strbuf arena = STRBUF_INIT;
	size_t n = count_lines(d->text, d->text_len), i = 0, start, k = 0, nl;
	const char *t = d->text, *p = memchr(t, '\n', d->text_len);

	if (n > (size_t)-1 / sizeof(*d->lines) ||
	    pw_budget_charge(b, n * sizeof(*d->lines)) < 0 ||
	    pw_budget_charge(b, d->text_len + n + 16) < 0)
		return -1;
	nl = p ? (size_t)(p - t) : d->text_len;
	sb_grow(&arena, d->text_len + n + 16);
	d->lines = xcalloc(n, sizeof(*d->lines));
	while (i <= d->text_len && k < n) {
		start = i;
		i = line_end(t, i, d->text_len, &nl);
		d->lines[k].len = arena.len; /* the offset, until the arena is done */
		d->lines[k].no = (int)k + 1;
		k++;
		clean_line(t + start, i - start, &arena);
		sb_addch(&arena, '\0');
		if (i < d->text_len && t[i] == '\r' && i + 1 < d->text_len && t[i + 1] == '\n')
			i++;
		i++;
	}
	if (k != n)
		PW_BUG("counted %zu lines, split %zu", n, k);
	d->arena = sb_detach(&arena, NULL);
	d->nlines = d->lines_alloc = n;
	for (k = 0; k < n; k++) {
		d->lines[k].s = d->arena + d->lines[k].len;
		d->lines[k].len = strlen(d->lines[k].s);
	}
	return 0;
}

static int too_large(const char *name, size_t len)
{
	return pw_error_kind(PW_ERR_INPUT, "%s: file too large (%zu MB; the limit is %zu MB)", name,
			     len >> 20, PW_DOC_MAX_BYTES >> 20);
}

/* pw_doc_from_bytes() on bytes held in *in, which it takes over (in is
 * left empty, whatever the outcome), charging them to ld->b.  A plan in
 * another format (Word, web page, PDF, legacy Office: text/office.h) is
 * first read as its text; only a file the user named (ld->programs) may
 * be handed to pdftotext or LibreOffice. */
static int doc_from_strbuf(struct pw_doc *d, const char *name, struct strbuf *in,
			   const struct load *ld)
{
	const char *format = NULL;

	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	if (in->len == 0 || (in->len == 3 && !memcmp(in->buf, "\xEF\xBB\xBF", 3))) {
		pw_error_kind(PW_ERR_INPUT, "%s: empty file", name);
		goto fail;
	}
	if (in->len > PW_DOC_MAX_BYTES) {
		too_large(name, in->len);
		goto fail;
	}
	if (ld->plan && pw_office_text(name, in, ld->programs, &format) < 0)
		goto fail;
	if (pw_budget_charge(ld->b, in->alloc) < 0 || decode(d, in, ld) < 0)
		goto fail;
	if (format)
		d->encoding = format;
	if (ld->plan && split_lines(d, ld->b) < 0) {
		free(d->text);
		goto fail;
	}
	return 0;
fail:
	sb_release(in);
	free(d->name);
	memset(d, 0, sizeof(*d));
	return -1;
}

static int from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len,
		      const struct load *ld)
{
	struct strbuf in = STRBUF_INIT;

	if (len > PW_DOC_MAX_BYTES) { /* refused before the copy */
		memset(d, 0, sizeof(*d));
		return too_large(name, len);
	}
	sb_add(&in, buf, len);
	return doc_from_strbuf(d, name, &in, ld);
}

int pw_doc_from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len)
{
	struct pw_budget b;
	struct load ld = { &b, true };

	pw_budget_init(&b, name);
	return from_bytes(d, name, buf, len, &ld);
}

int pw_doc_text_from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len,
			   struct pw_budget *b)
{
	struct load ld = { b, false };

	return from_bytes(d, name, buf, len, &ld);
}

/* Reads all of fd into sb (caller releases), stopping once past the size
 * limit.  size_hint: the file's size. */
static int read_all(int fd, size_t size_hint, struct strbuf *sb)
{
	ssize_t n;

	sb_grow(sb, size_hint + 4096); /* room to see EOF without regrowing */
	for (;;) {
		if (sb->alloc - sb->len - 1 < 4096)
			sb_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : 0;
		sb_setlen(sb, sb->len + (size_t)n);
		if (sb->len > PW_DOC_MAX_BYTES)
			return 0;
	}
}

static int load(struct pw_doc *d, const char *path, const struct load *ld)
{
	struct strbuf sb = STRBUF_INIT;
	size_t size = 0;
	int fd = pw_open_input(path, &size), rc;

	if (fd < 0)
		return -1;
	if (size > PW_DOC_MAX_BYTES) {
		close(fd);
		return too_large(path, size);
	}
	if (read_all(fd, size, &sb) < 0) {
		rc = pw_error_kind(PW_ERR_INPUT, "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		sb_release(&sb);
		return rc;
	}
	close(fd);
	return doc_from_strbuf(d, path, &sb, ld);
}

int pw_doc_load(struct pw_doc *d, const char *path)
{
	struct pw_budget b;
	struct load ld = { &b, true, true };

	pw_budget_init(&b, path);
	return load(d, path, &ld);
}

int pw_doc_load_text(struct pw_doc *d, const char *path, struct pw_budget *b)
{
	struct load ld = { b, false };

	return load(d, path, &ld);
}

void pw_doc_release(struct pw_doc *d)
{
	free(d->name);
	free(d->text);
	free(d->arena);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}
