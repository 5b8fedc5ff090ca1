"""Which part of a document a sentence is in (review or plan) and which year it reports on.

Issue #11: evidence comes only from a document's review or report part (工作回顾, 完成情况,
进展); a later plan that restates the same promise (2025年发展主要预期目标 … 城镇新增就业1200万人以上)
is not evidence for last year's identical target. Pure: sentences and the document date in,
one ``Part`` per sentence out.

Why tracking does not read extraction's plan/report model (extract/passages.py, issue #10):
the two answer different questions. Extraction asks "is this sentence a promise?" and so starts
every document that is not a work plan as ``report``; tracking asks "is this sentence a result
for year Y?" and needs ``unknown`` for a sentence no heading or cue places (a target list in a
news story is then judged by its own words, ``weak`` when only 增长 / 新增 decide), the year a
part reports on, and whether it spans years (五年来, 累计). passages.py gives none of the three.
Measured on tests/track (``duban eval --track tests/track/gold.jsonl --lexical``) with this
module's years and flags kept and only the kind taken from ``sentence_passages`` (plan → plan,
report → review, problems / question → unknown): dev status accuracy 0.872 → 0.795 and evidence
F1 0.919 → 0.807; test 0.979 → 0.854 and 0.992 → 0.947. So tracking keeps its own parts, and
its words stay in ``track/data/sections.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA = Path(__file__).with_name("data")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" "9")
_YEAR = re.compile(r"(?<![\d])(20\d\d|二[〇○零]\S\S)年")
HEADING_OPEN = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])")


def _patterns() -> dict[str, re.Pattern]:
    out = {}
    for line in (DATA / "sections.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t")
            out[kind] = re.compile(pattern)
    return out


PATTERNS = _patterns()


@dataclass(frozen=True)
class Part:
    kind: str  # review, plan or unknown
    year: int | None  # the year reported on, when known
    multi_year: bool = False  # a five-year review, an average or a cumulative total
    why: str = ""  # the heading or cue that decided it
    weak: bool = False  # decided by a common verb alone (增长, 新增): a target list reads the same


def year_in(text: str) -> int | None:
    """The first year written in the text (2024年, 二〇二五年), else None."""
    m = _YEAR.search(text)
    if not m:
        return None
    digits = m.group(1).translate(_CN_DIGITS)
    return int(digits) if digits.isdigit() else None


def is_heading(text: str) -> bool:
    """A short line or a numbered opening, holding no figure but years and spans of years
    (a title like 中国2024年经济增长预期目标设定为5%左右 is not a part's heading)."""
    stripped = text.strip()
    if re.search(r"\d", _YEAR.sub("", re.sub(r"\d+年", "", HEADING_OPEN.sub("", stripped)))):
        return False
    return bool(HEADING_OPEN.match(stripped)) or (len(stripped) <= 30 and not re.search(r"[。；;!！?？]$", stripped))


def parts(sentences: list[str], doc_date: date | None) -> list[Part]:
    """One ``Part`` per sentence, following the headings met so far."""
    default_year = None if doc_date is None else doc_date.year - 1 if doc_date.month <= 4 else doc_date.year
    state = Part("unknown", default_year)
    out = []
    for text in sentences:
        heading = is_heading(text)
        if heading and PATTERNS["review_head"].search(text):
            multi = bool(PATTERNS["multi_year"].search(text))
            state = Part("review", year_in(text) or default_year, multi, f"标题「{text.strip()[:20]}」")
            out.append(state)
            continue
        if heading and PATTERNS["plan_head"].search(text):
            state = Part("plan", year_in(text), False, f"标题「{text.strip()[:20]}」")
            out.append(state)
            continue
        opening = PATTERNS["review_open"].match(text.strip())
        if opening:  # 过去一年,… opens the review, whatever the headline said
            state = Part("review", year_in(text) or default_year, bool(PATTERNS["multi_year"].search(text)),
                         f"「{opening.group(0)}」")
        out.append(_own_part(text, state))
    return out


def _own_part(text: str, state: Part) -> Part:
    """A sentence's part: its own cue words where the headings say nothing, else the heading's."""
    year = year_in(text)
    # A heading's 十四五 marks its whole part; a sentence's own is judged on the figure's clause
    # (verify.check), since one long line may hold 十四五 far from the figure.
    multi = state.multi_year
    if state.kind != "unknown":
        return Part(state.kind, year or state.year, multi, state.why)
    for kind in ("review_strong", "plan_strong"):
        cue = PATTERNS[kind].search(text)
        if cue:
            return Part(kind.split("_")[0], year or state.year, multi, f"「{cue.group(0)}」")
    plan, review = PATTERNS["plan"].search(text), PATTERNS["review"].search(text)
    if plan and not (review and review.start() < plan.start()):
        return Part("plan", year or state.year, multi, f"「{plan.group(0)}」")
    if review:
        return Part("review", year or state.year, multi, f"「{review.group(0)}」", weak=True)
    return Part("unknown", year or state.year, multi, "")
