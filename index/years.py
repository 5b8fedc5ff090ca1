"""The years an index unit is about (its plan years), beside the day its document was published.

A 2023 plan is voted and published on 2022-12-21 (tests/real f03), a 2022 work plan on
2021-12-30: a question about 2023 must find them, so a year filter matches these years too
(filters.py). A unit's plan years are one span, from the earliest to the latest of:
- every period its document's title names (昌硕街道2022年工作总结和2023年工作计划 → 2022-2023,
  十四五 → 2021-2025);
- a year naming a plan in the document's opening sentences, for a page without a title
  (…票决产生了沅江市人民政府2023年民生实事项目 → 2023; a date such as 2022年12月21日 is not one);
- for a commitment, its deadline's period (到2025年 in a 2022 report → 2022-2025).
A span rather than a set of years: Chroma's ``where`` compares scalars, and a commitment made in
2021 and due in 2025 is in force in the years between. (0, 0): no plan year is named, and only
the publication day counts.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Iterable

from ..lexicon.cues import sources

Span = tuple[int, int]
NONE: Span = (0, 0)
OPENING_SENTENCES = 3  # how many of a document's first sentences may name its plan year


@lru_cache(maxsize=1)
def _plan_year() -> re.Pattern:
    """A year directly naming a plan: 2023年民生实事项目, 2024年十大民生实事, 2023年度 重点工作.
    The words between may hold no digit or punctuation, so 2022年12月21日…实事 is no plan year."""
    return re.compile(rf"(20\d\d)\s*年度?[^\d\s,，。;；:：、]{{0,6}}?\s*(?:{sources()['title_plan']})")


def _periods(text: str, published: date | None) -> list[Span]:
    from ..extract.timex import find_times

    return [(t.period_start.year if t.period_start else t.period_end.year, t.period_end.year)
            for t in find_times(text, published) if t.period_end]


def document_span(title: str | None, opening: Iterable[str], published: date | None) -> Span:
    """The plan years of a document: its title's periods, and the plan years its opening names."""
    spans = _periods(title, published) if title else []
    spans += [(int(y), int(y)) for text in opening for y in _plan_year().findall(text)]
    return joined(spans)


@lru_cache(maxsize=4096)
def deadline_span(deadline_text: str | None, published: date | None) -> Span:
    """The years a commitment's deadline phrase covers, resolved against the publication date."""
    if not deadline_text:
        return NONE
    from ..extract.timex import resolve_period

    period = resolve_period(deadline_text, published)
    return (period[0].year, period[1].year) if period else NONE


def joined(spans: Iterable[Span]) -> Span:
    """The smallest span holding every named span (``NONE`` ones ignored)."""
    named = [s for s in spans if s != NONE]
    return (min(s[0] for s in named), max(s[1] for s in named)) if named else NONE
