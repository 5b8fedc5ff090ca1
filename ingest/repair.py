"""Undo what copying did to a page's text: mojibake, pinyin glosses, a body pasted twice.

- **Mojibake.** UTF-8 bytes read as GBK (鍙戝竷浼 for 发布会) are re-encoded and decoded again,
  line by line, and kept only when the whole line decodes; Latin-1 mojibake (ä¸­æ–‡) goes to
  ftfy. A line that still looks broken is not guessed at: the document gets a warning.
- **Pinyin glosses.** Reposting sites print a reading after some characters, inside words:
  發(fā)布, 現(xiàn)在 (tests/real c05). A parenthesised gloss is removed when pypinyin says it
  is a reading of the character before it, so (GDP) or (一) stay.
- **Repeats.** A crawler that reads a page's body twice (print view and article) gives the
  same run of sentences twice; the second copy is removed when it is at least
  ``REPEAT_MIN_CHARS`` long, so a slogan repeated on purpose stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["drop_repeats", "repair_mojibake", "strip_pinyin"]

REPEAT_MIN_CHARS = 150
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FOUR_HAN = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4}")  # stops at the fourth
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([a-zA-Zü\u00e0-\u01dc\u0251\u0261\u0300-\u036f]{1,7})[)）]")
# A sentence, or a line without end punctuation, as the unit a repeat is made of.
_UNIT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+|\n|$)")
_SPACE = re.compile(r"\s+")


def _regbk(line: str) -> str | None:
    """The line as it was before UTF-8 bytes were decoded as GBK, if the whole line undoes."""
    if not _FOUR_HAN.match(line):
        return None
    try:
        fixed = line.encode("gb18030").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != line and _HAN.search(fixed) and len(fixed) < len(line) else None


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Text with repairable mojibake repaired, and warnings for what was repaired or is left."""
    import ftfy

    lines, repaired, broken = [], 0, 0
    # one search instead of one per line, and none when no character of mojibake is there
    suspect = bool(_MOJIBAKE_CHARS.search(text)) and bool(_badness_in_any_line().search(text))
    for line in text.split("\n"):
        fixed = _regbk(line)
        bad = None  # ftfy.is_bad(line), asked once per line as it stands (half of this loop's time)
        if fixed is None:
            bad = suspect and ftfy.is_bad(line)
            if bad:
                fixed = ftfy.fix_text(line, normalization="NFC")
                fixed = None if fixed == line else fixed
        if fixed is not None:
            repaired += 1
            line, bad = fixed, None
        if "\ufffd" in line or (ftfy.is_bad(line) if bad is None else bad):
            broken += 1
        lines.append(line)
    warnings = []
    if repaired:
        warnings.append(f"mojibake repaired in {repaired} line(s) by re-decoding")
    if broken:
        warnings.append(f"mojibake: {broken} line(s) hold characters that could not be repaired")
    return "\n".join(lines), warnings


# What every match of ftfy's badness pattern holds: a character outside ASCII, CJK and the
# punctuation of Chinese text, or one of three pairs of that punctuation. Searching for this
# class is 20 times quicker than the pattern, and most texts have none.
# tests/test_ingest_real_rules.py derives both from the pattern and checks them.
_CHINESE_TEXT = r"\x00-\x7f\u2460-\u24ff\u3000-\u303f\u3300-\u9fff\uff00-\uffef" + "·×°—–“”‘’…℃"
_MOJIBAKE_CHARS = re.compile(f"[^{_CHINESE_TEXT}]|”[‘“]|×[”‘“]")


@lru_cache(maxsize=1)
def _badness_in_any_line() -> re.Pattern:
    """ftfy's badness pattern (``ftfy.is_bad``) with ``^`` and ``$`` at every line break: it finds
    a match in a text whenever one of the text's lines has one, since the pattern has no other
    anchors and no lookarounds (tests/test_ingest_real_rules.py checks that)."""
    from ftfy.badness import BADNESS_RE

    return re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    readings: set[str] = set()
    for style in (Style.TONE, Style.NORMAL, Style.TONE3):
        for options in pinyin(char, style=style, heteronym=True, errors="ignore"):
            readings.update(r.lower() for r in options)
    return frozenset(readings)


def strip_pinyin(text: str, removed: list) -> str:
    """Text without pinyin glosses after characters (發(fā)布 → 發布); removals appended."""
    from .clean import Removal

    def gloss(m: re.Match) -> str:
        if m.group(1).lower() in _readings(text[m.start() - 1]):
            removed.append(Removal("pinyin", m.group()))
            return ""
        return m.group()

    return _GLOSS.sub(gloss, text)


def _units(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) per sentence or line; the key ignores spaces."""
    out = []
    for m in _UNIT.finditer(text):
        if m.end() > m.start():
            out.append((m.start(), m.end(), _SPACE.sub("", m.group())))
    return out


def drop_repeats(text: str, removed: list) -> str:
    """Text without a second copy of any run of sentences of ``REPEAT_MIN_CHARS`` or more."""
    from .clean import Removal

    units = _units(text)
    first: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        key = units[i][2]
        j = first.get(key) if len(key) >= 8 else None
        if j is None:
            first.setdefault(key, i)
            i += 1
            continue
        k = 0
        while i + k < len(units) and j + k < i and units[i + k][2] == units[j + k][2]:
            k += 1
        if sum(len(u[2]) for u in units[i:i + k]) >= REPEAT_MIN_CHARS:
            cuts.append((units[i][0], units[i + k - 1][1]))
            i += k
        else:
            i += 1
    for start, end in reversed(cuts):
        removed.append(Removal("repeat", text[start:end].strip()))
        text = text[:start] + text[end:]
    return text
