"""Text as scraped → the clean text every offset refers to.

Steps, in order: normalise characters (full-width digits and letters to ASCII, odd spaces to
ASCII spaces, CRLF to LF), convert traditional to simplified script with OpenCC ``t2s``, drop
lines of site chrome (navigation, the 政务公开 metadata table, datelines, footers, ``pic``
markers and the photo caption under them), cut injected spam fragments out of the lines that
remain, and collapse blank lines so that paragraphs stay separated by exactly one.

Punctuation is kept as the file has it (ASCII ``,`` ``;`` ``(`` in seeds 000-003): gold quotes
are substrings of the cleaned text only if it is. The vocabularies live in ``ingest/data/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lexicon.prefilter import compile_prefiltered
from .repair import drop_repeats, repair_mojibake, strip_pinyin
from .unwrap import unwrap_lines

__all__ = ["Cleaned", "Removal", "clean_text", "prepare"]

DATA = Path(__file__).parent / "data"

# Full-width digits, Latin letters and ％ → ASCII; full-width punctuation stays as written.
_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_WIDTH[0xFF05] = ord("%")
# Ideographic, no-break, en/em/thin spaces and tabs → one ASCII space each; zero-width ones go.
_SPACES = {c: " " for c in (0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2028, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_SPACES.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})
_TABLE = {chr(c): "" if v is None else v if isinstance(v, str) else chr(v) for c, v in {**_WIDTH, **_SPACES}.items()}
# str.translate builds a non-ASCII string a character at a time (12× slower on these texts than
# substituting the few characters that change).
_ODD = re.compile("[" + "".join(map(re.escape, _TABLE)) + "]")
# Separators allowed between chrome tokens on a chrome-only line.
_SEPARATOR = r"[\s|｜/·•【】\[\]()（）<>《》]"
# What may cling to a spam word: a number or a domain (188比分直播, www.xx188.com).
_EDGE_CHAR = r"[A-Za-z0-9._\-/:]"
_SPAM_EDGE = _EDGE_CHAR + "*"
# A photo caption under a ``pic`` marker: 中共延安市委宣传部副部长  贺冬梅 (seed 002): short, a
# title and a name set apart by spaces, no sentence punctuation and no speaker colon.
_CAPTION = re.compile(r"[^。！？!?:：]{1,40}")


# A line this long is never dropped whole as chrome (see _is_chrome).
_CHROME_LINE_MAX = 200
_STORY_END = re.compile(r"[(（]完[)）]$")


def _is_caption(line: str) -> bool:
    return bool(_CAPTION.fullmatch(line)) and "  " in line


@dataclass(frozen=True)
class Removal:
    """A span cleaning cut, kept so that every removal can be audited (``duban show --raw``)."""

    kind: str  # chrome, ad, spam, pinyin, repeat, after_end
    text: str


@dataclass
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    prepared: str = ""  # the raw text after ``prepare``, every line kept: what metadata reads

    @property
    def spam(self) -> list[str]:
        """Fragments removed as injected spam or advertisement."""
        return [r.text for r in self.removed if r.kind in ("spam", "ad")]


def _patterns(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _alternation(name: str) -> str:
    return "|".join(f"(?:{p})" for p in _patterns(name))


@dataclass(frozen=True)
class _Rules:
    chrome_only: re.Pattern  # a line made only of chrome tokens
    chrome_line: re.Pattern  # a line recognised as chrome by a field or phrase in it
    spans: re.Pattern  # chrome inside a line, cut as its own span
    ads: re.Pattern
    spam: re.Pattern
    # Per rule above, a pattern that finds something in a line exactly when the rule does, asked
    # first: the rule itself for the first three, the gambling words for spam (every match holds
    # one). Each rule file is one alternation behind a look-ahead for the characters its matches
    # can start with (lexicon/prefilter.py: the same matches). Without the look-ahead Python's re
    # tries every alternative at every position, and each pattern asked alone was 2.5 times
    # quicker; with it the alternation is 2 to 6 times quicker again (the finding pass over every
    # line of bench/ingest.py's documents and tests/real: 1.86 CPU s → 0.44).
    check: dict[str, re.Pattern]  # by the rule's name

    def finds(self, rule: str, line: str) -> bool:
        """Whether the rule named ``rule`` would find something in ``line``."""
        return self.check[rule].search(line) is not None


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    tokens = _alternation("chrome_tokens.txt")
    words = _alternation("spam.txt")
    # Only after a gambling word: a word before the injection is the page's own (服务平台188…).
    near = _alternation("spam_adjacent.txt")
    # The lookbehind starts a match only where a run of edge characters starts: without it,
    # every position inside a long run of digits rescans the run (quadratic time).
    lines = compile_prefiltered(_alternation("chrome_lines.txt"))
    spans = compile_prefiltered(_alternation("chrome_spans.txt"), re.IGNORECASE)
    ads = compile_prefiltered(_alternation("ads.txt"), re.IGNORECASE)
    spam = rf"(?<!{_EDGE_CHAR}){_SPAM_EDGE}(?:{words})(?:{_SPAM_EDGE}(?:{words}|{near}))*{_SPAM_EDGE}"
    return _Rules(
        # One separator per repetition: a run of them inside ``(?:…+|…)+`` can be split in
        # exponentially many ways, and a line of 50 spaces that fails to match never returned.
        chrome_only=re.compile(rf"(?:{_SEPARATOR}|{tokens})+", re.IGNORECASE),
        chrome_line=lines,
        spans=spans,
        ads=ads,
        spam=re.compile(spam),
        check={"chrome_line": lines, "spans": spans, "ads": ads, "spam": compile_prefiltered(words)},
    )


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified script (OpenCC ``t2s``, phrase-aware: 乾淨 → 干净, 乾隆 stays)."""
    return _converter().convert(text)


