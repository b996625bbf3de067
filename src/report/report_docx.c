/*
 * report_docx.c - the report as a Word document: WordprocessingML written
 * by hand and zipped with libzip.  The package holds the minimum a word
 * processor needs ([Content_Types].xml, _rels/.rels, word/document.xml,
 * word/_rels/document.xml.rels, word/styles.xml): headings with outline
 * levels, real tables (w:tbl) whose header row repeats on each page,
 * Chinese fonts set through w:eastAsia (宋体 body, 黑体 headings), A4
 * landscape so that the completion table fits.
 */
#include "report/report.h"
#include "util/error.h"
#include "util/outfile.h"

#include <string.h>
#include <zip.h>

#define TEXT_WIDTH 14570 /* twips: A4 landscape less 2 cm margins */

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
	"relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
	"openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd."
	"openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"</Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	"2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	"2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>\n";

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define FONTS(east) "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" " \
		    "w:eastAsia=\"" east "\" w:cs=\"Times New Roman\"/>"

static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles " W_NS ">"
	"<w:docDefaults><w:rPrDefault><w:rPr>" FONTS("宋体")
	"<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
	"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"300\" "
	"w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	"</w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/>"
	"</w:pPr><w:rPr>" FONTS("黑体") "<w:b/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr>"
	"</w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
	"<w:color w:val=\"616161\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
	"<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
	FONTS("黑体") "<w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
	"<w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
	FONTS("楷体") "<w:b/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"120\"/>"
	"<w:jc w:val=\"center\"/></w:pPr><w:rPr>" FONTS("黑体") "<w:b/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
	"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
	"w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
	"</w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
	"<w:tblPr><w:tblBorders>"
	"<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
	"</w:tblBorders><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/>"
	"<w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
	"</w:styles>\n";

/* ---- document.xml -------------------------------------------------------- */

static const char *style_color(enum pw_rstyle s)
{
	switch (s) {
	case PW_RS_GOOD: return "2E7D32";
	case PW_RS_FAIR: return "1565C0";
	case PW_RS_BAD: return "C62828";
	case PW_RS_MUTED: return "808080";
	default: return NULL;
	}
}

/* One run of text; bold and colour from the style. */
static void run(struct strbuf *out, const char *text, enum pw_rstyle st)
{
	const char *color = style_color(st);
	bool bold = st == PW_RS_STRONG || st == PW_RS_BAD || st == PW_RS_GOOD;

	sb_addstr(out, "<w:r>");
	if (color || bold)
		sb_addf(out, "<w:rPr>%s%s%s%s</w:rPr>", bold ? "<w:b/>" : "",
			color ? "<w:color w:val=\"" : "", color ? color : "", color ? "\"/>" : "");
	sb_addstr(out, "<w:t xml:space=\"preserve\">");
	pw_report_xml_escape(out, text);
	sb_addstr(out, "</w:t></w:r>");
}

static void para(struct strbuf *out, const char *style, const char *jc, const char *text,
		 enum pw_rstyle st)
{
	sb_addstr(out, "<w:p>");
	if (style || jc)
		sb_addf(out, "<w:pPr>%s%s%s%s%s%s</w:pPr>", style ? "<w:pStyle w:val=\"" : "",
			style ? style : "", style ? "\"/>" : "", jc ? "<w:jc w:val=\"" : "",
			jc ? jc : "", jc ? "\"/>" : "");
	run(out, text, st);
	sb_addstr(out, "</w:p>\n");
}

/* Column widths in twips: 220 a character, scaled down to fit the page. */
static unsigned grid(const struct pw_rtable *t, unsigned *tw, size_t *n)
{
	double total = 0, scale;
	unsigned sum = 0;
	size_t c;

	*n = 0;
	for (c = 0; c < t->ncols; c++)
		if (!t->cols[c].sheet_only)
			total += 220.0 * (t->cols[c].width ? t->cols[c].width : 8);
	scale = total > TEXT_WIDTH ? TEXT_WIDTH / total : 1.0;
	for (c = 0; c < t->ncols; c++) {
		if (t->cols[c].sheet_only)
			continue;
		tw[*n] = (unsigned)(220.0 * (t->cols[c].width ? t->cols[c].width : 8) * scale);
		sum += tw[(*n)++];
	}
	return sum;
}

