"""Is this later sentence evidence for this commitment, and what does it say? Pure functions.

issue #11, "Verify each candidate": the indicator must be the same, not a neighbour (城镇新增就业
vs 营业面积新增就业), the period the same (the reported year, not 年均 or 累计), the sentence in a
review part and not a restated plan, and the numbers are compared with their qualifiers by
``extract.compare.compare``. A commitment with several figures (新增4000张养老床位、800张…) is
checked part by part. Every rejection says why, so a status can say what was looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..extract import cues
from ..extract.compare import compare
from ..extract.figures import find_figures
from .sections import HEADING_OPEN, PATTERNS, Part, is_heading

DATA = Path(__file__).with_name("data")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[,，、:：]")
_STOP = re.compile(r"[。；;！!？?\n|]")
_SHARE = re.compile(r"(?:完成|占)(?:年度|全年)?(?:目标|计划|任务)?(?:的)?\s*(\d+(?:\.\d+)?)%|完成率(?:达到?|为)?\s*(\d+(?:\.\d+)?)%")
TARGET_WORDS = ("以上", "左右", "以内", "以下", "不低于", "不少于")  # how targets, not results, are written
COVERAGE = 0.8  # share of the commitment's indicator bigrams the evidence must hold


def _lexicon() -> dict[str, list[str]]:
    out = {}
    for line in (DATA / "indicators.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, words = line.split("\t")
            out[kind] = sorted(words.split(","), key=len, reverse=True)
    return out


LEXICON = _lexicon()


@dataclass(frozen=True)
class Target:
    """One part of a commitment: a number to reach (or none, for a milestone) and its indicator."""

    key: str  # indicator words: 城镇新增就业, 养老床位
    value: float | None = None
    unit: str | None = None
    text: str = ""
    qualifier: str | None = None
    low: float | None = None


@dataclass(frozen=True)
class Claim:
    """A commitment as tracking sees it."""

    id: str
    text: str
    targets: tuple[Target, ...]
    year: int | None  # the period it is due in
    made_on: date | None
    deadline: date | None
    region: str | None
    programme: bool  # one item of a 实事 list: a report that the whole list is done covers it


@dataclass(frozen=True)
class Found:
    """What one sentence says about one target: a verdict with its reason, or why not."""

    target: int  # index into Claim.targets
    verdict: str | None  # met, exceeded, not_met, partly; None: rejected
    reason: str
    text: str = ""  # the reported figure or phrase
    start: int = 0  # offsets in the sentence
    end: int = 0
    value: float | None = None
    unit: str | None = None
    share: float | None = None  # 完成年度目标的75% → 75


SYNONYMS = [tuple(pair.split("=")) for pair in LEXICON["synonym"]]


def plain(text: str) -> str:
    """Text for comparing words: pinyin glosses and spaces out (城镇(zhèn)新增 → 城镇新增),
    and one spelling per indicator word (GDP → 国内生产总值)."""
    text = PINYIN.sub("", text).replace(" ", "").replace("(GDP)", "").replace("(CPI)", "")
    for written, canonical in SYNONYMS:
        text = text.replace(written, canonical)
    return text


def _strip(text: str, kind: str) -> str:
    for word in LEXICON[kind]:
        text = text.replace(word, "")
    return text


def _bigrams(text: str) -> set[str]:
    chars = "".join(_CJK.findall(text))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def head_word(key: str) -> str:
    """The indicator's head: its last two characters once trailing verbs are cut."""
    chars = "".join(_CJK.findall(key))
    changed = True
    while changed:
        changed = False
        for word in LEXICON["verb"]:
            if chars.endswith(word) and len(chars) > len(word) + 1:
                chars, changed = chars[: -len(word)], True
    return chars[-2:]


def core(key: str) -> str:
    """The indicator without its verbs: 居民消费价格涨幅 → 居民消费价格 (what a report names)."""
    return _strip(_strip(plain(key), "filler"), "verb") or key


def same_indicator(key: str, window: str) -> tuple[bool, str]:
    """Does ``window`` speak of the indicator ``key``? (yes/no, and why not in words)."""
    key, window = _strip(plain(key), "filler"), _strip(plain(window), "filler")
    head = head_word(key)
    if head and head not in window:
        return False, f"指标不同（未提到「{head}」）"
    grams = _bigrams(core(key))  # 进出口总额增长 → 进出口: the verb's junction bigram (口增) is noise
    if grams and len(grams & _bigrams(core(window))) / len(grams) < COVERAGE:  # both sides stripped alike
        return False, "指标不同（用词不符）"
    return True, ""


