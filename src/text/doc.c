/*
 * doc.c - load a plan document: detect the encoding, decode to UTF-8,
 * split lines (LF, CRLF or CR) and clean each line; see doc.h.
 */
#include "text/doc.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

static int looks_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < 65536 ? len : 65536) != NULL;
}

/* Decodes buf into d->text.  Returns 0 or -1 after reporting. */
static int decode(struct pw_doc *d, const char *buf, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	size_t bad = 0, good;
	long line, col;

	if (len >= 2 && ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)) {
		d->encoding = "UTF-16LE";
		if (convert("UTF-16LE", buf + 2, len - 2, &out, &bad) < 0)
			goto bad_utf16;
	} else if (len >= 2 && ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)) {
		d->encoding = "UTF-16BE";
		if (convert("UTF-16BE", buf + 2, len - 2, &out, &bad) < 0)
			goto bad_utf16;
	} else {
		if (looks_binary(buf, len)) {
			return pw_error("%s: binary file (NUL bytes), not a plan text", d->name);
		}
		if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
			d->encoding = "UTF-8 (BOM)";
			buf += 3;
			len -= 3;
		} else {
			d->encoding = "UTF-8";
		}
		good = pw_utf8_valid_prefix(buf, len);
		if (good == len) {
			sb_add(&out, buf, len);
		} else if (!strcmp(d->encoding, "UTF-8") && pw_utf8_multibyte_count(buf, good) < 16 &&
			   convert("GB18030", buf, len, &out, &bad) == 0) {
			/* Not UTF-8 from (almost) the start, and valid GB18030. */
			d->encoding = "GB18030";
		} else {
			locate(buf, good, &line, &col);
			sb_release(&out);
			return pw_error_at(d->name, line, col,
					   "invalid UTF-8 (byte 0x%02X); re-save the file as UTF-8 or GB18030",
					   (unsigned char)buf[good]);
		}
	}
	d->text_len = out.len;
	d->text = sb_detach(&out, NULL);
	return 0;

bad_utf16:
	sb_release(&out);
	return pw_error("%s: invalid %s at byte %zu", d->name, d->encoding, bad + 2);
}

/* Full-width forms that carry numbers and comparators, mapped to ASCII. */
static int fullwidth_to_ascii(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10) + '0';
	if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
		return (int)(cp - 0xFF21) + 'A';
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

/* Length of an HTML tag starting at s ("<ol ...>", "</li>"), or 0. */
static size_t html_tag_len(const char *s)
{
	const char *p = s + 1;
	const char *end;

	if (*p == '/')
		p++;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '!'))
		return 0;
	end = strchr(p, '>');
	return end ? (size_t)(end - s) + 1 : 0;
}

/* Bytes that may start something clean_line changes: a tag, emphasis, or a
 * full-width form (U+FF00..U+FFFF is EF BC xx / EF BD xx in UTF-8). */
static int is_special(unsigned char c)
{
	return c == '<' || c == '*' || c == '_' || c == 0xEF;
}

/* Handles one special byte sequence at s[i]; returns bytes consumed. */
static size_t clean_special(const char *s, size_t len, size_t i, struct strbuf *out)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	size_t n, w;
	int a;

	if (c == '<')
		return (n = html_tag_len(s + i)) && n <= len - i ? n : (sb_addch(out, c), 1);
	if (c == '*' || c == '_') {
		if (i + 1 < len && s[i + 1] == (char)c)
			return 2;
		sb_addch(out, c);
		return 1;
	}
	w = pw_utf8_decode(s + i, len - i, &cp);
	a = fullwidth_to_ascii(cp);
	if (a && cp >= 0xFF41 && cp <= 0xFF5A)
		a = (int)(cp - 0xFF41) + 'a';
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
	size_t i = 0, run;

	/* Markdown heading marks: "## 第二章" */
	while (i < len && s[i] == '#')
		i++;
	if (i == 0 || i >= len || s[i] != ' ')
		i = 0;
	else
		i++;
	while (i < len) {
		for (run = i; run < len && !is_special((unsigned char)s[run]); run++)
			;
		sb_add(out, s + i, run - i);
		i = run;
		if (i < len)
			i += clean_special(s, len, i, out);
	}
}

/* Splits d->text into cleaned lines kept in one arena. */
static void split_lines(struct pw_doc *d)
{
	struct strbuf arena = STRBUF_INIT;
	size_t *offs = NULL, noffs = 0, offs_alloc = 0, i = 0, start, k;
	const char *t = d->text;

	sb_grow(&arena, d->text_len + 16);
	while (i <= d->text_len) {
		start = i;
		while (i < d->text_len && t[i] != '\n' && t[i] != '\r')
			i++;
		if (i == d->text_len && start == i && noffs > 0)
			break; /* no empty line after a final line end */
		ALLOC_GROW(offs, noffs + 1, offs_alloc);
		offs[noffs++] = arena.len;
		clean_line(t + start, i - start, &arena);
		sb_addch(&arena, '\0');
		if (i < d->text_len && t[i] == '\r' && i + 1 < d->text_len && t[i + 1] == '\n')
			i++;
		i++;
	}
	d->arena = sb_detach(&arena, NULL);
	d->lines = xcalloc(noffs, sizeof(*d->lines));
	d->nlines = d->lines_alloc = noffs;
	for (k = 0; k < noffs; k++) {
		d->lines[k].s = d->arena + offs[k];
		d->lines[k].len = strlen(d->lines[k].s);
		d->lines[k].no = (int)k + 1;
	}
	free(offs);
}

int pw_doc_from_bytes(struct pw_doc *d, const char *name, const char *buf, size_t len)
{
	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	if (len == 0 || (len == 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))) {
		pw_error("%s: empty file", name);
		goto fail;
	}
	if (len > PW_DOC_MAX_BYTES) {
		pw_error("%s: file too large (%zu MB; the limit is %zu MB)", name, len >> 20,
			 PW_DOC_MAX_BYTES >> 20);
		goto fail;
	}
	if (decode(d, buf, len) < 0)
		goto fail;
	split_lines(d);
	return 0;
fail:
	free(d->name);
	memset(d, 0, sizeof(*d));
	return -1;
}

int pw_doc_load(struct pw_doc *d, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	struct stat st;
	size_t n;
	int rc;

	if (!f)
		return pw_error("cannot open '%s': %s", path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > PW_DOC_MAX_BYTES) {
		fclose(f);
		return pw_error("%s: file too large (%lld MB; the limit is %zu MB)", path,
				(long long)st.st_size >> 20, PW_DOC_MAX_BYTES >> 20);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		sb_add(&sb, chunk, n);
		if (sb.len > PW_DOC_MAX_BYTES)
			break;
	}
	if (ferror(f)) {
		rc = pw_error("cannot read '%s': %s", path, strerror(errno));
		fclose(f);
		sb_release(&sb);
		return rc;
	}
	fclose(f);
	rc = pw_doc_from_bytes(d, path, sb.buf, sb.len);
	sb_release(&sb);
	return rc;
}

void pw_doc_release(struct pw_doc *d)
{
	free(d->name);
	free(d->text);
	free(d->arena);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}