static void table_cell(struct strbuf *out, unsigned width, const char *text, enum pw_rstyle st,
		       bool head, bool right, size_t span)
{
	sb_addf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", width);
	if (span > 1)
		sb_addf(out, "<w:gridSpan w:val=\"%zu\"/>", span);
	if (head)
		sb_addstr(out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"ECEFF1\"/>");
	sb_addstr(out, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	sb_addf(out, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>%s</w:pPr>",
		head ? "<w:jc w:val=\"center\"/>" : right ? "<w:jc w:val=\"right\"/>" : "");
	run(out, text, head ? PW_RS_STRONG : st);
	sb_addstr(out, "</w:p></w:tc>");
}

static void table_head(struct strbuf *out, const struct pw_rtable *t, const unsigned *tw)
{
	size_t c, k = 0;

	sb_addstr(out, "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
	for (c = 0; c < t->ncols; c++)
		if (!t->cols[c].sheet_only)
			table_cell(out, tw[k++], t->cols[c].head, PW_RS_STRONG, true, false, 1);
	sb_addstr(out, "</w:tr>\n");
}

static void table_row(struct strbuf *out, const struct pw_rtable *t, size_t r,
		      const unsigned *tw, size_t ngrid, unsigned width)
{
	size_t c, k = 0;

	sb_addstr(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	if (t->span[r]) {
		table_cell(out, width, pw_rtable_cell(t, r, 0)->text, PW_RS_STRONG, false, false,
			   ngrid);
	} else {
		for (c = 0; c < t->ncols; c++) {
			const struct pw_rcell *cell = pw_rtable_cell(t, r, c);

			if (!t->cols[c].sheet_only)
				table_cell(out, tw[k++], cell->text, cell->style, false,
					   t->cols[c].numeric, 1);
		}
	}
	sb_addstr(out, "</w:tr>\n");
}

static void table(struct strbuf *out, const struct pw_rtable *t)
{
	unsigned tw[64], width;
	size_t n, r, c;

	if (t->ncols > 64)
		return;
	width = grid(t, tw, &n);
	/* CT_TblPr's children in schema order: Word rejects any other */
	sb_addf(out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
		     "<w:tblW w:w=\"%u\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
		     "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\"/></w:tblPr>"
		     "<w:tblGrid>",
		width);
	for (c = 0; c < n; c++)
		sb_addf(out, "<w:gridCol w:w=\"%u\"/>", tw[c]);
	sb_addstr(out, "</w:tblGrid>\n");
	table_head(out, t, tw);
	for (r = 0; r < t->nrows; r++)
		table_row(out, t, r, tw, n, width);
	/* Word needs a paragraph between two tables and at the end of a cell. */
	sb_addstr(out, "</w:tbl>\n<w:p/>\n");
}

static void block(struct strbuf *out, const struct pw_rblock *b)
{
	struct strbuf sb = STRBUF_INIT;

	switch (b->type) {
	case PW_RB_HEADING:
		para(out, b->level <= 1 ? "Heading1" : "Heading2", NULL, b->text, PW_RS_PLAIN);
		break;
	case PW_RB_PARA:
		if (!strncmp(b->text, "表　", 6))
			para(out, "Caption", NULL, b->text, PW_RS_PLAIN);
		else
			para(out, NULL, "both", b->text, PW_RS_PLAIN);
		break;
	case PW_RB_BULLET:
		sb_addf(&sb, "● %s", b->text);
		para(out, NULL, NULL, sb.buf, PW_RS_PLAIN);
		break;
	case PW_RB_TABLE:
		table(out, b->table);
		break;
	default:
		break;
	}
	sb_release(&sb);
}

static void document(struct strbuf *out, const struct pw_rdoc *d)
{
	size_t i;

	sb_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		       "<w:document " W_NS "><w:body>\n");
	para(out, "Title", NULL, d->title, PW_RS_PLAIN);
	para(out, "Subtitle", NULL, d->subtitle, PW_RS_PLAIN);
	for (i = 0; i < d->nblocks; i++)
		block(out, &d->blocks[i]);
	sb_addstr(out, "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
		       "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" "
		       "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>\n"
		       "</w:body></w:document>\n");
}

/* ---- the package ----------------------------------------------------------- */

static int add_part(zip_t *za, const char *name, const char *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 0);

	if (!src)
		return -1;
	if (zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

/* Writes the package to file (messages name path); the buffers must live
 * until zip_close(). */
static int write_package(const char *file, const char *path, const struct strbuf *doc)
{
	int zerr = 0;
	zip_t *za = zip_open(file, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	if (!za)
		return pw_error_kind(PW_ERR_IO, "cannot create '%s' (libzip error %d)", path, zerr);
	if (add_part(za, "[Content_Types].xml", content_types, sizeof(content_types) - 1) < 0 ||
	    add_part(za, "_rels/.rels", package_rels, sizeof(package_rels) - 1) < 0 ||
	    add_part(za, "word/document.xml", doc->buf, doc->len) < 0 ||
	    add_part(za, "word/_rels/document.xml.rels", document_rels,
		     sizeof(document_rels) - 1) < 0 ||
	    add_part(za, "word/styles.xml", styles, sizeof(styles) - 1) < 0) {
		pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	if (zip_close(za) < 0) {
		pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

void pw_report_docx_xml(const struct pw_rdoc *d, struct strbuf *out)
{
	document(out, d);
}

/* libzip writes the package to the temporary file of pw_outfile (through
 * its own temporary file beside it, which starts with the same name). */
int pw_report_docx(const struct pw_rdoc *d, const char *path)
{
	struct strbuf doc = STRBUF_INIT;
	struct pw_outfile o;
	int rc;

	if (pw_outfile_open(&o, path) < 0)
		return -1;
	pw_outfile_use_path(&o);
	document(&doc, d);
	rc = write_package(o.tmp, path, &doc);
	sb_release(&doc);
	if (rc < 0) {
		pw_outfile_abort(&o);
		return -1;
	}
	return pw_outfile_commit(&o);
}
