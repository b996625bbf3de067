#!/usr/bin/python3
"""report_words.py FILE... - every line a reader sees in a report (Markdown,
CSV and HTML lines, each xlsx cell and sheet name, each docx paragraph) is
free of the program's English names (statuses, target kinds, attributes,
measures, review states, project statuses, directions) and of repository
paths.  Prints each offending line with its file; exit 1 if any.  JSON is
a machine format with English keys by contract (CONTRACT.md), not checked.
"""
import html
import re
import sys
import zipfile

WORDS = ('met not_met not_assessable no_data achieved_early ahead on_track lagging '
         'level growth cumulative annual external relation expected binding '
         'draft submitted approved returned not_started in_progress completed delayed '
         'suspended amount rate total auto up down observations table').split()
ENUM = re.compile(r'(?<![A-Za-z_])(' + '|'.join(WORDS) + r')(?![A-Za-z_])')
PATH = re.compile(r'(docs|src|tests|tools|data)/|\.(md|c|h|sh|py)\b')


def lines_of(path):
    if path.endswith('.xlsx'):
        import openpyxl
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            yield 'sheet ' + ws.title
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str):
                        yield c.value
            for side in (ws.oddHeader, ws.oddFooter):
                for part in (side.left, side.center, side.right):
                    if part.text:
                        yield part.text
    elif path.endswith('.docx'):
        z = zipfile.ZipFile(path)
        for n in z.namelist():
            if n.startswith('word/') and n.endswith('.xml') and 'styles' not in n \
                    and 'fontTable' not in n and 'settings' not in n:
                xml = z.read(n).decode('utf-8')
                for p in re.findall(r'<w:p[ >].*?</w:p>', xml, re.S):
                    yield html.unescape(''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', p)))
    elif path.endswith('.html'):
        text = open(path, encoding='utf-8').read()
        text = re.sub(r'<(style|script)[^>]*>.*?</\1>', '', text, flags=re.S)
        for line in re.sub(r'<[^>]+>', '\n', text).split('\n'):
            yield html.unescape(line)
    else:
        for line in open(path, encoding='utf-8-sig'):
            yield line.rstrip('\r\n')


bad = 0
for path in sys.argv[1:]:
    n = 0
    for line in lines_of(path):
        n += 1
        if ENUM.search(line) or PATH.search(line):
            print('%s: %s' % (path, line[:200]))
            bad += 1
    print('# %s: %d lines' % (path, n))
sys.exit(1 if bad else 0)
