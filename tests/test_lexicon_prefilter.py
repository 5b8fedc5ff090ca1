"""The look-ahead of lexicon/prefilter.py changes no match: on small patterns, and for the time
grammar, figures' candidates and every cue kind over every line of the real documents, the seeds
and corpus/."""

from __future__ import annotations

import functools
import re

import pytest
from paths import CORPUS, REAL, SEEDS

from duban.extract import cues, figures, timex_grammar
from duban.lexicon.prefilter import compile_prefiltered, first_class, guard


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
    (r"(?<![主重])要|^(?:一是|[(（]\d+[)）])", "[要]"),  # an anchored branch adds no character
    (r"\s*[①-⑳]", r"[\s①-⑳]"),
    (r"[\d〇一二]+年?", r"[\d〇一二]"),
])
def test_the_class_lists_what_a_match_can_start_with(source, first):
    assert first_class(source) == first


@pytest.mark.parametrize("source", ["年?", "(?:将)*", r".将", "[^将]要", "(?i:a)b", "(?=将)"])
def test_a_pattern_that_can_match_empty_or_start_anywhere_is_left_as_it_is(source):
    assert first_class(source) is None
    assert compile_prefiltered(source).pattern == source


def test_ignore_case_guards_every_case_variant():
    """Under a global IGNORECASE the class is compiled with the flag: it lets through A for a,
    and Unicode's folds (K, the Kelvin sign, for k; ſ for s) as the pattern's own literals do.
    ``ab|c`` opens with literals only, which re scans for by itself: no guard there."""
    assert compile_prefiltered("ab|c", re.IGNORECASE).pattern == "ab|c"
    source = r"(?<!x)(?:ks|\d+m)|[γ-ω]\s"
    fast, plain = compile_prefiltered(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert fast.pattern != source and fast.flags == plain.flags
    texts = ["KS", "\u212aſ", "xks", "yKs", "12M", "Ω ", "ω\t", "ΚS", "αs", "ks", ""]
    assert [_matches(fast, t) for t in texts] == [_matches(plain, t) for t in texts]
    assert sum(bool(_matches(plain, t)) for t in texts) >= 7


@pytest.mark.parametrize("source, ahead", [
    (r"^[^,，]{0,8}们$|(?<!抢)时机$", r"(?:\A|(?=[时]))"),
    (r"(?<=\d)^[^是]{1,16}成为|^是", r"\A"),
    (r"(?:^|将)要", r"(?:\A|(?=[将]))"),
    (r"(?m)(?<=,)^[^,]{1,4}们", None),  # ^ after every newline: no anchor
])
def test_an_anchored_branch_lets_only_the_start_through(source, ahead):
    assert guard(source) == ahead


@pytest.mark.parametrize("source", [r"打算|重点|着力", r"[:：]\s*$", r"^\s*(?:一、|二、)", "将", r"(?:确保|力争)[^,]{0,4}"])
def test_a_pattern_that_re_scans_for_by_itself_gets_no_guard(source):
    assert first_class(source) is not None or source.startswith("^")
    assert guard(source) is None and compile_prefiltered(source).pattern == source


def test_an_anchored_guard_finds_what_the_pattern_finds():
    for source in (r"^[^,，]{0,8}们$|(?<!抢)时机$", r"(?<=\d)^[^是]{1,16}成为|^是", r"(?:^|将)要"):
        fast, plain = compile_prefiltered(source), re.compile(source)
        assert fast.pattern != source
        for text in ("我们", "抢抓时机", "x我们", "是", "这是", "他们成为", "要", "将要", "x要", ""):
            assert _matches(fast, text) == _matches(plain, text), (source, text)
            assert bool(fast.match(text)) == bool(plain.match(text)), (source, text)


def test_a_top_level_alternation_stays_whole():
    fast = compile_prefiltered("力争|到(?=20)")
    assert [m.group() for m in fast.finditer("到2025年力争,到年底")] == ["到", "力争"]
    assert fast.sub("#", "力争到2025,到年底") == "##2025,到年底" and fast.match("x力争") is None


def _plain(fast: re.Pattern) -> re.Pattern:
    """The pattern ``fast`` was made from by compile_prefiltered (its guard taken off)."""
    head = re.match(r"\(\?=\[.*?\]\)\(\?:|\(\?:\\A\|\(\?=\[.*?\]\)\)\(\?:|\\A\(\?:", fast.pattern)
    assert head, "the pattern lost its guard"
    source = fast.pattern[head.end():-1]
    assert fast.pattern == f"{guard(source, fast.flags)}(?:{source})"
    return re.compile(source, fast.flags)


@pytest.mark.parametrize("name, fast", [("time grammar", timex_grammar.PATTERN), ("figures", figures._CANDIDATE)],
                         ids=["time grammar", "figures"])  # the patterns differ per process (set order)
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
    # 24 of 73 kinds today; the others open with ^, a literal, a class or literals, which re scans for itself.
    assert prefiltered >= 20
