"""Build tests/real/gold.jsonl from the hand annotations in tests/real/ann/*.json.

Each annotation names its verbatim document under docs/, its provenance, the metadata gold and
the commitments and hard negatives (guideline: shared/gold/README.md, plus tests/real/README.md).
Figure gold, written later by its own annotator, is in ann_fig/<name>.json (``file``,
``figures`` of ``text``, ``occ``, ``value``, ``unit``, ``kind``); a document that has it is
marked ``figures_annotated`` in its gold line, and only such documents score figures. The others
keep ``"figures": []`` and no mark, so their frozen test lines do not change.
Offsets are never typed by hand: a quote is found in the raw file, and ``occ`` picks the
occurrence when the text repeats. A quote that repeats without ``occ``, or is not found, is an
error, so an edit of a document cannot silently move an annotation.

The split is not chosen by anyone: a document is ``test`` when the first 8 hex digits of the
SHA-256 of its bytes, as an integer, are 0–3 modulo 10, else ``dev``. ``test_split.sha256``
freezes the test documents and their gold lines; ``tests/test_real_corpus.py`` fails when they
change.

Run:  python tests/real/build.py           (check, then rewrite gold.jsonl)
      python tests/real/build.py --check   (check only)
      python tests/real/build.py --freeze  (rewrite test_split.sha256 from the current gold)
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS, ANN, GOLD, FROZEN = HERE / "docs", HERE / "ann", HERE / "gold.jsonl", HERE / "test_split.sha256"
ANN_FIG = HERE / "ann_fig"

META_KEYS = ("title", "publisher", "date", "doc_type", "region", "level", "province", "city", "county")
DOC_TYPES = {"interview", "press_conference", "work_report", "work_plan", "government_report",
             "notice", "news", "other"}
LEVELS = {"national", "province", "city", "county", "district", "township", None}
TOPICS = {"社会救助", "养老服务", "儿童福利", "残疾人福利", "殡葬管理", "社会组织", "基层治理",
          "慈善社工", "区划地名", "婚姻登记", "优抚安置", "流浪救助", "党建", "疫情防控", "其他"}
FIGURE_KINDS = {"target", "standard", "achieved", "other"}
# A date is a day, or only its month or year when the page gives no more (scored as any day in it).
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def split_of(data: bytes) -> str:
    return "test" if int(hashlib.sha256(data).hexdigest()[:8], 16) % 10 < 4 else "dev"


def locate(text: str, quote: str, occ: int | None) -> tuple[int | None, str | None]:
    """Offset of the ``occ``-th occurrence of ``quote``, or an error in words."""
    found, i = [], text.find(quote)
    while quote and i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    if not found:
        return None, "not found in the document"
    if occ is None and len(found) > 1:
        return None, f"occurs {len(found)} times: give occ"
    k = occ or 0
    if k >= len(found):
        return None, f"occ {k} but only {len(found)} occurrences"
    return found[k], None


def _spans(name: str, text: str, items: list[dict], kind: str, problems: list[str],
           key: str = "quote") -> list[dict]:
    out = []
    for item in items:
        start, error = locate(text, item.get(key) or "", item.get("occ"))
        if error:
            problems.append(f"{name}: {kind} {item.get(key)!r}: {error}")
            continue
        entry = {k: v for k, v in item.items() if k != "occ"}
        entry["start"] = start
        if entry.get("quantity"):
            entry["quantity"] = {"text": entry["quantity"]}
        out.append(entry)
    return sorted(out, key=lambda e: e["start"])


def _check_commitment(name: str, c: dict, problems: list[str]) -> None:
    if c.get("topic") not in TOPICS:
        problems.append(f"{name}: commitment {c['quote']!r}: topic {c.get('topic')!r} is not a label")
    qty = (c.get("quantity") or {}).get("text")
    if qty and qty not in c["quote"]:
        problems.append(f"{name}: commitment {c['quote']!r}: quantity {qty!r} is not inside the quote")
    if not isinstance(c.get("firm"), bool):
        problems.append(f"{name}: commitment {c['quote']!r}: firm must be true or false")
    for key in ("region", "deadline"):
        if not isinstance(c.get(key), (str, type(None))):
            problems.append(f"{name}: commitment {c['quote']!r}: {key} must be text or null, not {c.get(key)!r}")


def build_one(path: Path, problems: list[str]) -> dict | None:
    name = path.name
    try:
        ann = json.loads(path.read_text(encoding="utf-8"))
        data = (DOCS / ann["file"]).read_bytes()
    except (OSError, KeyError, json.JSONDecodeError) as exc:
        problems.append(f"{name}: cannot read ({exc})")
        return None
    text = data.decode("utf-8")
    meta = ann.get("meta", {})
    missing = [k for k in META_KEYS if k not in meta]
    if missing:
        problems.append(f"{name}: meta lacks {', '.join(missing)}")
    if meta.get("doc_type") not in DOC_TYPES:
        problems.append(f"{name}: doc_type {meta.get('doc_type')!r} is not one of the eight")
    if meta.get("level") not in LEVELS:
        problems.append(f"{name}: level {meta.get('level')!r} is not a level")
    if meta.get("date") is not None and not DATE.fullmatch(str(meta["date"])):
        problems.append(f"{name}: date {meta['date']!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if not ann.get("source"):
        problems.append(f"{name}: no source (provenance)")
    commitments = _spans(name, text, ann.get("commitments", []), "commitment", problems)
    for c in commitments:
        _check_commitment(name, c, problems)
    negatives = _spans(name, text, ann.get("negatives", []), "negative", problems)
    line = {"file": ann["file"], "split": split_of(data), "source": ann.get("source"),
            **{k: meta.get(k) for k in META_KEYS}, "shapes": ann.get("shapes", []),
            "annotator": ann.get("annotator"), "commitments": commitments, "negatives": negatives,
            "figures": []}
    fig_path = ANN_FIG / name
    if fig_path.is_file():
        line.update(build_figures(fig_path, ann["file"], text, problems))
    return line


def build_figures(path: Path, file: str, text: str, problems: list[str]) -> dict:
    """The figure gold of ann_fig/<name>.json: offsets found like the quotes', each figure
    checked (a kind of the guideline, a number or null value, a text not cut out of a longer
    number), and the mark that this document's figures were annotated."""
    name = f"{ANN_FIG.name}/{path.name}"
    try:
        ann = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        problems.append(f"{name}: cannot read ({exc})")
        return {}
    if ann.get("file") != file:
        problems.append(f"{name}: names {ann.get('file')!r}, but ann/{path.name} is {file!r}")
        return {}
    figures = _spans(name, text, ann.get("figures", []), "figure", problems, key="text")
    for f in figures:
        _check_figure(name, text, f, problems)
    return {"figures": figures, "figures_annotated": True, "figure_annotator": ann.get("annotator")}


