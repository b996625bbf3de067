#!/usr/bin/python3
"""seeds.py - seed files for the fuzz_sheet corpus (tests/fuzz/run.sh).

Usage: seeds.py OUTDIR [WORKBOOK.xlsx...]

Writes into OUTDIR: hand-made workbooks (zipfile) with shared strings,
rich text and phonetic runs, inline strings, formula results, booleans,
numbers with exponents, sparse cells, a workbook.xml naming the sheet;
openpyxl-filled sheets; and, for every workbook (those given too, e.g.
the project's own `template --xlsx` output), its worksheet and shared
strings in the "<sheet XML>\\0<sharedStrings XML>" form that fuzz_sheet.c
zips itself, so that mutations reach the XML callbacks.
"""
import io
import os
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def book(sheet, sst=None, wb=True, target='worksheets/sheet1.xml'):
    """A workbook (bytes) of the worksheet XML and optional shared strings."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        if wb:
            z.writestr('xl/workbook.xml',
                       f'<workbook {NS} {RNS}><sheets><sheet name="S" sheetId="1" '
                       f'r:id="rId1"/></sheets></workbook>')
            z.writestr('xl/_rels/workbook.xml.rels',
                       '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                       '2006/relationships"><Relationship Id="rId1" Type="ws" '
                       f'Target="{target}"/></Relationships>')
        z.writestr('xl/' + target, sheet)
        if sst is not None:
            z.writestr('xl/sharedStrings.xml', sst)
    return out.getvalue()


def ws(rows):
    return f'<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'


SST = (f'<sst {NS} count="4" uniqueCount="4"><si><t>指标名称</t></si>'
       '<si><r><t>填报</t></r><r><rPr><b/></rPr><t>值</t></r></si>'
       '<si><t>年份</t><rPh sb="0" eb="1"><t>ねん</t></rPh></si>'
       '<si><t xml:space="preserve"> 81.5% </t></si></sst>')

HAND = {
    'shared.xlsx': book(ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                           '<c r="C1" t="s"><v>2</v></c></row>'
                           '<row r="2"><c r="A2" t="inlineStr"><is><t>城镇化率</t></is></c>'
                           '<c r="B2"><v>8.15E1</v></c><c r="C2"><v>2023</v></c></row>'
                           '<row r="3"><c r="A3" t="str"><f>A2</f><v>城镇化率</v></c>'
                           '<c r="B3" t="b"><v>1</v></c><c r="D3" t="s"><v>3</v></c></row>'), SST),
    'inline.xlsx': book(ws('<row><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r>'
                           '<rPh><t>x</t></rPh></is></c><c><v>1e-05</v></c>'
                           '<c><v>0.30000000000000004</v></c><c><v>-0</v></c></row>'), None),
    'sparse.xlsx': book(ws('<row r="5"><c r="AA5"><v>3</v></c></row>'
                           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'), None,
                        target='worksheets/other.xml'),
    'nowb.xlsx': book(ws('<row r="2"><c r="B2" t="s"><v>1</v></c><c t="s"/></row>'), SST, wb=False),
    'badsst.xlsx': book(ws('<row><c t="s"><v>9</v></c></row>'), SST),
}


def openpyxl_books():
    try:
        import openpyxl
    except ImportError:
        return {}
    out = {}
    wb = openpyxl.Workbook()
    s = wb.active
    s.append(['indicator_id', 'target_id', '表', '序号', '指标名称', '单位', '年份', '填报值', '来源'])
    for i in range(1, 30):
        s.append([i, i * 10, 2, i, f'指标{i}', '%', 2020 + i % 6, i * 1.5, '统计年鉴'])
    s.append(['=A2+1', None, True, 3.25e-7, '共享', '共享', '共享'])
    b = io.BytesIO()
    wb.save(b)
    out['openpyxl-filled.xlsx'] = b.getvalue()
    return out


def parts(data):
    """The worksheet and shared strings of a workbook, as fuzz_sheet zips them."""
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    sheet = next((n for n in names if n.startswith('xl/worksheets/') and n.endswith('.xml')), None)
    if not sheet:
        return None
    out = z.read(sheet)
    if 'xl/sharedStrings.xml' in names:
        out += b'\0' + z.read('xl/sharedStrings.xml')
    return out


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    books = dict(HAND)
    books.update(openpyxl_books())
    for path in sys.argv[2:]:
        with open(path, 'rb') as f:
            books[os.path.basename(path)] = f.read()
    for name, data in books.items():
        with open(os.path.join(outdir, name), 'wb') as f:
            f.write(data)
        p = parts(data)
        if p and len(p) <= 65536:
            with open(os.path.join(outdir, name + '.parts'), 'wb') as f:
                f.write(p)


if __name__ == '__main__':
    main()
