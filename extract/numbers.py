"""Reading the numbers of Chinese text: Arabic and Chinese numerals, scale words, folding.

Pure helpers for extract/figures.py. ``fold`` maps full-width digits and signs and the
traditional forms of numerals and measure words to one character each, so a pattern can run on
the folded text while every offset still points into the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# One character for one character: offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(dict(zip(
    "０１２３４５６７８９．％－～＋／：（）萬億兩個張戶處項類種條輛場餘臺筆畝門歲號層級屆時內來週鐘將劃計實現額標準",
    "0123456789.%-~+/:()万亿两个张户处项类种条辆场余台笔亩门岁号层级届时内来周钟将划计实现额标准",
)))

SCALES = {"千万亿": 1e15, "万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# A Chinese numeral run must hold a digit or 十, not only 百/千/万 (百姓, 千家万户, 万能章).
_CN_VALID = re.compile(r"[零〇一二两三四五六七八九十]")


# 大写 numerals of amounts in notices (壹万贰仟元, 伍拾萬圆整). 陆 and 拾 are also common
# characters (陆续, 陆家, 收拾), so a run is folded only when it holds two numeral characters
# and at least one that is nothing but a numeral.
_CAPITALS = str.maketrans(dict(zip("壹贰叁肆伍陆柒捌玖拾佰仟圆", "一二三四五六七八九十百千元")))
_CAPITAL_RUN = re.compile("[零〇壹贰叁肆伍陆柒捌玖拾佰仟一二两三四五六七八九十百千万亿]{2,}[圆元]?")
_CAPITAL_ONLY = re.compile("[壹贰叁肆伍柒捌玖佰仟]")


def _fold_capitals(m: re.Match) -> str:
    run = m.group()
    return run.translate(_CAPITALS) if _CAPITAL_ONLY.search(run) else run


def fold(text: str) -> str:
    """``text`` with full-width, traditional and 大写 forms folded, same length, same offsets."""
    return _CAPITAL_RUN.sub(_fold_capitals, text.translate(_FOLD))


def arabic(text: str) -> float:
    """``42. 5`` → 42.5, ``1,234`` → 1234: digits as the seeds write them, spaces and commas dropped."""
    return float(re.sub(r"[\s,，]", "", text))


@lru_cache(maxsize=4096)
def chinese(text: str) -> float | None:
    """A Chinese numeral (十二, 两千, 三百五十, 一万二) as a number, or None when it is not one (十四五)."""
    if not _CN_VALID.search(text):
        return None
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def scaled(value: float, scale: str | None) -> float:
    """``value`` times its scale word (万 ×1e4, 亿 ×1e8); rounded to shed float noise (12.2万 → 122000)."""
    if not scale:
        return value
    return round(value * SCALES[scale], 6)


PLACES = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "亿": 1e8}


def range_low(low: float, low_text: str, high_text: str, high: float) -> float:
    """The low end of a Chinese-numeral range, which borrows the high end's last scale word when
    it has none of its own: 三到五万 → 30000, 六千到八千亿 → 6e11, 三百到五百亿 → 3e10; never
    so far that it passes the high end (五千到三万 → 5000)."""
    last = high_text[-1:]
    own = "万亿" if last in "万亿" else "百千万亿"
    if last not in "百千万亿" or any(c in low_text for c in own):
        return low
    borrowed = low * PLACES[last]
    return borrowed if borrowed <= high else low
