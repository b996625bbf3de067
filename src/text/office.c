/*
 * office.c - tells a document's format from its bytes, sends it to its
 * reader (docx.c, html.c, pdf.c), and converts the legacy formats with
 * LibreOffice; also the small process and temporary-folder helpers the
 * readers share (office_int.h).  See office.h.
 *
 * Outside programs (soffice, pdftotext) run with their output on
 * /dev/null, in a process group of their own that is killed after a
 * timeout, on copies of the input in a private temporary folder (mode
 * 0700) removed afterwards: a document never names a path they write to.
 */
#include "text/office.h"
#include "text/office_int.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/input.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

/* ------------------------------------------------------------------ */
/* Temporary folders, files and programs                              */

int pw_tmp_init(struct pw_tmp *t, const char *name)
{
	const char *base = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;

	if (!base || !*base)
		base = "/tmp";
	sb_addf(&sb, "%s/planwatch-XXXXXX", base);
	if (!mkdtemp(sb.buf)) {
		t->dir = NULL;
		sb_release(&sb);
		return pw_error("%s: cannot make a temporary folder in '%s': %s", name, base,
				strerror(errno));
	}
	t->dir = sb_detach(&sb, NULL);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void pw_tmp_release(struct pw_tmp *t)
{
	if (t->dir)
		nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t->dir);
	t->dir = NULL;
}

void pw_tmp_path(const struct pw_tmp *t, const char *leaf, struct strbuf *sb)
{
	sb_reset(sb);
	sb_addf(sb, "%s/%s", t->dir, leaf);
}

int pw_write_file(const char *name, const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f)
		return pw_error("%s: cannot write '%s': %s", name, path, strerror(errno));
	bad = fwrite(buf, 1, len, f) != len;
	bad |= fclose(f) != 0;
	return bad ? pw_error("%s: cannot write '%s': %s", name, path, strerror(errno)) : 0;
}

int pw_read_file(const char *name, const char *path, size_t max, struct strbuf *out)
{
	size_t size = 0, n;
	int fd = pw_open_input(path, &size); /* a FIFO would block */
	FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");

	sb_reset(out);
	if (fd < 0)
		return -1;
	if (!f) {
		close(fd);
		return pw_error_kind(PW_ERR_INPUT, "%s: cannot open '%s': %s", name, path,
				     strerror(errno));
	}
	if (size > max) {
		fclose(f);
		return 1;
	}
	sb_grow(out, size + 1);
	while ((n = fread(out->buf + out->len, 1, out->alloc - out->len - 1, f)) > 0) {
		sb_setlen(out, out->len + n);
		if (out->len > max) {
			fclose(f);
			return 1;
		}
		sb_grow(out, 65536);
	}
	n = (size_t)ferror(f);
	fclose(f);
	return n ? pw_error("%s: cannot read '%s'", name, path) : 0;
}

bool pw_have_program(const char *program)
{
	const char *path = getenv("PATH"), *p, *e;
	struct strbuf sb = STRBUF_INIT;
	bool ok = false;

	for (p = path ? path : ""; *p && !ok; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		sb_reset(&sb);
		sb_addf(&sb, "%.*s/%s", (int)(e - p), p, program);
		ok = e > p && access(sb.buf, X_OK) == 0;
	}
	sb_release(&sb);
	return ok;
}

/* The child's side of pw_run: a process group of its own (so that a
 * timeout kills soffice's helpers too), standard streams on /dev/null. */
static void run_child(char *const argv[])
{
	int fd = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	execvp(argv[0], argv);
	_exit(127);
}

int pw_run(char *const argv[], int timeout)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	long waited = 0;
	int status;
	pid_t pid = fork(), r;

	if (pid < 0)
		return -1;
	if (pid == 0)
		run_child(argv);
	setpgid(pid, pid); /* also here: no race with the kill below */
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited++ > (long)timeout * 50) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ------------------------------------------------------------------ */
/* Telling the format                                                 */

static const char *extension(const char *name)
{
	const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static bool ext_is(const char *name, const char *const *list)
{
	const char *e = extension(name);

	for (; *list; list++)
		if (!strcasecmp(e, *list))
			return true;
	return false;
}

static const char *const html_exts[] = { "html", "htm", "xhtml", "shtml", NULL };
static const char *const sheet_exts[] = { "xls", "et", "xlt", "ett", NULL };
static const char *const word_exts[] = { "doc", "wps", "dot", "wpt", NULL };

static bool has_prefix_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && !strncasecmp(s, lit, n);
}

/* True if s[0..len) holds lit, case-insensitively. */
static bool holds_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), i;

	for (i = 0; i + n <= len; i++)
		if (!strncasecmp(s + i, lit, n))
			return true;
	return false;
}

