#!/usr/bin/env python3
"""mkdocs.py PLAN.txt OUTDIR BASE - a plan text as a real Word document and
real web pages, the way an office would receive them.

Writes OUTDIR/BASE.docx, BASE.html (UTF-8, charset declared) and
BASE-gbk.html (GBK, no charset declaration), and BASE.map.json: for each
output, the line planwatch reads each text line as (text line -> line).

How the text becomes documents:
  - each text line is a paragraph (a blank line an empty paragraph in Word;
    web pages have none);
  - 第X章 / 第X节 headings get Word heading styles (Heading1 and the
    Chinese-named "2"), their numbers drawn by Word's numbering (lvlText
    第%1章 / 第%2节, chineseCounting) instead of typed, when the plan's
    numbers run in order; web pages get <h1>/<h2>;
  - a run of tab-separated lines is a real table (w:tbl / <table>): a
    category row spans the full width, a blank cell after a name widens
    the name (gridSpan / colspan), a blank cell under a filled one in a
    data row continues it (vMerge / rowspan: group, serial number, shared
    target).  Two runs split by a blank line whose second starts with the
    first's header are one table cut by a page break: in Word one table
    with a repeating header row (w:tblHeader), in the web page one table
    that repeats the header row in its body (as pages converted from PDF
    do), which the reader must drop;
  - a 专栏 box (its title and numbered items) is a one-cell table;
  - page numbers left by a PDF conversion (— 12 —) are dropped.
Standard library only.
"""
import html
import json
import os
import re
import sys
import zipfile

CN = "〇一二三四五六七八九十"


def cn_number(s):
    """一..九十九 -> int, else None."""
    if not s or any(c not in CN for c in s):
        return None
    if s == "十":
        return 10
    if "十" in s:
        a, b = s.split("十", 1)
        return (CN.index(a) if a else 1) * 10 + (CN.index(b) if b else 0)
    return CN.index(s) if len(s) == 1 else None


HEAD_RE = re.compile(r"^第([一二三四五六七八九十]+)([章节])\s*(.*)$")
PAGENO_RE = re.compile(r"^\s*[—–-]+\s*\d+\s*[—–-]+\s*$")
ITEM_RE = re.compile(r"^\s*(\*\*)?\d+[.．、]")


def is_number(s):
    return re.fullmatch(r"[-+]?\d+(\.\d+)?", s.strip()) is not None


# ---------------------------------------------------------------- blocks

def split_blocks(lines):
    """[(kind, payload, [text line numbers])]: para, heading, table, box."""
    blocks, i, n = [], 0, len(lines)
    while i < n:
        s = lines[i]
        if "\t" in s:
            j = i
            while j < n and "\t" in lines[j]:
                j += 1
            parts = [(list(range(i + 1, j + 1)), [lines[k].split("\t") for k in range(i, j)])]
            # a page break: blank line(s), then the same header again
            while j < n:
                k = j
                while k < n and not lines[k].strip():
                    k += 1
                if k < n and "\t" in lines[k] and filled(lines[k].split("\t")) == filled(parts[0][1][0]):
                    m = k
                    while m < n and "\t" in lines[m]:
                        m += 1
                    parts.append((list(range(j + 1, m + 1)), [lines[x].split("\t") for x in range(k, m)],))
                    j = m
                else:
                    break
            blocks.append(("table", parts, list(range(i + 1, j + 1))))
            i = j
            continue
        if s.strip().startswith("专栏"):
            j = i + 1
            last = i
            while j < n:
                t = lines[j].strip()
                if not t:
                    j += 1
                    continue
                if ITEM_RE.match(t):
                    last = j
                    j += 1
                    continue
                break
            blocks.append(("box", lines[i:last + 1], list(range(i + 1, last + 2))))
            i = last + 1
            continue
        if PAGENO_RE.match(s):
            i += 1  # page furniture of the text copy, not in a born-digital document
            continue
        m = HEAD_RE.match(s.strip())
        if m:
            blocks.append(("heading", (m.group(2), cn_number(m.group(1)), m.group(3), s), [i + 1]))
        else:
            blocks.append(("para", s, [i + 1]))
        i += 1
    return blocks


def filled(cells):
    return [c.strip() for c in cells if c.strip()]


def numbered_in_order(blocks):
    """True if 第N章 count 1.. and 第N节 restart at each chapter."""
    ch = sec = 0
    for kind, p, _ in blocks:
        if kind != "heading":
            continue
        level, num = p[0], p[1]
        if level == "章":
            ch, sec = ch + 1, 0
            if num != ch:
                return False
        else:
            sec += 1
            if num != sec:
                return False
    return True


# ---------------------------------------------------------------- tables

