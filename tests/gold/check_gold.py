"""Validate gold annotation files against their raw documents.

`check_gold(jsonl, docs_dir)` returns a list of problems (empty when the file is
sound): every commitment `quote` and figure `text` must sit at its `start` in the raw
file (`text[start:start+len(s)] == s`, the check shared/gold/README.md asks of any
extension), entries must follow text order, labels must come from
shared/spec/records.md, and a commitment's quantity must be one of the figures
inside its quote. Usable from pytest and as a script:

    python tests/gold/check_gold.py tests/gold/extra.jsonl tests/gold/docs
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KEYS = ["file", "doc_type", "region", "province", "city", "county", "level", "date",
        "commitments", "figures"]
TOPICS = {"社会救助", "养老服务", "儿童福利", "残疾人福利", "殡葬管理", "社会组织", "基层治理",
          "慈善社工", "区划地名", "婚姻登记", "优抚安置", "流浪救助", "党建", "疫情防控", "其他"}
KINDS = {"achieved", "target", "standard", "other"}
DOC_TYPES = {"interview", "press_conference", "work_report", "work_plan", "government_report",
             "notice", "news", "other"}
LEVELS = {"national", "province", "city", "county", "district", "township"}


def _check_spans(name: str, text: str, items: list[dict], field: str) -> list[str]:
    problems = []
    last = -1
    for item in items:
        s, start = item[field], item["start"]
        if text[start:start + len(s)] != s:
            problems.append(f"{name}: {field} {s!r} is not at {start} "
                            f"(found {text[start:start + len(s)]!r})")
        if start < last:
            problems.append(f"{name}: {field} {s!r} at {start} is out of text order")
        last = start
    return problems


def _check_labels(name: str, entry: dict) -> list[str]:
    problems = []
    if list(entry) != KEYS:
        problems.append(f"{name}: keys {list(entry)} differ from {KEYS}")
    if entry.get("doc_type") not in DOC_TYPES:
        problems.append(f"{name}: doc_type {entry.get('doc_type')!r}")
    if entry.get("level") not in LEVELS:
        problems.append(f"{name}: level {entry.get('level')!r}")
    for c in entry.get("commitments", []):
        if c["topic"] not in TOPICS:
            problems.append(f"{name}: topic {c['topic']!r} of {c['quote']!r}")
        q = c["quantity"]
        if q is not None and not any(
                f["text"] == q["text"] and f["value"] == q["value"] and f["unit"] == q["unit"]
                and c["start"] <= f["start"] < c["start"] + len(c["quote"])
                for f in entry["figures"]):
            problems.append(f"{name}: quantity {q['text']!r} of {c['quote']!r} is no figure in it")
    for f in entry.get("figures", []):
        if f["kind"] not in KINDS:
            problems.append(f"{name}: kind {f['kind']!r} of {f['text']!r}")
    return problems


def check_gold(jsonl: Path, docs_dir: Path) -> list[str]:
    """Problems found in the gold file `jsonl` whose documents lie in `docs_dir`."""
    problems = []
    for line in Path(jsonl).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        name = entry["file"]
        path = Path(docs_dir) / name
        if not path.is_file():
            problems.append(f"{name}: no such document in {docs_dir}")
            continue
        text = path.read_text(encoding="utf-8")
        problems += _check_labels(name, entry)
        problems += _check_spans(name, text, entry["commitments"], "quote")
        problems += _check_spans(name, text, entry["figures"], "text")
    return problems


if __name__ == "__main__":
    found = check_gold(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)
