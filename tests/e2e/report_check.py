#!/usr/bin/python3
"""report_check.py xlsx|docx FILE - checks a report file the way an office
would open it.  Used by t4000-report.sh on the 湛河 plan's final evaluation
of the 13th plan (表1); the expected values are 表1's own (data/…txt).

xlsx: openpyxl opens it; the completion sheet has 表1's layout in its
header row, the header is frozen, 生产总值's 2020 value is the number 221.29
with two decimals, column B is wide enough for the names.
docx: the package has its parts, every XML part is well-formed, the body
has real tables (w:tbl) with a repeated header row and Chinese fonts.
"""
import sys
import zipfile
from xml.dom import minidom

LAYOUT = ['序号', '指标名称', '单位', '2015年基数', '2020年目标', '年均增速（%）',
          '2020年完成值', '状态', '指标属性']


def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)


def check_xlsx(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    if '主要指标完成情况' not in wb.sheetnames:
        fail('no completion sheet in %s' % wb.sheetnames)
    if len(wb.sheetnames) < 3:
        fail('expected a sheet per section, got %s' % wb.sheetnames)
    ws = wb['主要指标完成情况']
    head = None
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value == '序号':
            head = row[0].row
            break
    if not head:
        fail('no header row')
    got = [c.value for c in ws[head]][:len(LAYOUT)]
    if got != LAYOUT:
        fail('header %s' % got)
    if ws.freeze_panes != 'A%d' % (head + 1):
        fail('freeze panes %s, header row %d' % (ws.freeze_panes, head))
    found = False
    for row in ws.iter_rows(min_row=head + 1):
        if row[1].value == '生产总值':
            v = row[6]
            if v.value != 221.29 or v.data_type != 'n' or v.number_format != '0.00':
                fail('生产总值 2020: %r %s %s' % (v.value, v.data_type, v.number_format))
            if row[3].value != 108.8 or row[7].value != '完成' or row[8].value != '预期性':
                fail('生产总值 row %s' % [c.value for c in row])
            found = True
    if not found:
        fail('no 生产总值 row')
    if (ws.column_dimensions['B'].width or 0) < 20:
        fail('column B too narrow')
    print('xlsx ok: %s, header row %d, frozen %s' % (wb.sheetnames, head, ws.freeze_panes))


def check_docx(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    for part in ['[Content_Types].xml', '_rels/.rels', 'word/document.xml',
                 'word/styles.xml', 'word/_rels/document.xml.rels']:
        if part not in names:
            fail('missing part %s' % part)
    for n in names:
        if n.endswith('.xml') or n.endswith('.rels'):
            minidom.parseString(z.read(n))
    doc = z.read('word/document.xml').decode('utf-8')
    styles = z.read('word/styles.xml').decode('utf-8')
    if doc.count('<w:tbl>') < 2 or '<w:tblHeader/>' not in doc:
        fail('no real tables with header rows')
    if '生产总值' not in doc or '约束性' not in doc:
        fail('content missing')
    if 'w:eastAsia="仿宋_GB2312"' not in styles or 'Heading1' not in doc:
        fail('no Chinese fonts or headings')
    print('docx ok: %d parts, %d tables' % (len(names), doc.count('<w:tbl>')))


if __name__ == '__main__':
    {'xlsx': check_xlsx, 'docx': check_docx}[sys.argv[1]](sys.argv[2])