def table_grid(parts):
    """Rows of one table: each a list of (text, colspan, kind) slots, kind
    'own' | 'hmerge' | 'vcont'; plus which rows repeat the header, and
    the text line of each row."""
    width = max(len(r) for _, rows in parts for r in rows)
    wide = next(rows[0] for _, rows in parts if len(rows[0]) == width)
    out, repeat, where = [], [], []
    for pi, (lnos, rows) in enumerate(parts):
        # the rows of this part, each with its text line
        part_lines = [l for l in lnos if True]
        start = len(part_lines) - len(rows)
        for ri, cells in enumerate(rows):
            cells = [c.strip() for c in cells]
            inserted = set()
            if len(cells) < width:
                short = [c.strip() for c in rows[0]]
                at = next((k for k in range(len(short)) if short[k] != wide[k].strip()), len(short))
                pad = width - len(cells)
                cells = cells[:at] + [""] * pad + cells[at:]
                inserted = set(range(at, at + pad))
            out.append((cells, inserted))
            repeat.append(pi > 0 and ri == 0)
            where.append(part_lines[start + ri])
    grid = []
    for r, (cells, inserted) in enumerate(out):
        f = [k for k, c in enumerate(cells) if c]
        row = []
        if len(f) == 1 and f[0] <= 1 and not is_number(cells[f[0]]):
            for k in range(f[0]):
                row.append(["", 1, "own"])
            row.append([cells[f[0]], width - f[0], "own"])
            row += [["", 0, "hmerge"]] * (width - f[0] - 1)
            grid.append(row)
            continue
        for k, c in enumerate(cells):
            above = grid[r - 1][k] if r > 0 and not repeat[r] else None
            if c:
                row.append([c, 1, "own"])
            elif k in inserted or (k > 0 and row[k - 1][2] == "own" and row[k - 1][0]
                                   and not is_number(row[k - 1][0]) and not
                                   (above and (above[2] == "vcont" or (above[2] == "own" and above[0])))):
                row.append(["", 0, "hmerge"])
            elif above and len(f) >= 2 and (above[2] == "vcont" or (above[2] == "own" and above[0])):
                row.append(["", 0, "vcont"])
            else:
                row.append(["", 1, "own"])
        # widen the owner of each hmerge
        for k in range(width):
            if row[k][2] == "hmerge":
                o = k - 1
                while o > 0 and row[o][2] == "hmerge":
                    o -= 1
                if row[o][2] == "own":
                    row[o][1] += 1
                else:
                    row[k] = ["", 1, "own"]
        grid.append(row)
    return grid, repeat, where


def rowspans(grid):
    """rowspan of each own cell (by row, col) from the vcont below it."""
    spans = {}
    for r, row in enumerate(grid):
        for k, slot in enumerate(row):
            if slot[2] == "own":
                n = 1
                while r + n < len(grid) and grid[r + n][k][2] == "vcont":
                    n += 1
                spans[(r, k)] = n
    return spans


# ---------------------------------------------------------------- docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wt(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(text, quote=False)