def targets_of(text: str, quantity: dict | None = None) -> tuple[Target, ...]:
    """The parts of a commitment: each figure with the words around it, else one milestone."""
    found = find_figures(text)
    figures = [f for f in found if f.baseline_of is None]  # 由3015元提高到5400元: the target is 5400元
    baselines = re.compile("|".join(rf"[由从]?{re.escape(f.text)}" for f in found if f.baseline_of is not None) or "(?!)")
    if not figures and quantity and quantity.get("value") is not None:
        return (Target(key=text, value=quantity["value"], unit=quantity.get("unit"),
                       text=quantity.get("text") or f"{quantity['value']:g}"),)
    if not figures:
        return (Target(key=text),)
    out = []
    bounds = [m.end() for m in _CLAUSE.finditer(text)]
    for f in figures:
        start = max([b for b in bounds if b <= f.start] or [0])
        end = min([b - 1 for b in bounds if b > f.end] or [len(text)])
        key = baselines.sub("", text[start:f.start]) + text[f.end:end]
        if not _CJK.search(_strip(key, "verb")):  # 800张困难重度残疾人养护床位: the words follow
            key = text[start:end].replace(f.text, "")
        out.append(Target(key=key.strip("、，,；; "), value=f.value, unit=f.unit, text=f.text,
                          qualifier=f.qualifier, low=f.low))
    return tuple(out)


