r"""Faster regular expressions with the same matches: a look-ahead for the characters a match can start with.

Python's ``re`` tries a pattern at every position of the text. For a large alternation that
starts with look-behinds or optional groups (the time grammar, the cue lexicon's kinds) each try
walks many branches, although almost every character of a text can start no match at all: the
time grammar alone ran at about 200,000 characters/s, as slow as segmenting the text with jieba.
``compile_prefiltered(source, flags)`` puts ``(?=[…])`` in front, the class of every character that can start
a match, read from the pattern's parse tree; a position whose character is not in the class
fails at once. A branch anchored at the text's start (``^[^,，]{0,8}们$``) can match only there,
so its characters need not be listed: the guard lets the start through too (``(?:\A|(?=[…]))``).

A pattern is returned unchanged when it can match the empty string, when its first characters
cannot be listed (``.``, a negated class, a back-reference, an inline ``(?i:…)``), and when ``re`` already
skips to the places a match can start by itself: an expression that opens with ``^``, a literal,
a class or an alternation of literals (``打算|重点|着力``, ``[:：]\s*$``). There ``re``'s own scan
runs in C, and a look-ahead in front hid it: such cue kinds were 1.5 to 4.5 times slower
behind one, on the clauses of real documents. Either way
``search``, ``match``, ``finditer``, ``sub`` and ``split`` give exactly what the original gives:
every match of a pattern that cannot match empty starts with one of the listed characters
(tests/test_lexicon_prefilter.py checks this on every real document). Under a global
``re.IGNORECASE`` the class is compiled with the flag too, so it lets through every case variant
(and Unicode case fold, K for k) of its characters, as the pattern's own literals and classes do.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile; public as sre_parse before Python 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

_ANY = None  # the first characters cannot be listed
_START = r"\A"  # among class parts: a match may also start at the text's start, with any character
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w",
               "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_NOT_WORD": r"\W"}
_ZERO_WIDTH = {_c.ASSERT, _c.ASSERT_NOT, _c.AT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _sequence(items, multiline: bool) -> tuple[set[str] | None, bool]:
    """(class parts a match of the sequence can start with, whether it can match empty)."""
    parts: set[str] = set()
    for op, av in items:
        if op == _c.AT and (av == _c.AT_BEGINNING_STRING or av == _c.AT_BEGINNING and not multiline):
            return parts | {_START}, False  # whatever follows, this match starts at the text's start
        first, empty = _item(op, av, multiline)
        if first is _ANY:
            return _ANY, False
        parts |= first
        if not empty:
            return parts, False
    return parts, True


def _item(op, av, multiline: bool) -> tuple[set[str] | None, bool]:
    if op == _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op == _c.IN:
        return _charset(av), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op == _c.SUBPATTERN:  # (group, flags turned on, flags turned off, body)
        return (_ANY, False) if av[1] & re.IGNORECASE else _sequence(av[-1], multiline or bool(av[1] & re.MULTILINE))
    if hasattr(_c, "ATOMIC_GROUP") and op == _c.ATOMIC_GROUP:
        return _sequence(av, multiline)
    if op == _c.BRANCH:
        parts, empty = set(), False
        for branch in av[1]:
            first, can_be_empty = _sequence(branch, multiline)
            if first is _ANY:
                return _ANY, False
            parts |= first
            empty = empty or can_be_empty
        return parts, empty
    if op in _REPEATS:
        first, empty = _sequence(av[2], multiline)
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


def _scanned_by_re(tree) -> bool:
    """Whether ``re``'s search skips to where a match can start by itself (sre_compile's literal
    prefix and charset, and its start anchor): the expression, inside its groups, opens with
    ``^``, a literal, a class, or an alternation whose every branch opens with a literal."""
    items = list(tree)
    while items and items[0][0] == _c.SUBPATTERN and not items[0][1][1] & re.IGNORECASE:
        items = list(items[0][1][-1])
    if not items:
        return False
    op, av = items[0]
    if op == _c.BRANCH:
        return all(branch and list(branch)[0][0] == _c.LITERAL for branch in av[1])
    return op in (_c.LITERAL, _c.IN) or op == _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)


def _first_parts(source: str, flags: int) -> set[str] | None:
    """The class parts (and ``_START``) a match of ``source`` can start with; None when they
    cannot be listed, or a match can be empty."""
    if not isinstance(source, str):
        return None
    tree = _p.parse(source, flags)
    first, empty = _sequence(tree, bool(tree.state.flags & re.MULTILINE))
    return None if first is _ANY or empty else first


def first_class(source: str, flags: int = 0) -> str | None:
    """The character class (``[…]``) of what a match of the expression ``source`` can start
    with, besides the text's start for its anchored branches; None when it can match empty,
    its first characters cannot be listed or every branch is anchored."""
    parts = (_first_parts(source, flags) or set()) - {_START}
    return "[" + "".join(sorted(parts)) + "]" if parts else None


def guard(source: str, flags: int = 0) -> str | None:
    r"""The zero-width test that every position where ``source`` can match passes: a look-ahead
    for its first characters (``(?=[…])``), and ``\A`` for its anchored branches; None where
    ``re`` needs none or none can be derived."""
    parts = _first_parts(source, flags)
    if not parts or _scanned_by_re(_p.parse(source, flags)):
        return None
    ahead = f"(?={first_class(source, flags)})" if parts - {_START} else None
    if _START not in parts:
        return ahead
    return _START if ahead is None else f"(?:{_START}|{ahead})"


def compile_prefiltered(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)`` behind its ``guard``: the same matches, found faster."""
    ahead = guard(source, flags)
    if ahead is not None:
        try:
            return re.compile(f"{ahead}(?:{source})", flags)
        except re.error:  # a global flag such as (?x) must open the expression: keep it as it is
            pass
    return re.compile(source, flags)
