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

__all__ = ["Cleaned", "clean_text"]

DATA = Path(__file__).parent / "data"

# Full-width digits, Latin letters and ％ → ASCII; full-width punctuation stays as written.
_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_WIDTH[0xFF05] = ord("%")
# Ideographic, no-break, en/em/thin spaces and tabs → one ASCII space each; zero-width ones go.
_SPACES = {c: " " for c in (0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2028, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_SPACES.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})
_TABLE = {**_WIDTH, **_SPACES}
# Separators allowed between chrome tokens on a chrome-only line.
_SEPARATORS = re.compile(r"[\s|｜/·•【】\[\]()（）<>《》]+")
# What may cling to a spam word: a number or a domain (188比分直播, www.xx188.com).
_EDGE_CHAR = r"[A-Za-z0-9._\-/:]"
_SPAM_EDGE = _EDGE_CHAR + "*"
# A photo caption under a ``pic`` marker: 中共延安市委宣传部副部长  贺冬梅 (seed 002): short, a
# title and a name set apart by spaces, no sentence punctuation and no speaker colon.
_CAPTION = re.compile(r"[^。！？!?:：]{1,40}")


def _is_caption(line: str) -> bool:
    return bool(_CAPTION.fullmatch(line)) and "  " in line


@dataclass
class Cleaned:
    text: str
    spam: list[str] = field(default_factory=list)  # fragments removed as injected spam


def _patterns(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    tokens = "|".join(f"(?:{p})" for p in _patterns("chrome_tokens.txt"))
    chrome_only = re.compile(rf"(?:{_SEPARATORS.pattern}|{tokens})+", re.IGNORECASE)
    chrome_line = re.compile("|".join(f"(?:{p})" for p in _patterns("chrome_lines.txt")))
    words = "|".join(f"(?:{p})" for p in _patterns("spam.txt"))
    # Only after a gambling word: a word before the injection is the page's own (服务平台188…).
    near = "|".join(f"(?:{p})" for p in _patterns("spam_adjacent.txt"))
    # The lookbehind starts a match only where a run of edge characters starts: without it,
    # every position inside a long run of digits rescans the run (quadratic time).
    spam = re.compile(rf"(?<!{_EDGE_CHAR}){_SPAM_EDGE}(?:{words})(?:{_SPAM_EDGE}(?:{words}|{near}))*{_SPAM_EDGE}")
    return chrome_only, chrome_line, spam


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified script (OpenCC ``t2s``, phrase-aware: 乾淨 → 干净, 乾隆 stays)."""
    return _converter().convert(text)


def normalize(text: str) -> str:
    """Full-width digits/letters and odd spaces to ASCII, line breaks to ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)


def _is_chrome(line: str) -> bool:
    chrome_only, chrome_line, _ = _rules()
    return bool(chrome_only.fullmatch(line) or chrome_line.search(line))


def clean_text(text: str) -> Cleaned:
    """Strip chrome and spam, normalise widths and spaces, convert to simplified script."""
    _, _, spam_words = _rules()
    text = to_simplified(normalize(text))
    lines: list[str] = []
    spam: list[str] = []
    after_pic = False
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            lines.append("")
            continue
        if _is_chrome(line):
            after_pic = line.lower() == "pic"
            continue
        if after_pic and _is_caption(line):
            after_pic = False
            continue
        after_pic = False
        found = [m.group() for m in spam_words.finditer(line)]
        if found:
            spam.extend(found)
            line = spam_words.sub("", line).strip()
            if not line:
                continue
        lines.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return Cleaned(cleaned, spam)
