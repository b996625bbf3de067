#!/bin/sh
# t1200-formats.sh - plans as offices receive them: Word (.docx with real
# tables, merged cells, heading styles and numbering), web pages (real
# <table> with rowspan/colspan; a GBK page without charset), PDF made by
# LibreOffice, legacy .doc/.wps/.xls/.et through LibreOffice; malformed
# inputs give clear errors, never crash and leave no database behind.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
G=$TOP/tests/golden
MK=$TOP/tests/formats
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
# no_db NAME: the database of the last failed import was not created
no_db() { [ ! -e "$T/new.db" ] && ok "$1: no database left" || { not_ok "$1: no database left"; rm -f "$T/new.db"; }; }
soffice_ok=0
command -v soffice >/dev/null 2>&1 && soffice_ok=1
calc_ok=0
[ -e /usr/lib/libreoffice/program/libsclo.so ] && calc_ok=$soffice_ok

# --- the fixture plan as .docx and .html, against the gold --------------
check "make the fixture's documents" $PY "$MK/mkdocs.py" "$FIX/plan.txt" "$T/fx" plan
for f in docx html gbk; do
	doc=$T/fx/plan.$f; fmt=$f
	[ $f = gbk ] && { doc=$T/fx/plan-gbk.html; fmt=html; }
	for c in indicators projects prose-targets; do
		$PY "$MK/remap.py" "$T/fx/plan.map.json" $fmt "$FIX/expected-$c.json" "$T/fx/$f-$c.json"
	done
	check "$f: all 53 table rows as the gold" $PY "$G/check_indicators.py" "$PW" "$doc" \
		"$T/fx/$f-indicators.json" --no-reencode
	check "$f: 专栏 items as the gold" $PY "$G/check_projects.py" "$PW" "$doc" "$T/fx/$f-projects.json"
	check "$f: prose targets as from the text" $PY "$G/check_prose.py" "$PW" "$doc" \
		"$T/fx/$f-prose-targets.json"
done
"$PW" extract "$T/fx/plan-gbk.html" --json >"$T/gbk.json" 2>/dev/null
grep -q '99家\|"value": 99' "$T/gbk.json" && not_ok "navigation and scripts are not read" \
	|| ok "navigation and scripts are not read"
cp "$T/fx/plan.docx" "$T/fx/plan-named.txt"
check "a .docx named .txt reads as Word" "$PW" extract "$T/fx/plan-named.txt"
grep -q "2 tables (53 indicators)" "$T/out" && ok ".docx named .txt: 53 rows" || not_ok ".docx named .txt: 53 rows"

# --- corpus documents ---------------------------------------------------
for cname in county-14th city-15th national-outline; do
	check "make $cname's documents" $PY "$MK/mkdocs.py" "$TOP/tests/data/corpus/$cname.txt" "$T/c" $cname
	for fmt in docx html; do
		mkdir -p "$T/c-$fmt"
		cp "$T/c/$cname.$fmt" "$T/c-$fmt/"
		$PY "$MK/remap.py" "$T/c/$cname.map.json" $fmt "$TOP/tests/data/corpus/$cname.expected.json" \
			"$T/c-$fmt/$cname.expected.json"
		check "$cname.$fmt as its gold" $PY "$G/check_corpus.py" "$PW" "$T/c-$fmt" --only $cname
	done
done

