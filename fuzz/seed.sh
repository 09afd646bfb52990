#!/usr/bin/env bash
# Seeds the fuzz corpora from the samples (fuzz/corpus is not committed).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/doc corpus/html corpus/ofd corpus/docx corpus/docx_xml corpus/md corpus/convert corpus/batch_paths corpus/pdf corpus/pdf_content corpus/pdf_cmap corpus/ocr
cp ../samples/*.docx corpus/docx/
cp ../samples/*.md corpus/md/
cp ../samples/*.ofd corpus/ofd/
cp ../samples/*.html ../samples/*.mht corpus/html/
cp ../samples/*.doc corpus/doc/
if [ -d ../../shared/corpora/docx/doc ]; then find ../../shared/corpora/docx/doc -name "*.doc" -size -200k -exec cp {} corpus/doc/ \; ; fi
if [ -d ../../shared/corpora/ofd ]; then find ../../shared/corpora/ofd -name "*.ofd" -size +0 -size -200k -exec cp {} corpus/ofd/ \; ; fi
cp ../samples/*.docx ../samples/*.md corpus/convert/
cp seeds/ocr/* corpus/ocr/
cp ../samples/rl-*.pdf ../samples/identity-h-ttf-no-tounicode.pdf ../samples/enc-*.pdf ../tests/fixtures/pdf/*.pdf corpus/pdf/
printf 'BT /F1 12 Tf 72 700 Td (Hello) Tj [(A) -120 (B)] TJ ET 0 0 m 100 0 l S q 1 0 0 1 10 10 cm /X1 Do Q 10 10 100 50 re f' > corpus/pdf_content/ops
printf '1 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 2 beginbfchar <01> <4E2D> <8141> <6587> endbfchar 1 beginbfrange <0010> <0020> [<0041> <0042>] endbfrange endcmap' > corpus/pdf_cmap/cmap
# batch_paths: entry names, one per line.
printf '2019/a.docx\n../../x.md\nC:\\a\\b.pdf\nA.docx\na.docx\n' > corpus/batch_paths/names
# docx_xml: document.xml NUL styles.xml NUL numbering.xml of each sample.
python3 - <<'PY'
import pathlib, zipfile
for path in pathlib.Path("../samples").glob("*.docx"):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        part = lambda n: z.read(n) if n in names else b""
        seed = b"\0".join(part(n) for n in ("word/document.xml", "word/styles.xml", "word/numbering.xml"))
    pathlib.Path("corpus/docx_xml", path.stem).write_bytes(seed)
PY
