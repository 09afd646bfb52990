#!/usr/bin/env python3
"""The corpora ratchet: run the real-world scorers in ../shared/corpora and
compare their key figures with the ones recorded in .ci/ratchet.json.

A figure that got worse fails the run; one that got better is printed, and
`--update` writes it into ratchet.json (commit that file with the change that
earned it). Figures are read from the scorers' own summaries, so a figure here
is the figure a person reads in RESULTS.md.

    python3 .ci/corpora.py --bin target/release/govdoc            # check
    python3 .ci/corpora.py --bin target/release/govdoc --update   # record improvements
    python3 .ci/corpora.py --bin ... --only tables                # one scorer

Needs python3, pdftotext (poppler-utils) for pdf-text and pandoc for docx.
The corpora folder must exist: a ratchet that silently skips is no ratchet,
so a missing folder is an error unless GOVDOC_SKIP_CORPORA=1 says otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RATCHET = os.path.join(HERE, "ratchet.json")
CORPORA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora"))
# The figures measure the text layer: scanned PDFs in the corpora stay
# `no text layer` as when they were recorded, and OCR (minutes per scan on
# two cores) stays out of the ratchet's run time.
os.environ.setdefault("GOVDOC_OCR", "never")


def run(cmd, cwd=None):
    print("+", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.stdout.write(done.stdout[-4000:])
        raise SystemExit(f"corpora: {cmd[1]} exited with {done.returncode}")
    return done.stdout


def find(pattern, text, what):
    m = re.search(pattern, text, re.M)
    if not m:
        raise SystemExit(f"corpora: cannot read {what} from the scorer's summary (pattern {pattern!r})")
    return m


def class_count(md, name):
    return int(find(rf"^\| {re.escape(name)} \| (\d+) \|", md, f"class {name}").group(1))


def tables(binary, out):
    folder = os.path.join(CORPORA, "tables")
    text = run([sys.executable, "score.py", "--govdoc", binary, "--out", os.path.join(out, "tables.json")], cwd=folder)
    m = find(r"^ALL\s+govdoc\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)", text, "the ALL row")
    false_tables = find(r"govdoc false tables: (\d+)", text, "false tables")
    return {
        "tables.found": int(m.group(2)),
        "tables.exact": int(m.group(3)),
        "tables.cell_accuracy": float(m.group(4)),
        "tables.false_tables": int(false_tables.group(1)),
    }


def pdf_text(binary, out):
    folder = os.path.join(out, "pdf-text")
    run([sys.executable, os.path.join(CORPORA, "pdf-text", "check.py"), "--bin", binary, "--out", folder])
    md = open(os.path.join(folder, "RESULTS.md"), encoding="utf-8").read()
    recall = find(r"all characters: recall [\d.]+% \((\d+)/(\d+)\), precision ([\d.]+)%", md, "recall")
    return {
        "pdf_text.failures": sum(class_count(md, c) for c in ("crash", "hang", "oom", "bad-json", "other")),
        "pdf_text.recall": round(int(recall.group(1)) / int(recall.group(2)), 4),
        "pdf_text.precision": round(float(recall.group(3)) / 100, 4),
        "pdf_text.empty_where_pdftotext_reads": int(
            find(r"ok but empty text although pdftotext has >= 20 chars: (\d+)", md, "empty outputs").group(1)
        ),
        "pdf_text.refusals_where_pdftotext_reads": int(
            find(r"Clean errors although pdftotext extracts >= 50 characters: (\d+)", md, "refusals").group(1)
        ),
    }


def docx(binary, out):
    folder = os.path.join(out, "docx")
    run([sys.executable, os.path.join(CORPORA, "docx", "check.py"), "--bin", binary, "--out", folder])
    md = open(os.path.join(folder, "RESULTS.md"), encoding="utf-8").read()
    text = find(r"pooled recall [\d.]+% \((\d+)/(\d+)\), pooled precision [\d.]+% \((\d+)/(\d+)\)", md, "recall")
    joins = find(r"files where govdoc joined adjacent tables \(diagnostic table\.rejoined\): (\d+), joins (\d+)", md, "joins")
    return {
        "docx.failures": sum(class_count(md, c) for c in ("crash", "hang", "oom", "bad-json", "other")),
        "docx.recall": round(int(text.group(1)) / int(text.group(2)), 4),
        "docx.precision": round(int(text.group(3)) / int(text.group(4)), 4),
        "docx.table_count_equal": int(find(r"govdoc table count equals pandoc's top-level count: (\d+)", md, "table count").group(1)),
        "docx.rejoined_files": int(joins.group(1)),
    }


def write_ratchet(ratchet):
    """One figure a line, so a diff of ratchet.json reads as a list of changes."""
    lines = [f'    {json.dumps(k)}: {json.dumps(v, sort_keys=True)}' for k, v in sorted(ratchet["figures"].items())]
    with open(RATCHET, "w", encoding="utf-8") as f:
        f.write('{\n  "about": %s,\n  "figures": {\n%s\n  }\n}\n' % (json.dumps(ratchet["about"], ensure_ascii=False), ",\n".join(lines)))


SCORERS = {"tables": tables, "pdf-text": pdf_text, "docx": docx}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--update", action="store_true", help="write improved figures into ratchet.json")
    ap.add_argument("--only", default="", help="comma list of " + ",".join(SCORERS))
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        if os.environ.get("GOVDOC_SKIP_CORPORA") == "1":
            print(f"corpora: {CORPORA} is missing; skipped because GOVDOC_SKIP_CORPORA=1")
            return
        raise SystemExit(f"corpora: {CORPORA} is missing; the ratchet cannot run (GOVDOC_SKIP_CORPORA=1 skips it)")
    binary = os.path.abspath(args.bin)
    ratchet = json.load(open(RATCHET, encoding="utf-8"))
    names = [n for n in args.only.split(",") if n] or list(SCORERS)
    figures = {}
    with tempfile.TemporaryDirectory(prefix="govdoc-corpora-") as out:
        for name in names:
            figures.update(SCORERS[name](binary, out))

    worse, better = [], []
    for key, now in sorted(figures.items()):
        rule = ratchet["figures"].get(key)
        if rule is None:
            raise SystemExit(f"corpora: {key} has no entry in {RATCHET}")
        recorded, direction = rule["value"], rule["better"]
        got_worse = now < recorded if direction == "higher" else now > recorded
        got_better = now > recorded if direction == "higher" else now < recorded
        mark = "WORSE" if got_worse else ("better" if got_better else "same")
        print(f"{key:42} recorded {recorded:<10} now {now:<10} {mark}")
        (worse if got_worse else better if got_better else []).append(key)
        if got_better and args.update:
            rule["value"] = now
    if args.update and better:
        write_ratchet(ratchet)
        print(f"corpora: recorded {len(better)} improved figure(s) in {RATCHET}")
    elif better:
        print(f"corpora: {len(better)} figure(s) improved; run with --update and commit .ci/ratchet.json")
    if worse:
        raise SystemExit(f"corpora: {len(worse)} figure(s) fell below the recorded ones: {', '.join(worse)}")
    print(f"corpora: {len(figures)} figures, none worse than recorded")


if __name__ == "__main__":
    main()