# --- PDF ----------------------------------------------------------------
if [ $soffice_ok = 1 ]; then
	soffice -env:UserInstallation=file://$T/profile --headless --convert-to pdf \
		--outdir "$T/fx" "$T/fx/plan.docx" >/dev/null 2>&1
	check "PDF (LibreOffice from the .docx): all 53 rows, every 专栏 item and prose target" \
		$PY "$MK/check_rows.py" "$PW" "$T/fx/plan.pdf" 53 "$FIX/expected-indicators.json" \
		"$FIX/expected-projects.json" "$FIX/expected-prose-targets.json"
	sed 's/^/# /' "$T/err" | tail -1
	# a table that runs onto the next page under its repeated header row
	# stays one table: no untitled table from the repeat, and the rest of
	# a cell cut by the page end joins its row
	"$PW" extract "$T/fx/plan.pdf" --json >"$T/pdf.json" 2>/dev/null
	same "PDF: a repeated header continues its table" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%d" % (bool(t["title"]), len(t["indicators"])) for t in d["tables"]))' "$T/pdf.json")" \
		"True:32 True:21"
	same "PDF: a cell cut by the page end joins its row" "$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted({g["text"] for t in d["tables"] for r in t["indicators"] for g in r["targets"]
              if g["kind"] == "external"}))' "$T/pdf.json")" \
		"['按下达目标确定', '按市定目标执行']"
	# two corpus plans of other layouts (a category column first; numbers
	# inside the name cell): rows exact at least as many as read today
	for c in city-15th:17 national-outline:14; do
		cname=${c%%:*}
		soffice -env:UserInstallation=file://$T/profile --headless --convert-to pdf \
			--outdir "$T/c" "$T/c/$cname.docx" >/dev/null 2>&1
		check "$cname.pdf: at least ${c#*:} rows exact, every 专栏 item and prose target" \
			$PY "$MK/check_rows.py" "$PW" "$T/c/$cname.pdf" ${c#*:} \
			"$TOP/tests/data/corpus/$cname.expected.json"
		sed 's/^/# /' "$T/err" | tail -1
	done
	# the text copy LibreOffice saves of a Word plan: one table cell per line
	soffice -env:UserInstallation=file://$T/profile --headless \
		--convert-to "txt:Text (encoded):UTF8" --outdir "$T/lo" "$T/fx/plan.docx" >/dev/null 2>&1
	check "text saved by LibreOffice (one cell per line): all 53 rows, every 专栏 item and prose target" \
		$PY "$MK/check_rows.py" "$PW" "$T/lo/plan.txt" 53 "$FIX/expected-indicators.json" \
		"$FIX/expected-projects.json" "$FIX/expected-prose-targets.json"
	sed 's/^/# /' "$T/err" | tail -1
	for cname in city-15th national-outline; do
		soffice -env:UserInstallation=file://$T/profile --headless \
			--convert-to "txt:Text (encoded):UTF8" --outdir "$T/lo" "$T/c/$cname.docx" >/dev/null 2>&1
		check "$cname saved as text (one cell per line): at least 17 rows exact" \
			$PY "$MK/check_rows.py" "$PW" "$T/lo/$cname.txt" 17 \
			"$TOP/tests/data/corpus/$cname.expected.json"
		sed 's/^/# /' "$T/err" | tail -1
	done
else
	echo "# skip: PDF and LibreOffice text checks (LibreOffice is not installed)"
fi

# --- legacy formats through LibreOffice ---------------------------------
if [ $soffice_ok = 1 ]; then
	soffice -env:UserInstallation=file://$T/profile --headless --convert-to doc \
		--outdir "$T/fx" "$T/fx/plan.docx" >/dev/null 2>&1
	cp "$T/fx/plan.doc" "$T/fx/plan.wps"
	for f in doc wps; do
		check ".$f converted and imported" "$PW" import "$T/fx/plan.$f" --db "$T/legacy-$f.db"
		grep -q "53 indicators" "$T/out" && ok ".$f: 53 indicators" || not_ok ".$f: 53 indicators"
	done
else
	echo "# skip: .doc/.wps conversion (LibreOffice is not installed)"
fi
if [ $soffice_ok = 1 ]; then
	cp "$T/fx/plan.doc" "$T/fx/nolo.doc"
	check_fails "without LibreOffice: .doc is a clear error" 3 env PATH=/nonexistent "$PW" import "$T/fx/nolo.doc" --db "$T/new.db"
	grep_err "the error says how to convert" "save the file as .docx"
	no_db ".doc without LibreOffice"
fi
if [ $calc_ok = 1 ]; then
	DB=$T/mon.db
	"$PW" import "$TOP/data/zhanhe-14th-plan.txt" --db "$DB" >/dev/null 2>&1
	"$PW" unit add 统计局 --db "$DB" >/dev/null 2>&1
	"$PW" assign --indicator 2:3 --unit 统计局 --db "$DB" >/dev/null 2>&1
	"$PW" template --unit 统计局 --year 2024 --xlsx -o "$T/t.xlsx" --db "$DB" >/dev/null 2>&1
	$PY - "$T/t.xlsx" "$T/filled.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for r in ws.iter_rows(min_row=4):
    if r[4].value == '常住人口城镇化率': r[12].value = 81.9
wb.save(sys.argv[2])
PYEOF
	soffice -env:UserInstallation=file://$T/profile --headless --convert-to xls \
		--outdir "$T" "$T/filled.xlsx" >/dev/null 2>&1
	cp "$T/filled.xls" "$T/filled.et"
	for f in xls et; do
		check ".$f monitoring sheet converted and imported" "$PW" data import "$T/filled.$f" --by 统计局 --db "$DB" --dry-run
		grep -q "1 value" "$T/out" && ok ".$f: the value read" || not_ok ".$f: the value read"
	done
	check_fails "without LibreOffice: .xls is a clear error" 3 env PATH=/nonexistent "$PW" data import "$T/filled.xls" --db "$DB"
	grep_err "the .xls error says what to install" "libreoffice-calc-nogui"
else
	echo "# skip: .xls/.et conversion (LibreOffice Calc is not installed)"
fi

# --- malformed inputs ---------------------------------------------------
$PY - "$T/bad" <<'PYEOF'
import os, sys, zipfile
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
with zipfile.ZipFile(d + "/notdocx.docx", "w") as z:
    z.writestr("readme.txt", "hello")
with zipfile.ZipFile(d + "/brokenxml.docx", "w") as z:
    z.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p><w:t>表1</w:p></w:body>")
with zipfile.ZipFile(d + "/laughs.docx", "w") as z:
    z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
               '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
with zipfile.ZipFile(d + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        block = b" " * (1 << 20)
        for _ in range(200):
            f.write(block)
pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n"
       b"4 0 obj<</Length 24>>stream\n0 0 m 100 100 l S 10 10 re\nendstream endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
open(d + "/scanned.pdf", "wb").write(pdf)
with open(d + "/big.html", "w") as f:
    f.write("<!DOCTYPE html><html><body>")
    row = "<p>" + "规划" * 100 + "</p>\n"
    for _ in range(50 * 1024 * 1024 // len(row.encode())):
        f.write(row)
    f.write("</body></html>")
PYEOF
for case in "notdocx.docx:not a Word document" "brokenxml.docx:broken XML" "laughs.docx:DTD" \
	    "bomb.docx:too large" "scanned.pdf:no text layer" "big.html:too large"; do
	f=${case%%:*}; msg=${case#*:}
	check_fails "$f: clear error" 3 "$PW" import "$T/bad/$f" --db "$T/new.db"
	grep_err "$f: says '$msg'" "$msg"
	no_db "$f"
done

done_testing