def _segment(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The stretch between stops (。；|) around the figure at [start, end)."""
    left = max((m.end() for m in _STOP.finditer(sentence, 0, start)), default=0)
    right = min((m.start() for m in _STOP.finditer(sentence, end)), default=len(sentence))
    return left, right


def _window(sentence: str, start: int, end: int) -> str:
    """The words that say what a figure at [start, end) counts: its clause, widened backwards
    while the clause holds no indicator words (,增长5.2% borrows 国内生产总值 from before)."""
    left, right = _segment(sentence, start, end)
    cuts = [m.end() for m in _CLAUSE.finditer(sentence, left, start)]
    for cut in reversed([left] + cuts):
        words = sentence[cut:start]
        if len(_CJK.findall(_strip(_strip(plain(words), "filler"), "verb"))) >= 2:  # not 比上年增长6.6%
            following = _CLAUSE.search(sentence, end, right)
            return sentence[cut:following.start() if following else right]
    return sentence[left:right]


def _figures(sentence: str) -> list[tuple[float, str | None, str, str | None, int, int]]:
    """(value, unit, text, qualifier, start, end) of each figure, with bare numbers of table
    cells (新增4000张养老床位 | 4385 | 110%: the row restates the task, then gives 4385)."""
    out = []
    for f in find_figures(sentence):
        before = sentence[max(0, f.start - 2):f.start]
        lead = "超过" if before.endswith(("超", "逾")) and not f.qualifier else ""
        out.append((f.value, f.unit, lead + f.text, f.qualifier or (lead or None), f.start, f.end))
    for m in re.finditer(r"\|\s*(\d+(?:\.\d+)?)\s*(?=\|)", sentence):
        out.append((float(m.group(1)), None, m.group(1), None, m.start(1), m.end(1)))
    return sorted(out, key=lambda x: x[4])


@dataclass(frozen=True)
class _Figure:
    value: float
    unit: str | None
    text: str
    qualifier: str | None = None
    low: float | None = None


def _target_figure(t: Target, ceiling: bool) -> _Figure:
    qualifier = "以内" if ceiling and (t.qualifier in (None, "左右", "约") or "左右" in t.text) else t.qualifier
    return _Figure(t.value, t.unit, t.text, qualifier, t.low)


def check(claim: Claim, sentence: str, part: Part, heading: bool | None = None) -> list[Found]:
    """What ``sentence`` (in ``part`` of a later document) says about each target of ``claim``."""
    if part.kind == "plan":
        return [Found(i, None, f"计划部分（{part.why}），不是佐证") for i in range(len(claim.targets))]
    if claim.year and part.year and part.year != claim.year and not re.search(rf"{claim.year}年", sentence):
        return [Found(i, None, f"报告的是{part.year}年，不是{claim.year}年") for i in range(len(claim.targets))]
    heading = is_heading(sentence) if heading is None else heading
    if (HEADING_OPEN.match(sentence) and any(t.text and t.text in sentence for t in claim.targets)) \
            or _bare(sentence) == _bare(claim.text):  # 城镇新增就业1000万人以上。 then the result
        return [Found(i, None, "重述承诺本身（事项标题），不是佐证") for i in range(len(claim.targets))]
    figures = _figures(sentence)
    found = []
    for i, target in enumerate(claim.targets):
        found.append(_check_number(claim, i, target, sentence, figures, part, heading) if target.value is not None
                     else _check_milestone(i, target, sentence, part))
    return found


def _bare(text: str) -> str:
    return re.sub(r"[\W_]", "", plain(text))


def _coverage(key: str, words: str) -> float:
    grams = _bigrams(core(key))
    return len(grams & _bigrams(core(words))) / len(grams) if grams else 0.0


def _by_closeness(target: Target, sentence: str, figures: list) -> list:
    """Figures, the one whose neighbouring words (up to the next figure or clause break) best
    name the indicator first: in 养护院(80张)、…(54张)共计229张认知障碍照护床位改造 it is 229张."""
    def tight(n: int) -> float:
        start, end = figures[n][4], figures[n][5]
        before = figures[n - 1][5] if n else 0
        after = figures[n + 1][4] if n + 1 < len(figures) else len(sentence)
        left = sentence[max(before, start - 30):start]
        right = sentence[end:min(after, end + 30)]
        return max(_coverage(target.key, _STOP.split(left)[-1]), _coverage(target.key, _STOP.split(right)[0]))
    order = sorted(range(len(figures)), key=lambda n: -tight(n))
    return [figures[n] for n in order]


def _check_number(claim, i, target, sentence, figures, part, heading) -> Found:
    why, named = "未提到可比较的数字", False
    for value, unit, text, qualifier, start, end in _by_closeness(target, sentence, figures):
        window = _window(sentence, start, end)
        cells, bare = "|" in sentence, unit is None
        if cells and target.text and target.text in sentence and bare:
            window = sentence  # a table row restates the task, then the bare number
        ok, why_not = same_indicator(target.key, window.replace(text, ""))
        if not ok:
            why = why if named else why_not  # a figure of the indicator itself says more
            continue
        named = True
        if PATTERNS["multi_year"].search(window) or part.multi_year:
            why = "累计或年均数，不是当年数"
            continue
        written_unit = target.unit if target.unit and target.unit in target.text else None
        if unit is None and written_unit:
            unit, text = written_unit, text + written_unit  # the row's bare number counts what the task counts
        if written_unit is None:
            target = Target(target.key, target.value, unit, target.text, target.qualifier, target.low)
        if text == target.text and (heading or not part.kind == "review") and not cells:
            why = "重述承诺本身，不是佐证"
            continue
        quoted = PATTERNS["restated"].search(sentence, 0, start)
        if quoted and (text == target.text or qualifier in TARGET_WORDS):
            why = f"重述承诺（「{quoted.group(0)}」），不是实绩"  # 报告提出,…1100万人以上 before the result
            continue
        reported = _year_before(sentence, start) or part.year
        if claim.year and reported and reported != claim.year:
            why = f"报告的是{reported}年，不是{claim.year}年"  # a long line naming 2025年 elsewhere
            continue
        if cells and not bare and text == target.text:
            continue  # the row's own restatement of the task
        if _future(window, part, claim):
            why = "将来时（「将」「建成后」），不是实绩"
            continue
        if (part.kind == "unknown" or part.weak) and qualifier in TARGET_WORDS:
            why = f"「{text}」是目标式表述，不是实绩"
            continue
        ceiling = any(w in target.key for w in LEXICON["ceiling"])
        verdict, reason = compare(_target_figure(target, ceiling),
                                  _Figure(value, unit, text, qualifier))
        if verdict is None:
            why = reason.split("：", 1)[-1]
            continue
        share = _share(sentence, end)
        return Found(i, verdict, reason, text, start, end, value, unit, share)
    return Found(i, None, why)


def _year_before(sentence: str, start: int) -> int | None:
    """The last year named before the figure in its stretch (2024年工作回顾 - …增长5.7%)."""
    years = [int(y) for y in re.findall(r"(20\d\d)年", sentence[_segment(sentence, start, start)[0]:start])]
    return years[-1] if years else None


def _future(window: str, part: Part, claim: Claim) -> bool:
    """A figure still to come. 预计 alone, in the review of the commitment's own year, is the
    year-end estimate (预计全省地区生产总值增长5.7%, in January), not a promise."""
    found = set(cues.pattern("to_come").findall(window))
    return bool(found) and not (found == {"预计"} and part.kind == "review" and part.year == claim.year)


def _share(sentence: str, after: int) -> float | None:
    m = _SHARE.search(sentence, after) or re.search(r"\|\s*(\d+(?:\.\d+)?)%\s*\|", sentence[after:])
    if not m:
        return None
    return float(next(g for g in m.groups() if g))


def _check_milestone(i: int, target: Target, sentence: str, part: Part) -> Found:
    if part.kind != "review":
        return Found(i, None, "不在回顾或完成情况部分")
    quoted = PATTERNS["restated"].search(sentence)
    if quoted:
        return Found(i, None, f"重述承诺（「{quoted.group(0)}」），不是实绩")
    ok, why = same_indicator(target.key, sentence)
    if not ok:
        return Found(i, None, why)
    if PATTERNS["multi_year"].search(sentence) or part.multi_year:
        return Found(i, None, "累计或年均情况，不是当年")
    done = next((w for w in LEXICON["done"] if w in plain(sentence)), None)
    started = next((w for w in LEXICON["started"] if w in plain(sentence)), None)
    quote = sentence.strip()
    if started and not (done and done in "".join(target.key)):
        return Found(i, "partly", f"报告「{started}」，承诺要求完成：部分完成", quote, 0, len(sentence))
    if done or part.kind == "review":
        return Found(i, "met", f"报告「{quote[:30]}」，与承诺一致：已完成", quote, 0, len(sentence))
    return Found(i, None, "未说明进展")


_ALL_DONE = re.compile(r"(全面|全部|均已|所有项目|圆满)[^。；;]*(?:完成|落实)")


def all_done(sentence: str, document_text: str) -> bool:
    """A report that a whole 实事 list is done (2024年…为民办实事十方面34项任务全面完成)."""
    return "实事" in document_text and bool(_ALL_DONE.search(sentence))