def _check_figure(name: str, text: str, f: dict, problems: list[str]) -> None:
    label = f"{name}: figure {f['text']!r} at {f['start']}"
    if f.get("kind") not in FIGURE_KINDS:
        problems.append(f"{label}: kind {f.get('kind')!r} is not one of {sorted(FIGURE_KINDS)}")
    value = f.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        problems.append(f"{label}: value {value!r} is not a number")
    number = _number_around(text, f["start"], f["start"] + len(f["text"]))
    if number != f["text"]:
        problems.append(f"{label}: sits inside the longer number {number!r}: check occ")


def _number_around(text: str, start: int, end: int) -> str:
    """The span widened over the digits touching a digit at either end of it."""
    if text[start].isdigit():
        while start and text[start - 1].isdigit():
            start -= 1
    if text[end - 1].isdigit():
        while end < len(text) and text[end].isdigit():
            end += 1
    return text[start:end]


def build() -> tuple[list[dict], list[str]]:
    problems: list[str] = []
    lines = [g for p in sorted(ANN.glob("*.json")) if (g := build_one(p, problems))]
    orphans = {p.name for p in ANN_FIG.glob("*.json")} - {p.name for p in ANN.glob("*.json")}
    problems += [f"{ANN_FIG.name}/{o}: no ann/{o} for its document" for o in sorted(orphans)]
    return lines, problems


def line_digest(line: dict) -> str:
    return hashlib.sha256(json.dumps(line, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def frozen_manifest(lines: list[dict]) -> str:
    """``<sha256 of document bytes>  <sha256 of gold line>  <file>`` for every test document."""
    rows = []
    for line in lines:
        if line["split"] == "test":
            doc = hashlib.sha256((DOCS / line["file"]).read_bytes()).hexdigest()
            rows.append(f"{doc}  {line_digest(line)}  {line['file']}")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    lines, problems = build()
    for problem in problems:
        print(problem)
    if problems:
        return 1
    if "--check" in argv:
        with_figures = [g for g in lines if g.get("figures_annotated")]
        print(f"{len(lines)} documents, {sum(len(g['commitments']) for g in lines)} commitments, "
              f"{sum(len(g['figures']) for g in with_figures)} figures in {len(with_figures)}: ok")
        return 0
    GOLD.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines), encoding="utf-8")
    if "--freeze" in argv:
        FROZEN.write_text(frozen_manifest(lines), encoding="utf-8")
    print(f"wrote {GOLD.name}: {len(lines)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
