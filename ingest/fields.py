"""Labelled fields of a page's 政务公开 table and date block (索引号, 发布机构, 发布时间: …)."""

from __future__ import annotations

import re


def label(word: str) -> str:
    """A field label of the 政务公开 table, its characters possibly spaced out (索 引 号)."""
    return r"\s*".join(word)


def field(*labels: str) -> re.Pattern:
    names = "|".join(label(w) for w in labels)
    return re.compile(rf"(?:^|\s)(?:{names})\s*[:：]?\s*(?P<value>[^\s:：]+(?: [^\s:：]+)*)", re.M)


def first(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group("value").strip() if m else None
