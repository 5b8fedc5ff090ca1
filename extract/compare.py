"""A target figure against a reported one: the verdict tracking gives, and why in words.

``compare(target, reported) -> (verdict, reason)``. The verdict is ``met``, ``exceeded``,
``not_met`` or None when the two cannot be compared; the reason is one sentence in the form of
shared/spec/records.md (报告 5650人，目标 5700人以上：未完成). Pure: both arguments are
``records.Figure`` (or anything with ``value``, ``unit``, ``text`` and optionally ``qualifier``,
``low``, ``high``, ``approx``, such as a commitment's ``Quantity``).

What the target's words mean (issue #11, "Verify each candidate"):
- a floor (以上, 不低于, 不少于, 至少, 突破, 超过, 逾): met at the figure, exceeded above it;
- a ceiling (以内, 控制在, 以下, 不超过, 不高于, 不到, 不足, 低于, 小于): met at or under it
  (strictly under for 不到, 不足, 低于, 小于), not met above it;
- a tolerance (左右, 约): met within ``TOLERANCE`` of the figure, and below it too when less is
  better (失业率, 涨幅, 能耗: the subject says so), where 左右 caps the figure;
- a range (1-2名, 数十亿元): met inside it, exceeded above it;
- a plain figure reads as a floor: a plan's 新建养老床位4000张 is done at 4000 and beyond.
A reported figure with 余, 多, 以上, 超过 or 逾 is above its number, with 近, 不到 or 不足
below it; such an interval gets the verdict of its lower end when that is certain (at least
met), and None when it straddles the line between met and not met.
Units are compared after the scale is taken out (万人 → 人, 亿元 → 元); 名 and 位 count 人;
人民币 is optional; other currencies and any other unit mismatch are not comparable.
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from .numbers import SCALES

__all__ = ["LABELS", "TOLERANCE", "compare"]

LABELS = {"met": "已完成", "exceeded": "超额完成", "not_met": "未完成"}
TOLERANCE = 0.05  # 左右 / 约: within 5% either way (no standard says how far; documented here)

_CEILING = re.compile(r"以内|之内|内$|控制在|以下|不超过|不高于|不到|不足|(?<!不)低于|小于")
_STRICT_CEILING = re.compile(r"不到|不足|(?<!不)低于|小于")
_FLOOR = re.compile(r"以上|不低于|不少于|至少|突破|(?<!不)超过?|逾|余|多")
_BELOW = re.compile(r"近|不到|不足|(?<!不)低于|小于")  # a reported figure under its number
_ABOUT = re.compile(r"左右|约")
# Indicators where less is better: a 左右 target on them is a cap (城镇调查失业率5.5%左右 is met
# by 5.1%; 2019 政府工作报告).
_LESS_IS_BETTER = re.compile(r"失业率|涨幅|能耗|排放|赤字|发生率|死亡率|事故|下降|降低|减少")
_PERSONS = {"名": "人", "位": "人"}
_EPS = 1e-9  # float slack when a number meets a limit exactly
_STRICT = 1e-6  # how far 超过 / 不到 move a reported number off its figure


class _Figure(Protocol):
    value: float
    unit: str | None
    text: str


def _words(f: _Figure) -> str:
    return (getattr(f, "qualifier", None) or "") + " " + (f.text or "")


def _normal_unit(value: float, unit: str | None) -> tuple[float, str | None]:
    """Scale taken out of the unit: (12.2, 万人) → (122000, 人); 人民币元 / 元人民币 → 元."""
    if not unit:
        return value, None
    unit = unit.replace("人民币", "") or "元"
    for word, factor in SCALES.items():  # longest first; 百 is no unit prefix (百分点)
        if word == "百":
            continue
        if unit.startswith(word) and len(unit) > len(word):
            value, unit = value * factor, unit[len(word):]
            break
    return value, _PERSONS.get(unit, unit)


def _reported_interval(f: _Figure, factor: float) -> tuple[float, float]:
    """Where the reported quantity lies, in the target's unit scale."""
    low, high = getattr(f, "low", None), getattr(f, "high", None)
    if low is not None:
        return low * factor, (high if high is not None else f.value) * factor
    value, words = f.value * factor, _words(f)
    if _BELOW.search(words):
        return -math.inf, value * (1 - _STRICT)
    if _CEILING.search(words):
        return -math.inf, value
    if _FLOOR.search(words):
        return value * (1 + _STRICT) if re.search(r"(?<!不)超过?|逾|余|多|突破", words) else value, math.inf
    return value, value


def _verdict_at(x: float, target: _Figure, factor: float) -> str:
    """The verdict if exactly ``x`` was reported."""
    words, value = _words(target), target.value * factor
    low = getattr(target, "low", None)
    if low is not None:
        high = getattr(target, "high", None)
        low, value = low * factor, (high if high is not None else target.value) * factor
        return "not_met" if x < low * (1 - _EPS) else "met" if x <= value * (1 + _EPS) else "exceeded"
    if _CEILING.search(words):
        limit = value * (1 - _EPS) if _STRICT_CEILING.search(words) else value * (1 + _EPS)
        return "met" if x <= limit else "not_met"
    if _ABOUT.search(words):
        lo, hi = value * (1 - TOLERANCE), value * (1 + TOLERANCE)
        if _LESS_IS_BETTER.search(getattr(target, "subject", None) or ""):
            return "met" if x <= hi else "not_met"
        return "not_met" if x < lo else "met" if x <= hi else "exceeded"
    if x < value * (1 - _EPS):
        return "not_met"
    return "met" if x <= value * (1 + _EPS) else "exceeded"


def compare(target: _Figure, reported: _Figure) -> tuple[str | None, str]:
    """(verdict, reason) for ``reported`` against ``target``; verdict None when not comparable."""
    head = f"报告 {reported.text}，目标 {target.text}"
    t_value, t_unit = _normal_unit(1.0, target.unit)
    r_value, r_unit = _normal_unit(1.0, reported.unit)
    if t_unit != r_unit:
        return None, f"{head}：单位不同（{reported.unit or '无单位'} 与 {target.unit or '无单位'}），无法比较"
    factor = r_value / t_value  # the reported number in the target's scale
    low, high = _reported_interval(reported, factor)
    at_low, at_high = _verdict_at(low, target, 1.0), _verdict_at(high, target, 1.0)
    if at_low != at_high and "not_met" in (at_low, at_high):
        return None, f"{head}：报告只给出范围，跨过目标，无法判断"
    # 报告 5700人以上 against 5700人以上 is met at least: the lower end's verdict is certain.
    return at_low, f"{head}：{LABELS[at_low]}"