/* A web page: starts (after a BOM and blanks) with markup that names
 * html in its first kilobytes; plain text with stray tags (<ol>, </li>)
 * does not. */
static bool looks_html(const char *name, const char *buf, size_t len)
{
	size_t head = len < 2048 ? len : 2048;

	if (head >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		head -= 3;
	}
	while (head && (*buf == ' ' || *buf == '\t' || *buf == '\r' || *buf == '\n')) {
		buf++;
		head--;
	}
	if (!head || *buf != '<')
		return false;
	if (ext_is(name, html_exts))
		return true;
	return has_prefix_ci(buf, head, "<!doctype html") || has_prefix_ci(buf, head, "<html") ||
	       ((has_prefix_ci(buf, head, "<?xml") || has_prefix_ci(buf, head, "<!--")) &&
		holds_ci(buf, head, "<html"));
}

/* What a zip archive holds. */
static enum pw_format sniff_zip(const char *buf, size_t len)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;
	enum pw_format f = PW_FMT_ZIP;

	zip_error_init(&err);
	src = zip_source_buffer_create(buf, len, 0, &err);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (!za) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&err);
		return PW_FMT_ZIP;
	}
	if (zip_name_locate(za, "word/document.xml", 0) >= 0)
		f = PW_FMT_DOCX;
	else if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0)
		f = PW_FMT_XLSX;
	else if (zip_name_locate(za, "content.xml", 0) >= 0 &&
		 zip_name_locate(za, "mimetype", 0) >= 0)
		f = PW_FMT_LEGACY; /* OpenDocument */
	zip_discard(za);
	zip_error_fini(&err);
	return f;
}

#define OLE2_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

enum pw_format pw_format_sniff(const char *name, const char *buf, size_t len)
{
	size_t head = len < 1024 ? len : 1024;

	if (len >= 4 && !memcmp(buf, "PK\x03\x04", 4))
		return sniff_zip(buf, len);
	if (len >= 8 && !memcmp(buf, OLE2_MAGIC, 8))
		return PW_FMT_LEGACY;
	if (len >= 5 && !memcmp(buf, "{\\rtf", 5))
		return PW_FMT_LEGACY;
	if (head >= 5 && memmem(buf, head, "%PDF-", 5))
		return PW_FMT_PDF;
	if (looks_html(name, buf, len))
		return PW_FMT_HTML;
	return PW_FMT_TEXT;
}

int pw_office_is_legacy(const char *path)
{
	char magic[8];
	struct stat st;
	ssize_t n;
	int fd;

	if (ext_is(path, sheet_exts) || ext_is(path, word_exts))
		return 1;
	/* a sniff, not a read: anything but a regular file is left to the
	 * reader, which refuses it (util/input.h) */
	fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);
	return n == (ssize_t)sizeof(magic) && !memcmp(magic, OLE2_MAGIC, 8);
}

/* ------------------------------------------------------------------ */
/* LibreOffice                                                        */

void pw_converted_release(struct pw_converted *c)
{
	struct pw_tmp t = { c->dir };

	pw_tmp_release(&t);
	free(c->path);
	c->dir = c->path = NULL;
}

/* The extension the copy handed to LibreOffice gets: the file's own if
 * LibreOffice knows it, else one for what the bytes are. */
static const char *input_ext(const char *name, const char *buf, size_t len, const char *to)
{
	static const char *const known[] = { "doc", "wps", "dot", "rtf", "odt", "xls", "et",
					     "ods", "xlt", "ett", NULL };
	const char *e = extension(name);

	if (ext_is(name, known))
		return ext_is(name, sheet_exts) ? "xls" : ext_is(name, word_exts) ? "doc" : e;
	if (len >= 5 && !memcmp(buf, "{\\rtf", 5))
		return "rtf";
	if (len >= 4 && !memcmp(buf, "PK", 2))
		return !strcmp(to, "xlsx") ? "ods" : "odt";
	return !strcmp(to, "xlsx") ? "xls" : "doc";
}

static int no_soffice(const char *name, const char *to)
{
	return pw_error("%s: reading this format needs LibreOffice, which is not installed: "
			"install it (apt-get install %s) or save the file as .%s and try again",
			name,
			!strcmp(to, "xlsx") ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui",
			to);
}

/* Converts buf (a file named name) to `to` with soffice in a fresh
 * temporary folder; c as pw_office_convert. */
