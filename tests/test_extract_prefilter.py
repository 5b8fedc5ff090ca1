"""The look-ahead of extract/prefilter.py changes no match: on small patterns, and for the time
grammar, figures' candidates and every cue kind over every line of the real documents, the seeds
and corpus/."""

from __future__ import annotations

import functools
import re

import pytest
from paths import CORPUS, REAL, SEEDS

from duban.extract import cues, figures, timex_grammar
from duban.extract.prefilter import compile_prefiltered, first_class


@functools.cache
def _lines() -> list[str]:
    paths = sorted((REAL / "docs").glob("*")) + sorted(CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    assert len(paths) > 100, "the real documents are missing"
    return [line for p in paths for line in p.read_text(encoding="utf-8", errors="replace").splitlines() if line]


def _matches(pattern: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source, first", [
    ("将|要(?!求)", "[将要]"),
    (r"(?<!\d)(?:19|20)\d{2}年", "[12]"),
    (r"^(?:一是|[(（]\d+[)）])", r"[\(一（]"),
    (r"\s*[①-⑳]", r"[\s①-⑳]"),
    (r"[\d〇一二]+年?", r"[\d〇一二]"),
])
def test_the_class_lists_what_a_match_can_start_with(source, first):
    assert first_class(source) == first


@pytest.mark.parametrize("source", ["年?", "(?:将)*", r".将", "[^将]要", "(?i:a)b", "(?=将)"])
def test_a_pattern_that_can_match_empty_or_start_anywhere_is_left_as_it_is(source):
    assert first_class(source) is None
    assert compile_prefiltered(source).pattern == source


def test_ignore_case_is_left_as_it_is():
    assert compile_prefiltered("ab|c", re.IGNORECASE).pattern == "ab|c"


def test_a_top_level_alternation_stays_whole():
    fast = compile_prefiltered("力争|到(?=20)")
    assert [m.group() for m in fast.finditer("到2025年力争,到年底")] == ["到", "力争"]
    assert fast.sub("#", "力争到2025,到年底") == "##2025,到年底" and fast.match("x力争") is None


def _plain(fast: re.Pattern) -> re.Pattern:
    """The pattern ``fast`` was made from by compile_prefiltered (its look-ahead taken off)."""
    assert fast.pattern.startswith("(?=["), "the pattern lost its look-ahead"
    source = fast.pattern.split("])(?:", 1)[1][:-1]
    assert fast.pattern == f"(?={first_class(source, fast.flags)})(?:{source})"
    return re.compile(source, fast.flags)


@pytest.mark.parametrize("name, fast", [("time grammar", timex_grammar.PATTERN), ("figures", figures._CANDIDATE)])
def test_the_time_grammar_and_figures_match_as_before_on_every_real_line(name, fast):
    plain, lines = _plain(fast), _lines()
    assert [_matches(fast, t) for t in lines] == [_matches(plain, t) for t in lines], name


def test_every_cue_kind_matches_as_before_on_every_real_line():
    lines = _lines()
    prefiltered = 0
    for kind, source in cues.sources().items():
        fast = cues.pattern(kind)
        if fast.pattern == source:  # no look-ahead could be derived: nothing to compare
            continue
        prefiltered += 1
        plain = _plain(fast)
        assert plain.pattern == source
        for t in lines:
            assert _matches(fast, t) == _matches(plain, t), (kind, t)
            assert (fast.match(t) is None) == (plain.match(t) is None), (kind, t)
    assert prefiltered > len(cues.sources()) // 2