def wpara(text, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>%s%s</w:pPr>" % (
            '<w:pStyle w:val="%s"/>' % style if style else "",
            '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % num if num else "")
    return "<w:p>%s%s</w:p>" % (ppr, wt(text) if text else "")


def wtable(grid, repeat):
    rows = []
    for r, row in enumerate(grid):
        if repeat[r]:
            continue  # Word repeats the header row itself (w:tblHeader)
        cells = []
        for k, (text, span, kind) in enumerate(row):
            if kind == "hmerge":
                continue
            pr = ""
            if span > 1:
                pr += '<w:gridSpan w:val="%d"/>' % span
            if kind == "vcont":
                pr += "<w:vMerge/>"
            elif r + 1 < len(grid) and grid[r + 1][k][2] == "vcont" and not repeat[r + 1]:
                pr += '<w:vMerge w:val="restart"/>'
            paras = wpara(text)
            cells.append("<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, paras))
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""
        rows.append("<w:tr>%s%s</w:tr>" % (trpr, "".join(cells)))
    # column widths as a writer sets them: by the longest text a column
    # holds, over a 9600-twip text width (Word wraps what does not fit)
    ncols = len(grid[0])
    need = [5] * ncols
    for row in grid:
        for k, (text, span, kind) in enumerate(row):
            if kind == "own" and span == 1:
                need[k] = max(need[k], min(len(text), 18))
    total = sum(need)
    gridcols = "".join('<w:gridCol w:w="%d"/>' % (9600 * w // total) for w in need)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
            '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
            '</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>' % (gridcols, "".join(rows)))


def wbox(lines):
    paras = "".join(wpara(l.strip()) for l in lines)
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
            '<w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>%s</w:tc></w:tr></w:tbl>' % paras)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>
<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/>
<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>
<w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>""" % W

NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering %s>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>
<w:suff w:val="space"/><w:lvlText w:val="第%%1章"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/>
<w:suff w:val="space"/><w:lvlText w:val="第%%2节"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>""" % W

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def write_docx(path, body):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>' % (W, body))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)


def docx_of(blocks):
    """(document body, {text line: docx line})"""
    body, lmap, out = [], {}, 0
    numbered = numbered_in_order(blocks)
    for kind, p, lnos in blocks:
        if kind == "para":
            body.append(wpara(p))
            out += 1
            lmap[lnos[0]] = out
        elif kind == "heading":
            level, _, rest, whole = p
            style = "Heading1" if level == "章" else "2"
            body.append(wpara(rest, style) if numbered and rest else wpara(whole, style if not numbered else None))
            out += 1
            lmap[lnos[0]] = out
        elif kind == "box":
            body.append(wbox(p))
            for l in lnos[:len(p)]:
                out += 1
                lmap[l] = out
        else:
            grid, repeat, where = table_grid(p)
            body.append(wtable(grid, repeat))
            for r, l in enumerate(where):
                if not repeat[r]:
                    out += 1
                    lmap[l] = out
    return "".join(body), lmap


# ---------------------------------------------------------------- html

def html_table(grid, repeat):
    spans = rowspans(grid)
    rows = []
    for r, row in enumerate(grid):
        tag = "th" if r == 0 or repeat[r] else "td"
        cells = []
        for k, (text, span, kind) in enumerate(row):
            if kind != "own":
                continue
            attrs = ""
            if span > 1:
                attrs += ' colspan="%d"' % span
            rs = 1 if repeat[r] else spans.get((r, k), 1)
            if rs > 1:
                attrs += ' rowspan="%d"' % rs
            cells.append("<%s%s>%s</%s>" % (tag, attrs, html.escape(text), tag))
        rows.append("<tr>%s</tr>" % "".join(cells))
    return ('<table border="1">\n<thead>%s</thead>\n<tbody>\n%s\n</tbody></table>'
            % (rows[0], "\n".join(rows[1:])))


def html_of(blocks, title, charset):
    """(page, {text line: line read})"""
    body, lmap, out = [], {}, 0
    for kind, p, lnos in blocks:
        if kind == "para":
            if p.strip():
                body.append("<p>%s</p>" % html.escape(p))
                out += 1
                lmap[lnos[0]] = out
        elif kind == "heading":
            tag = "h1" if p[0] == "章" else "h2"
            body.append("<%s>%s</%s>" % (tag, html.escape(p[3]), tag))
            out += 1
            lmap[lnos[0]] = out
        elif kind == "box":
            paras = "".join("<p>%s</p>" % html.escape(l.strip()) for l in p if l.strip())
            body.append('<table class="box" width="100%%"><tr><td>%s</td></tr></table>' % paras)
            for k, l in enumerate(lnos[:len(p)]):
                if p[k].strip():
                    out += 1
                    lmap[l] = out
        else:
            grid, repeat, where = table_grid(p)
            body.append(html_table(grid, repeat))
            for r, l in enumerate(where):
                if not repeat[r]:
                    out += 1
                    lmap[l] = out
    meta = '<meta charset="%s">' % charset if charset else ""
    nav = ('<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
           '<li>到2025年 全区高新技术企业超过99家</li></ul></nav>')
    script = "<script>var target = '到2025年，全区高新技术企业超过99家';</script>"
    page = ('<!DOCTYPE html>\n<html lang="zh-CN"><head>%s<title>%s</title>'
            '<style>p { text-indent: 2em }</style>%s</head>\n<body>%s\n<div class="content">\n%s\n</div>\n'
            '<div class="footer-menu">版权所有 联系电话 12345</div></body></html>\n'
            % (meta, html.escape(title), script, nav, "\n".join(body)))
    return page, lmap


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    src, outdir, base = argv[1:]
    with open(src, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks = split_blocks(lines)
    title = next((l.strip() for l in lines if l.strip()), base)
    os.makedirs(outdir, exist_ok=True)
    body, dmap = docx_of(blocks)
    write_docx(os.path.join(outdir, base + ".docx"), body)
    page, hmap = html_of(blocks, title, "utf-8")
    with open(os.path.join(outdir, base + ".html"), "w", encoding="utf-8") as f:
        f.write(page)
    page, _ = html_of(blocks, title, None)
    with open(os.path.join(outdir, base + "-gbk.html"), "wb") as f:
        f.write(page.encode("gbk", errors="replace"))
    with open(os.path.join(outdir, base + ".map.json"), "w") as f:
        json.dump({"docx": dmap, "html": hmap}, f)


if __name__ == "__main__":
    main(sys.argv)