static int convert_bytes(const char *name, const char *buf, size_t len, const char *to,
			 struct pw_converted *c)
{
	struct pw_tmp t;
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, profile = STRBUF_INIT,
		      filter = STRBUF_INIT;
	struct stat st;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!pw_have_program("soffice"))
		return no_soffice(name, to);
	if (pw_tmp_init(&t, name) < 0)
		return -1;
	sb_addf(&in, "%s/in.%s", t.dir, input_ext(name, buf, len, to));
	sb_addf(&out, "%s/in.%s", t.dir, to);
	sb_addf(&profile, "-env:UserInstallation=file://%s/profile", t.dir);
	sb_addstr(&filter, to);
	rc = pw_write_file(name, in.buf, buf, len);
	if (rc == 0) {
		char *argv[] = { "soffice", profile.buf, "--headless", "--norestore",
				 "--nolockcheck", "--convert-to", filter.buf, "--outdir", t.dir,
				 in.buf, NULL };

		rc = pw_run(argv, PW_OFFICE_TIMEOUT);
		if (rc != 0 || stat(out.buf, &st) < 0 || st.st_size == 0)
			rc = pw_error("%s: LibreOffice could not convert it to .%s (is it a %s?)",
				      name, to,
				      !strcmp(to, "xlsx") ? "spreadsheet" : "text document");
	}
	sb_release(&in);
	sb_release(&profile);
	sb_release(&filter);
	if (rc < 0) {
		sb_release(&out);
		pw_tmp_release(&t);
		return -1;
	}
	c->dir = t.dir;
	c->path = sb_detach(&out, NULL);
	return 0;
}

int pw_office_convert(const char *path, const char *to, struct pw_converted *c)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = pw_read_file(path, path, PW_OFFICE_MAX_PART, &sb);
	if (rc == 1)
		rc = pw_error("%s: file too large to convert (over %zu MB)", path,
			      PW_OFFICE_MAX_PART >> 20);
	if (rc == 0)
		rc = convert_bytes(path, sb.buf, sb.len, to, c);
	sb_release(&sb);
	return rc;
}

/* A legacy document: converted to docx by LibreOffice, then read. */
static int legacy_text(const char *name, const char *buf, size_t len, struct strbuf *out)
{
	struct pw_converted c;
	struct strbuf docx = STRBUF_INIT;
	int rc;

	if (convert_bytes(name, buf, len, "docx", &c) < 0)
		return -1;
	rc = pw_read_file(name, c.path, PW_OFFICE_MAX_TOTAL, &docx);
	if (rc == 1)
		rc = pw_error("%s: the converted document is too large", name);
	if (rc == 0)
		rc = pw_docx_text(name, docx.buf, docx.len, out);
	sb_release(&docx);
	pw_converted_release(&c);
	return rc;
}

/* True if s holds nothing but white space. */
static bool only_blanks(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n\f", s[i]))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */

int pw_office_text(const char *name, struct strbuf *in, bool programs, const char **format)
{
	struct strbuf out = STRBUF_INIT;
	enum pw_format f = pw_format_sniff(name, in->buf, in->len);
	int rc = 0;

	*format = NULL;
	if (!programs && (f == PW_FMT_PDF || f == PW_FMT_LEGACY)) {
		sb_release(in);
		return pw_error("%s: a PDF or legacy Office document is read from a file only "
				"(planwatch import FILE)", name);
	}
	switch (f) {
	case PW_FMT_TEXT:
		return 0;
	case PW_FMT_DOCX:
		*format = "docx";
		rc = pw_docx_text(name, in->buf, in->len, &out);
		break;
	case PW_FMT_HTML:
		*format = "HTML";
		rc = pw_html_text(name, in->buf, in->len, &out);
		break;
	case PW_FMT_PDF:
		*format = "PDF";
		rc = pw_pdf_text(name, in->buf, in->len, &out);
		break;
	case PW_FMT_LEGACY:
		*format = "docx (converted by LibreOffice)";
		rc = legacy_text(name, in->buf, in->len, &out);
		break;
	case PW_FMT_XLSX:
		rc = pw_error("%s: an Excel workbook, not a plan document (monitoring data is "
			      "imported with 'planwatch data import')", name);
		break;
	case PW_FMT_ZIP:
		rc = pw_error("%s: a zip archive that is not a Word document (no "
			      "word/document.xml)", name);
		break;
	}
	sb_release(in);
	if (rc == 0 && out.len > PW_DOC_MAX_BYTES)
		rc = pw_error("%s: the document's text is too large (over %zu MB)", name,
			      PW_DOC_MAX_BYTES >> 20);
	if (rc == 0 && only_blanks(out.buf, out.len))
		rc = pw_error("%s: the %s document holds no text", name, *format);
	if (rc < 0) {
		sb_release(&out);
		*format = NULL;
		return -1;
	}
	*in = out;
	return 0;
}