def normalize(text: str) -> str:
    """Full-width digits/letters and odd spaces to ASCII, line breaks to ``\\n``."""
    return _ODD.sub(lambda m: _TABLE[m.group()], text.replace("\r\n", "\n").replace("\r", "\n"))


def _is_chrome(line: str) -> bool:
    """A whole line of chrome. Only a short line can be: in a long one (a flattened page, a PDF
    line holding a whole paragraph) a chrome phrase is cut as its own span instead."""
    rules = _rules()
    if len(line) > _CHROME_LINE_MAX:
        return False
    return bool(rules.chrome_only.fullmatch(line) or rules.finds("chrome_line", line))


def _cut(line: str, kind: str, rule: str, removed: list[Removal]) -> str:
    rules = _rules()
    if not rules.finds(rule, line):
        return line
    pattern = getattr(rules, rule)
    found = [m.group() for m in pattern.finditer(line) if m.group().strip()]
    if not found:
        return line
    removed.extend(Removal(kind, f.strip()) for f in found)
    return pattern.sub("", line).strip()


def _cut_spans(line: str, removed: list[Removal]) -> str:
    """``line`` without its chrome, ad and spam spans. Spans go first, so a breadcrumb or a
    widget takes only itself from the line it is on."""
    for kind, rule in (("chrome", "spans"), ("ad", "ads"), ("spam", "spam")):
        line = _cut(line, kind, rule, removed)
    return line


def _clean_lines(text: str, removed: list[Removal]) -> list[str]:
    rules = _rules()
    lines: list[str] = []
    after_pic = ended = False
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            lines.append("")
            continue
        if ended:
            removed.append(Removal("after_end", line))
            continue
        line = _cut_spans(line, removed)
        if line and (_is_chrome(line) or (after_pic and _is_caption(line))):
            removed.append(Removal("chrome", line))
            after_pic = line.lower() == "pic"
            continue
        after_pic = False
        if line:
            lines.append(line)
            # A news story ends at its (完): what follows is the site's other headlines.
            ended = bool(_STORY_END.search(line))
    return lines


def prepare(text: str, removed: list[Removal] | None = None) -> tuple[str, list[str]]:
    """The character-level repairs, without removing any line: widths and spaces normalised,
    mojibake repaired, simplified script, pinyin glosses dropped. Metadata reads its fields
    (发布日期, 来源) from this, since cleaning drops those lines as chrome."""
    text, warnings = repair_mojibake(normalize(text))
    return strip_pinyin(to_simplified(text), [] if removed is None else removed), warnings


def clean_text(text: str) -> Cleaned:
    """Strip chrome, ads and spam, repair mojibake, drop pinyin glosses and a repeated body,
    normalise widths and spaces, convert to simplified script, and join hard-wrapped lines."""
    removed: list[Removal] = []
    prepared, warnings = prepare(text, removed)
    cleaned = "\n".join(unwrap_lines(_clean_lines(prepared, removed)))
    cleaned = drop_repeats(cleaned, removed)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip("\n")
    return Cleaned(cleaned, removed, warnings, prepared)
