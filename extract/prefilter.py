"""Faster regular expressions with the same matches: a look-ahead for the characters a match can start with.

Python's ``re`` tries a pattern at every position of the text. For a large alternation that
starts with look-behinds or optional groups (the time grammar, the cue lexicon's kinds) each try
walks many branches, although almost every character of a text can start no match at all: the
time grammar alone ran at about 200,000 characters/s, as slow as segmenting the text with jieba.
``compile_prefiltered(source, flags)`` puts ``(?=[…])`` in front, the class of every character that can start
a match, read from the pattern's parse tree; a position whose character is not in the class
fails at once. A pattern that can match the empty string, or whose first characters cannot be
listed (``.``, a negated class, a back-reference, ignore-case), is returned unchanged. Either way
``search``, ``match``, ``finditer``, ``sub`` and ``split`` give exactly what the original gives:
every match of a pattern that cannot match empty starts with one of the listed characters
(tests/test_extract_prefilter.py checks this on every real document).
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile; public as sre_parse before Python 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

_ANY = None  # the first characters cannot be listed
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w",
               "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_NOT_WORD": r"\W"}
_ZERO_WIDTH = {_c.ASSERT, _c.ASSERT_NOT, _c.AT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _sequence(items) -> tuple[set[str] | None, bool]:
    """(class parts a match of the sequence can start with, whether it can match empty)."""
    parts: set[str] = set()
    for op, av in items:
        first, empty = _item(op, av)
        if first is _ANY:
            return _ANY, False
        parts |= first
        if not empty:
            return parts, False
    return parts, True


def _item(op, av) -> tuple[set[str] | None, bool]:
    if op == _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op == _c.IN:
        return _charset(av), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op == _c.SUBPATTERN:  # (group, flags turned on, flags turned off, body)
        return (_ANY, False) if av[1] & re.IGNORECASE else _sequence(av[-1])
    if hasattr(_c, "ATOMIC_GROUP") and op == _c.ATOMIC_GROUP:
        return _sequence(av)
    if op == _c.BRANCH:
        parts, empty = set(), False
        for branch in av[1]:
            first, can_be_empty = _sequence(branch)
            if first is _ANY:
                return _ANY, False
            parts |= first
            empty = empty or can_be_empty
        return parts, empty
    if op in _REPEATS:
        first, empty = _sequence(av[2])
        return first, empty or av[0] == 0
    return _ANY, False  # ANY (.), NOT_LITERAL, back-references, conditionals


def _charset(items) -> set[str] | None:
    parts = set()
    for op, av in items:
        if op == _c.LITERAL:
            parts.add(re.escape(chr(av)))
        elif op == _c.RANGE:
            parts.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op == _c.CATEGORY and str(av) in _CATEGORIES:
            parts.add(_CATEGORIES[str(av)])
        else:  # NEGATE and the rest
            return _ANY
    return parts


def first_class(source: str, flags: int = 0) -> str | None:
    """The character class (``[…]``) of what a match of the expression ``source`` can start
    with; None when it can match empty or its first characters cannot be listed."""
    if flags & re.IGNORECASE or not isinstance(source, str):
        return None
    first, empty = _sequence(_p.parse(source, flags))
    if first is _ANY or empty or not first:
        return None
    return "[" + "".join(sorted(first)) + "]"


def compile_prefiltered(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)`` behind a look-ahead for its first characters: the same
    matches, found faster."""
    first = first_class(source, flags)
    if first is not None:
        try:
            return re.compile(f"(?={first})(?:{source})", flags)
        except re.error:  # a global flag such as (?x) must open the expression: keep it as it is
            pass
    return re.compile(source, flags)
