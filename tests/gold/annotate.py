"""Build tests/gold/extra.jsonl from the hand annotations in tests/gold/spec_*.py.

Offsets are never typed by hand: each quote or figure is located in the raw file by
searching its text, optionally inside a longer unique `anchor`, or by occurrence
index `occ` when the same text repeats. A text that repeats without `anchor`/`occ`
is an error, so a later edit of a document cannot silently move an annotation.

Figure `value`/`unit` come from `parse_figure()` unless given explicitly; a
commitment's `quantity` is the annotated figure with the given text inside the
quote's span, so the two lists cannot disagree.

Run: python tests/gold/annotate.py   (rewrites extra.jsonl, then runs check_gold)
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS_DIR = HERE / "docs"
OUT = HERE / "extra.jsonl"

_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SCALE = {"万": 10_000, "亿": 100_000_000}
# Rate prefixes fold into the unit, as seed 003's 每月55元 → 元/月.
_RATE_PREFIX = {"每人每月": "/人月", "每人每年": "/人年", "每月": "/月", "每周": "/周"}
_LEAD_QUALIFIERS = ("约", "近", "超过")
_TRAIL_QUALIFIERS = ("以上", "以下", "以内", "左右", "内")
_NUM = r"(\d+(?:\.\s?\d+)?)(万|亿)?"
_FIG_RE = re.compile(rf"^{_NUM}(?:(?:-|—|至|~){_NUM})?(余|多)?(.*)$")


@dataclass(frozen=True)
class C:
    """A commitment: quote, topic, quantity text (a figure inside the quote), deadline."""

    quote: str
    topic: str
    qty: str | None = None
    deadline: str | None = None
    region: str | None = None
    anchor: str | None = None
    occ: int | None = None


@dataclass(frozen=True)
class F:
    """A figure: text and kind; value/unit parsed unless given."""

    text: str
    kind: str
    anchor: str | None = None
    occ: int | None = None
    value: float | None = None
    unit: str | None = None


def _num(s: str) -> float:
    v = float(s.replace(" ", ""))
    return int(v) if v.is_integer() else v


def parse_figure(text: str) -> tuple[float, str]:
    """Value and unit of a figure text under the gold guideline (range → upper bound)."""
    body, rate = text, ""
    for prefix, suffix in _RATE_PREFIX.items():
        if body.startswith(prefix):
            body, rate = body[len(prefix):], suffix
            break
    for q in _LEAD_QUALIFIERS:
        if body.startswith(q):
            body = body[len(q):]
    if body[0] in _CN_DIGITS:
        value, unit = _CN_DIGITS[body[0]], body[1:]
    else:
        m = _FIG_RE.match(body)
        if not m:
            raise ValueError(f"cannot parse figure {text!r}")
        n1, s1, n2, s2, _approx, unit = m.groups()
        n, s = (n2, s2 or s1) if n2 else (n1, s1)
        value = round(_num(n) * _SCALE.get(s, 1), 6)
        if float(value).is_integer():
            value = int(value)
    for q in _TRAIL_QUALIFIERS:
        if unit.endswith(q):
            unit = unit[: -len(q)]
            break
    return value, (unit or "个") + rate


def locate(text: str, needle: str, anchor: str | None, occ: int | None) -> int:
    """Offset of `needle` in `text`, inside `anchor` if given; ambiguity is an error.

    A needle starting with a digit never matches inside a longer number (3% in 4.3%).
    """
    if anchor is not None:
        if needle not in anchor:
            raise ValueError(f"{needle!r} not inside anchor {anchor!r}")
        return locate(text, anchor, None, occ) + anchor.index(needle)
    guard = r"(?<![\d.\-])" if needle[0].isdigit() else ""
    hits = [m.start() for m in re.finditer(guard + re.escape(needle), text)]
    if not hits:
        raise ValueError(f"{needle!r} not found")
    if occ is None:
        if len(hits) > 1:
            raise ValueError(f"{needle!r} occurs {len(hits)} times; give anchor or occ")
        occ = 0
    return hits[occ]


def build_entry(meta: dict, commitments: list[C], figures: list[F]) -> dict:
    text = (DOCS_DIR / meta["file"]).read_text(encoding="utf-8")
    figs = []
    for f in figures:
        start = locate(text, f.text, f.anchor, f.occ)
        value, unit = parse_figure(f.text)
        figs.append({
            "text": f.text,
            "value": f.value if f.value is not None else value,
            "unit": f.unit if f.unit is not None else unit,
            "kind": f.kind,
            "start": start,
        })
    figs.sort(key=lambda g: g["start"])
    comms = []
    for c in commitments:
        start = locate(text, c.quote, c.anchor, c.occ)
        quantity = None
        if c.qty is not None:
            inside = [g for g in figs if g["text"] == c.qty
                      and start <= g["start"] < start + len(c.quote)]
            if len(inside) != 1:
                raise ValueError(f"quantity {c.qty!r} is not one annotated figure in {c.quote!r}")
            g = inside[0]
            quantity = {"value": g["value"], "unit": g["unit"], "text": g["text"]}
        comms.append({
            "quote": c.quote,
            "region": c.region or meta["region"],
            "topic": c.topic,
            "quantity": quantity,
            "deadline": c.deadline,
            "start": start,
        })
    comms.sort(key=lambda g: g["start"])
    return {**meta, "commitments": comms, "figures": figs}


def uncovered_numbers(entry: dict) -> list[str]:
    """Digit runs outside every figure span, with context, for a reviewer to confirm
    they are among the guideline's skips (dates, years, document numbers, phones...)."""
    text = (DOCS_DIR / entry["file"]).read_text(encoding="utf-8")
    covered = set()
    for f in entry["figures"]:
        covered.update(range(f["start"], f["start"] + len(f["text"])))
    return [text[max(0, m.start() - 8):m.end() + 6].replace("\n", " ")
            for m in re.finditer(r"\d+", text) if m.start() not in covered]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    sys.path.insert(0, str(HERE))  # spec_*.py import C and F from this module
    specs = sorted(p.stem for p in HERE.glob("spec_*.py"))
    entries = []
    for name in specs:
        m = _load(name)
        try:
            entries.append(build_entry(m.META, m.COMMITMENTS, m.FIGURES))
        except ValueError as exc:
            raise SystemExit(f"{name}: {exc}") from exc
    entries.sort(key=lambda e: e["file"])
    with OUT.open("w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    for e in entries:
        print(f"{e['file']}: {len(e['commitments'])} commitments, {len(e['figures'])} figures")
        if "-v" in sys.argv:
            print("  unannotated numbers:", " | ".join(uncovered_numbers(e)))
    errors = _load("check_gold").check_gold(OUT, DOCS_DIR)
    print("\n".join(errors) or "check_gold: ok")


if __name__ == "__main__":
    main()
