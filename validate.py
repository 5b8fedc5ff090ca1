"""Command-line values checked before any work is done: choices, dates, sizes, questions, paths.

A value duban cannot use is a ``UsageError`` (exit 2) whose reason lists what it accepts, so a
typo never turns into a silent empty result (``--kind bogus``) or a string comparison of
dates (``--due-before notadate``).
"""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from .errors import UsageError

LEVELS = ("province", "city", "county", "district", "township")  # records.Region.level
FIGURE_KINDS = ("achieved", "target", "standard", "other")  # records.Figure.kind
UNIT_KINDS = ("commitment", "figure", "sentence")  # index units (index/filters.py)


def choice(value: str | None, valid: Sequence[str], flag: str) -> str | None:
    """``value`` when it is one of ``valid`` (or None)."""
    if value is not None and value not in valid:
        raise UsageError(flag, f"{value!r} is not one of {', '.join(valid)}")
    return value


def choices(values: Iterable[str] | None, valid: Sequence[str], flag: str) -> list[str] | None:
    """Every value of a repeatable option checked with ``choice``."""
    return None if values is None else [choice(v, valid, flag) for v in values]


def topics() -> tuple[str, ...]:
    """The topics of the contract; imported on use (extract/ loads spaCy)."""
    from .extract.topics import TOPICS

    return TOPICS


def iso_date(value: str | None, flag: str) -> date | None:
    """A date given as YYYY-MM-DD (None stays None)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(flag, f"{value!r} is not a date like 2024-12-31 (YYYY-MM-DD)") from None


def positive_size(value: int | None, flag: str) -> int | None:
    """A byte count above zero (None: the default applies)."""
    if value is not None and value <= 0:
        raise UsageError(flag, f"{value} is not a size; give a number of bytes above 0, e.g. 52428800")
    return value


def question(text: str) -> str:
    """The question, stripped; one without a letter, digit or Chinese character is refused."""
    text = text.strip()
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise UsageError("question", "it has no words; ask in words, e.g. duban ask \"低保标准提高到多少？\"")
    return text


def source_forms(ref: str) -> list[str]:
    """The spellings a stored source path may have for what the user typed: as typed,
    normalised (``./x``, ``a/../x``), with ``~`` expanded, absolute, and relative to here.

    Sources are stored as given at ingest, so ``show ./corpus/x.txt`` must also find
    ``corpus/x.txt`` and the absolute path. URLs are left as they are.
    """
    if ref.startswith(("http://", "https://")):
        return [ref]
    expanded = os.path.expanduser(ref)
    absolute = os.path.abspath(expanded)
    forms = [ref, os.path.normpath(ref), os.path.normpath(expanded), absolute]
    try:
        forms.append(os.path.relpath(absolute))
    except ValueError:  # another drive (Windows)
        pass
    forms.append(str(Path(absolute).resolve()))
    return list(dict.fromkeys(forms))
