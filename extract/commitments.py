"""Commitments: forward-looking promises, one per promised action (``doc._.commitments``).

Implements the "Commitments" guideline of shared/gold/README.md in three steps:

1. ``split_clauses(sentence)`` cuts a sentence into clauses: always at ；/; and list markers,
   at ，/, only when the next segment has its own verb and object (a lead-in such as
   ``对…的边缘户等,`` or ``下半年,`` joins the clause after it; a continuation such as
   ``,尽快推动出台`` joins the one before).
2. ``classify(clause, forward_passage)`` decides whether a clause promises something: by its
   own cue (将 + verb, 要, 力争, 计划, 明年 …) anywhere, or by being an action inside a plan
   passage (a 下半年 / 下一步 / 2022年…我们将 / “十四五”时期 heading, an answer to a question
   about plans, or a whole work_plan document); 确保 promises only inside a plan passage. Slogans, principles, other actors' duties, purpose clauses and reports of done work
   never count. ``Passage`` tracks the passage state across paragraphs and speaker turns.
3. ``cut_quote(clause)`` trims list markers, the subject, leading time or condition phrases
   and final punctuation, and starts at an adjacent cue word (要修订…, 将新增…).

Headings and intro sentences followed by detail clauses are dropped afterwards (the details
are the commitments). The cue vocabularies live in ``extract/data/cues.tsv``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from ..records import Commitment, Figure, ParsedDocument, Quantity, Region, Sentence

CUES = Path(__file__).with_name("data") / "cues.tsv"
# Longer clauses are run-on text (a 1 MB line without punctuation), never one promised action;
# the longest enumeration in the seeds is about 110 characters.
MAX_CLAUSE = 240
_HARD = "；;"
_SOFT = ",，"
_END = "。！？!?"
# Commas inside these pairs never split: “…、…” slogans, 《…》 titles, (社区) glosses.
_PROTECTED = re.compile(r"“[^”“]{0,60}”|《[^》《]{0,60}》|\([^()]{0,30}\)|（[^（）]{0,30}）")
_SPACE = " \t\u3000\xa0\u2002\u2003\u2009\u200b"
_TRIM = _SPACE + _SOFT + _HARD + _END + "：:、"
# How many sentences a heading looks ahead for the promise that makes it a plan heading, and
# for its details; bounded so that a long paragraph stays linear.
HEADING_REACH = 6
_PAST_TIME = re.compile(r"以来|年多?来$")
_BRACKETED_END = re.compile(r"[（(][^）)]{1,8}[）)]$")  # 2024年主要工作（节选）


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern]:
    """kind → one compiled alternation of that kind's patterns in cues.tsv."""
    parts: dict[str, list[str]] = {}
    for line in CUES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern = line.split("\t")[:2]
        parts.setdefault(kind, []).append(f"(?:{pattern})")
    return {kind: re.compile("|".join(p)) for kind, p in parts.items()}


def _has(kind: str, text: str) -> bool:
    return cues()[kind].search(text) is not None


def _strip(kind: str, text: str) -> int:
    """Length of the ``kind`` prefix at the start of ``text`` (0 when none)."""
    m = cues()[kind].match(text)
    return m.end() if m else 0


@dataclass(frozen=True)
class Clause:
    """A span of one sentence; offsets are into the text the sentence came from."""

    start: int
    end: int
    text: str
    item_start: bool = False  # opens a list item (a sentence, or after ；/ a list marker)
    head: int = 0  # offset in ``text`` of the segment after the lead-ins


def _protected_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        for i in range(m.start() + 1, m.end() - 1):
            mask[i] = True
    return mask


def _segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, separator) pieces of ``text`` cut after each unprotected separator."""
    mask = _protected_mask(text)
    pieces, begin = [], 0
    for i, ch in enumerate(text):
        if (ch in _SOFT or ch in _HARD or ch in _END or ch in "：:") and not mask[i]:
            pieces.append((begin, i + 1, ch))
            begin = i + 1
    if begin < len(text):
        pieces.append((begin, len(text), ""))
    return pieces


@lru_cache(maxsize=4096)  # the clause tests ask for the same segment's core several times
def _core(text: str) -> str:
    """A segment without its list marker, subject and leading time phrase."""
    s = text
    for kind in ("marker", "time_lead", "marker", "subject"):
        s = s.lstrip(_TRIM)
        s = s[_strip(kind, s):]
    return s.strip(_TRIM)


def _is_lead_in(segment: str) -> bool:
    """True for a segment that only leads into the next: 下半年, / 对…的边缘户等, / 按照…,."""
    core = _core(segment)
    if not core or _has("lead_in_always", core):
        return True
    # 争取到2025年, / 力争到年底, : a cue with only a time phrase leads into its target.
    cue = re.match(r"力争|争取|计划|预计", core)
    if cue and not _core(core[cue.end():]):
        return True
    return _has("lead_in_start", core) and _has("lead_in_end", core)


def _is_continuation(segment: str) -> bool:
    """True for a segment with no object of its own (,尽快推动出台 / ,主动查找 / ,力争7月份之前出台)."""
    core = _core(segment)
    if _has("continuation", core):
        return True
    core = re.sub(r"^(?:力争|要|将|并)", "", core)
    core = core[_strip("time_lead", core):]
    core = re.sub(r"^(?:\d{1,2}月份?(?:底|之前|以前|前)?|[^,，]{2,6}?成熟后)", "", core)
    return len(core) <= 4


def split_clauses(sentence: str, offset: int = 0) -> list[Clause]:
    """Clauses of one sentence (or a longer text), each an action candidate.

    Always split at ；/; and sentence ends; at ，/, only when the next segment has its own
    verb and object. ``offset`` is added to every start and end.
    """
    clauses: list[Clause] = []
    pending: int | None = None  # start of lead-in segments waiting for their clause
    item_start, glue = True, False
    for start, end, sep in _segments(sentence):
        segment = sentence[start:end]
        if not segment.strip(_TRIM):
            continue
        if sep not in _HARD + _END and _is_lead_in(segment) and end < len(sentence):
            pending = start if pending is None else pending
            continue
        if pending is None and clauses and (glue or not item_start and _is_continuation(segment)):
            last = clauses[-1]
            clauses[-1] = replace(last, end=offset + end, text=sentence[last.start - offset:end])
        else:
            begin = start if pending is None else pending
            clauses.append(Clause(offset + begin, offset + end, sentence[begin:end], item_start, start - begin))
            pending = None
        # 以A为主体,B为补充的…体系: the parallel 为… phrase goes on in the next segment.
        glue = re.search(r"以[^,，]{2,60}为[\u4e00-\u9fff]{1,3}[,，]$", segment) is not None
        item_start = sep in _HARD + _END + "：:"
    if pending is not None:
        clauses.append(Clause(offset + pending, offset + len(sentence), sentence[pending:], item_start))
    return [c for c in clauses if c.text.strip(_TRIM)]


def cut_quote(clause: str) -> tuple[int, int]:
    """(start, end) of the quote inside ``clause``.

    Leaves out list markers, the subject (我们, 全市民政部门), leading time or condition
    phrases (全年, 年内, 建成后) and final punctuation, so the quote starts at an adjacent cue
    (将新增…, 要修订…, 力争…) or at the verb; a fronted object (对…) is kept.
    """
    start, end = 0, len(clause)
    while end > start and clause[end - 1] in _TRIM:
        end -= 1
    changed = True
    while changed:
        changed = False
        while start < end and clause[start] in _TRIM:
            start += 1
        for kind in ("marker", "time_lead", "subject"):
            n = _strip(kind, clause[start:end])
            if n:
                start += n
                changed = True
        # A lead-in that is not a fronted object or a means (对…, 以…为重点, 通过…) is cut.
        m = re.match(r"(?:要|将)?(?:根据|按照|围绕|结合|随着|在|为了|经过?)[^,，]{0,60}[,，]", clause[start:end])
        if m and end - start - m.end() >= 4:
            start += m.end()
            changed = True
    return start, end


def _will(text: str) -> bool:
    """将 as the future (将新增, 将对…进行), not as 把 (将符合条件的…纳入)."""
    return any(_has("will_next", text[m.end():m.end() + 4]) for m in re.finditer("将", text))


def has_forward_cue(clause: str) -> bool:
    """A cue that makes the clause a promise wherever it stands (将新增, 要修订, 力争, 明年 …)."""
    return _has("forward", clause) or _has("must", clause) or _will(clause)


def has_past_cue(clause: str) -> bool:
    """A cue that makes the clause a report of done work or of the current state (已, 累计, 了)."""
    return _has("past", clause)


def classify(clause: str, forward_passage: bool, cue_carried: bool = False, main: str | None = None) -> str:
    """What a clause is: 'commitment', 'statement' (reports or describes), 'slogan', 'purpose',
    'other_actor' or 'definition' (…,是…).

    ``forward_passage``: the clause stands in a plan passage; ``cue_carried``: an earlier
    clause of the same sentence had a forward cue (今年计划改造…,启动…); ``main``: the clause
    without its lead-in segments, where a past cue counts (对…已脱贫人口等,健全… is a plan).
    """
    main = clause if main is None else main
    if not _core(clause) or len(clause) > MAX_CLAUSE or not re.search(r"[\u4e00-\u9fff]", clause):
        return "statement"
    core = _core(main) or _core(clause)
    plain = _PROTECTED.sub("", core)
    if _has("statement", plain):
        return "definition"
    if _has("other_actor", core):
        return "other_actor"
    if _has("slogan", core) or core.startswith("确保") and _has("generic_ensure", plain):
        return "slogan"
    if _has("purpose", core):
        return "purpose"
    cue = has_forward_cue(clause)
    if has_past_cue(main) and not cue:
        return "statement"
    if core.startswith("确保") and not forward_passage and not cue_carried:  # in a report 确保 states a purpose
        return "statement"
    if cue or cue_carried or forward_passage:
        return "commitment"
    return "statement"


@dataclass(frozen=True)
class Passage:
    """Whether statements are forward-looking here, and the time phrase heading the passage."""

    forward: bool = False
    deadline_text: str | None = None


def _first_clause(text: str) -> str:
    text = re.sub(r"^(?:好的|感谢您的提问|谢谢)[,，。!！]?", "", text.strip(_TRIM))
    text = text[_strip("marker", text):]
    return re.split(r"[,，。；;：:]", text, maxsplit=1)[0]


def _times_in(text: str, find_time) -> list[str]:
    """Time phrases that can bound a promise (not 两年多来, 今年以来)."""
    return [t for t in find_time(text) if not _PAST_TIME.search(t)]


def heading_passage(sentence: str, rest: str, find_time: Callable[[str], list[str]]) -> Passage | None:
    """The passage a sentence opens when it starts with a heading, else None.

    A plan heading (下半年 / 下一步 / 2022年是… / “十四五”时期) opens a plan passage when
    ``rest`` (the sentence and what follows it in its paragraph) promises something;
    an achievement heading (今年以来 / 近年来 / 目前 / …工作进展情况) opens a report.
    ``find_time(text)`` lists the time phrases of a text (timex.find_times texts).
    """
    first = _BRACKETED_END.sub("", _first_clause(sentence))
    if _has("achievement_heading", first):
        return Passage(False)
    times = [t for t in _times_in(first, find_time) if t != "下一步"]
    # A title line (三、2024年工作计划 / 2024年全市民政工作要点) heads what follows, not itself.
    title = len(sentence.strip()) <= 30 and sentence.strip()[-1:] not in _END
    if title and _has("plan_heading", first):
        return Passage(True, times[0] if times else None)
    # 今年 also dates reports (今年,全县孤儿基本生活费…每人每月1600元): its own sentence must promise.
    promise = has_forward_cue(sentence) if first.startswith("今年") else has_forward_cue(rest) or re.search("打算|重点|着力", rest)
    if _has("plan_heading", first) and not has_past_cue(first) and promise:
        return Passage(True, times[0] if times else None)
    return None


def question_passage(question: str, find_time: Callable[[str], list[str]]) -> Passage:
    """The passage an official's answer to ``question`` opens (asked about plans or work done)."""
    for part in re.split(r"[,，。？?；;]", question):
        if _has("question_plan", part):
            times = _times_in(part, find_time)
            return Passage(True, times[0] if times else None)
    if _has("question_past", question):
        return Passage(False)
    return Passage(_has("question_open", question))


@dataclass
class _Candidate:
    clause: Clause
    sentence: Sentence
    kind: str
    passage: Passage
    lead_time: str | None  # time phrase leading the sentence (全年将新增…；新建…)


def _sentence_candidates(sentence: Sentence, passage: Passage, find_time) -> list[_Candidate]:
    clauses = split_clauses(sentence.text, sentence.start)
    # 全年将新增…；新建… : a time phrase opening the sentence bounds all its clauses, unless
    # it dates a report (近期民政部召开了…会议,我们将…).
    head = sentence.text.strip(_TRIM)
    head = head[_strip("marker", head):]
    first = _first_clause(head)
    lead_times = _times_in(first, find_time) if cues()["time_lead"].match(head) else []
    # The whole opening phrase (今年下半年, 到2025年底), not only its first word.
    lead_time = lead_times[0] if lead_times and first.startswith(lead_times[0]) and not has_past_cue(first) else None
    out, carried, others = [], False, False
    for clause in clauses:
        kind = classify(clause.text, passage.forward, carried, clause.text[clause.head:])
        if others:  # 社会力量是…生力军,要继续挖掘资源…,参与…: the rest is theirs too
            kind = "other_actor"
        others = others or kind in ("other_actor", "definition")
        if kind == "definition":  # 抓好脱贫攻坚工作,是…责任: the subject clause goes too
            for prev in reversed(out):
                if prev.clause.item_start:
                    prev.kind = "definition"
                    break
                prev.kind = "definition"
        if kind != "other_actor" and not carried and (has_forward_cue(clause.text) or _has("ensure", clause.text)):
            carried = True
            if not passage.forward:  # 今年计划改造…,启动…: the cue's time phrase goes on too
                lead_time = next(iter(_times_in(clause.text, find_time)), lead_time)
        out.append(_Candidate(clause, sentence, kind, passage, lead_time))
    # A lead clause opening a list item is skipped when action clauses follow it in the item.
    for i, cand in enumerate(out):
        if not cand.clause.item_start or cand.kind != "commitment":
            continue
        actions = 0
        for nxt in out[i + 1:]:
            if nxt.clause.item_start:
                break
            actions += nxt.kind == "commitment"
        marked = bool(_strip("marker", cand.clause.text.strip(_SPACE))) or i > 0
        leads = [_has("lead", _core(c.clause.text)) for c in out[i:i + 2]]
        if leads[0] and actions and not all(leads) or marked and actions >= 2 and not _is_concrete(cand.clause.text):
            cand.kind = "lead"
    # 下半年,我们将重点抓好三项工作:一是… : a clause ending in a colon announces the items after it.
    for cand, nxt in zip(out, out[1:]):
        if cand.kind == "commitment" and cand.clause.text.rstrip(_SPACE)[-1:] in "：:" and nxt.kind == "commitment":
            cand.kind = "intro"
    return out


def _nested(heading: Passage, outer: Passage, period: Callable[[str | None], tuple | None]) -> Passage:
    """A plan heading inside a plan passage keeps the outer time unless it names a narrower one:
    under 二、2024年主要工作 the paragraphs 一、主要目标 and 今年,我们将… stay 2024年, while
    下半年,… narrows it (shared/gold/README.md: the phrase heading the plan passage)."""
    inner, outer_period = period(heading.deadline_text), period(outer.deadline_text)
    if outer.deadline_text and (not heading.deadline_text or inner and outer_period
                                and inner[0] <= outer_period[0] and inner[1] >= outer_period[1]):
        return replace(heading, deadline_text=outer.deadline_text)
    return heading


def _is_concrete(clause: str) -> bool:
    """A clause with its own number or a named programme (“助联体”, …工程, …行动) is an action in
    its own right, never a lead clause for the details after it (2.新增养老机构床位800张,其中…)."""
    return re.search(r"\d|“[^”]+”|工程|行动|项目|试点", _core(clause)) is not None


def _details(rows: list[list[_Candidate] | None], i: int) -> list[_Candidate]:
    """The candidates after row ``i`` that may detail it: the rest of its paragraph, else the
    next paragraph; never past a question."""
    paragraph = rows[i][0].sentence.paragraph
    same, other = [], []
    for row in rows[i + 1:i + 1 + HEADING_REACH * 2]:
        if row is None:
            break
        if not row:
            continue
        if row[0].sentence.paragraph == paragraph:
            same.extend(row)
        elif other and row[0].sentence.paragraph != other[0].sentence.paragraph:
            break
        else:
            other.extend(row)
    return same or other


def _is_intro(cands: list[_Candidate], following: list[_Candidate]) -> bool:
    """An intro announces the list after it (以下几个方面 / …: / next sentence 一是…)."""
    text = cands[0].sentence.text.strip(" \t\u3000。")
    if _has("intro", text):
        return True
    nxt = following[0].sentence.text.lstrip(_SPACE) if following else ""
    nxt = nxt[_strip("time_lead", nxt):]
    return re.match(r"(?:一是|一要|[(（]一[)）]|一、|首先|即[:：])", nxt) is not None


def _is_title(sentence: Sentence, paragraph: list[Sentence]) -> bool:
    """A title line: a paragraph of one short sentence without final punctuation."""
    return len(paragraph) == 1 and len(sentence.text.strip()) <= 30 and sentence.text.strip()[-1:] not in _END


def _split_enumeration(text: str) -> list[tuple[int, int]]:
    """新建…12处、日间照料中心18处、农村幸福院24处: one entry per quantified item."""
    mask = _protected_mask(text)
    cuts = [i for i, ch in enumerate(text) if ch == "、" and not mask[i]]
    pieces = list(zip([0] + [c + 1 for c in cuts], cuts + [len(text)]))
    # 分别达到每人每月200元、260元 is one target for two groups, not an enumeration.
    if "分别" in text[:pieces[0][1]]:
        return [(0, len(text))]
    if len(pieces) > 1 and all(re.search(r"\d+\s*[^\d\s、,，]", text[a:b]) for a, b in pieces):
        return pieces
    return [(0, len(text))]


def find_commitments(
    parsed: ParsedDocument,
    *,
    figures: Iterable[Figure] = (),
    find_time: Callable[[str], list[str]] | None = None,
    resolve: Callable[[str, date | None], tuple[date, date] | None] | None = None,
    topic_of: Callable[..., str] | None = None,
    region_for: Callable[[int, int], Region | None] | None = None,
    decide: Callable[[ParsedDocument, list, list[Figure]], list[bool]] | None = None,
) -> list[Commitment]:
    """The commitments of a parsed document, in text order.

    The callables default to duban.extract.timex / topics (``topic_of(text, default)``);
    ``region_for(start, end)`` is the region acting in the clause of a quote
    (mentions.region_for_span); without it, or when it gives None, the document's region.
    ``decide(parsed, candidates, figures)`` says which candidate clauses are commitments; by
    default the rules' verdict (``kind == "commitment"``); the spaCy component passes the
    clause classifier (extract/classifier.py) when one ships.
    """
    find_time, resolve = _time_functions(parsed, find_time, resolve)
    if topic_of is None:
        from .topics import topic_of
    figures = sorted(figures, key=lambda f: f.start)
    cands = commitment_candidates(parsed, find_time=find_time, resolve=resolve)
    keep = decide(parsed, cands, figures) if decide else [c.kind == "commitment" for c in cands]
    out = []
    for cand, kept in zip(cands, keep):
        if kept:
            out.extend(_records(parsed, cand, figures, find_time, resolve, topic_of, region_for))
    return out


def _time_functions(parsed, find_time, resolve):
    if find_time is None or resolve is None:
        from .timex import find_times, resolve_period

        find_time = find_time or (lambda text: [t.text for t in find_times(text, parsed.date)])
        resolve = resolve or resolve_period
    return find_time, resolve


def commitment_candidates(
    parsed: ParsedDocument,
    *,
    find_time: Callable[[str], list[str]] | None = None,
    resolve: Callable[[str, date | None], tuple[date, date] | None] | None = None,
) -> list[_Candidate]:
    """Every clause of the document with the rules' verdict on it (``kind``: commitment,
    statement, slogan, purpose, other_actor, definition, lead, intro, heading) and its passage,
    in text order; questions of a transcript give none."""
    find_time, resolve = _time_functions(parsed, find_time, resolve)
    paragraphs: dict[int, list[Sentence]] = {}
    for s in parsed.sentences:
        paragraphs.setdefault(s.paragraph, []).append(s)
    openings = {  # the first sentence of each paragraph that is not a courtesy (好的。)
        n: next((x.index for x in p if not _has("courtesy", x.text.strip(_TRIM))), None)
        for n, p in paragraphs.items()
    }

    def period(phrase: str | None):
        return resolve(phrase, parsed.date) if phrase else None

    def plan_time(text: str) -> list[str]:
        """Time phrases that can head a plan: not periods over by the document date."""
        periods = [(t, period(t)) for t in find_time(text)]
        return [t for t, p in periods if not (p and parsed.date and p[1] < parsed.date)]

    # A work plan is forward-looking throughout; other documents start as plain text.
    base = passage = Passage(parsed.doc_type == "work_plan")
    question: list[str] = []
    previous_para = None
    rows: list[list[_Candidate] | None] = []  # None marks a question: look-ahead stops there
    for s in parsed.sentences:
        if s.role in ("host", "reporter"):
            question.append(s.text)
            rows.append(None)
            continue
        if question:
            base = passage = question_passage("".join(question), plan_time)
            question = []
        paragraph = paragraphs[s.paragraph]
        if s.paragraph != previous_para:
            previous_para = s.paragraph
            if not passage.forward and base.forward:  # a report inside a plan answer ends here
                passage = base
        # Headings open passages at paragraph starts. Inside a paragraph a plan heading ends a
        # report (目前,我市已挂牌…。明年,我们将力争…) and 近年来 / 今年以来 start one.
        at = s.index - paragraph[0].index
        rest = "".join(x.text for x in paragraph[at:at + HEADING_REACH])
        heading = heading_passage(s.text, rest, plan_time)
        if heading and (s.index == openings[s.paragraph] or heading.forward != passage.forward and (
                heading.forward or re.search("以来|年来", _first_clause(s.text)))):
            passage = _nested(heading, passage, period) if passage.forward else heading
        if _has("courtesy", s.text.strip(_TRIM)) or _is_title(s, paragraph):
            rows.append([])
            continue
        rows.append(_sentence_candidates(s, passage, find_time))

    # Headings and intros followed by details: the details are the commitments.
    for i, cands in enumerate(rows):
        if not cands:
            continue
        following = _details(rows, i)
        if not any(c.kind == "commitment" for c in following):
            continue
        sentence = cands[0].sentence
        actions = [c for c in cands if c.kind == "commitment"]
        # 一是完善设施。/ （一）聚焦兜底保障，织密社会救助网。: a short sentence of actions.
        short = 0 < sum(len(_core(c.clause.text)) for c in actions) <= 24
        heading = short and sentence.text.rstrip()[-1:] in _END
        marked = bool(_strip("marker", sentence.text.strip(_SPACE)))
        opens = sentence is paragraphs[sentence.paragraph][0] and following[0].sentence.paragraph == sentence.paragraph
        if _is_intro(cands, following) or heading and (marked or opens):
            for c in cands:
                c.kind = "heading"

    return [cand for cands in rows for cand in cands or ()]


def _deadline_text(clause: str, q0: int, q1: int, cand: _Candidate, find_time, resolve, doc_date) -> str | None:
    """The clause's own time phrase, else the one opening its sentence, else its passage's."""
    prefix = re.sub(r"(?:根据|按照|围绕|结合)[^,，]*[,，]", "", clause[:q0])
    own = []
    for t in _times_in(prefix, find_time) + _times_in(clause[q0:q1], find_time):
        if re.search(rf"{re.escape(t)}(?:的|度)", clause):  # 2018年低保提标方案 names a plan
            continue
        period = resolve(t, doc_date)
        if period and doc_date and period[1] < doc_date:  # 2017年度年检 is past work
            continue
        own.append(t)
    return own[-1] if own else cand.lead_time or cand.passage.deadline_text


def within(figures: list[Figure], start: int, end: int) -> list[Figure]:
    """The figures inside start:end; ``figures`` are sorted by start (find_commitments sorts
    them), so a bisection keeps a long document linear."""
    i = bisect.bisect_left(figures, start, key=lambda f: f.start)
    out = []
    while i < len(figures) and figures[i].start < end:
        if figures[i].end <= end:
            out.append(figures[i])
        i += 1
    return out


def _records(parsed, cand: _Candidate, figures, find_time, resolve, topic_of, region_for) -> list[Commitment]:
    clause = cand.clause
    q0, q1 = cut_quote(clause.text)
    if q1 - q0 < 2:
        return []
    deadline_text = _deadline_text(clause.text, q0, q1, cand, find_time, resolve, parsed.date)
    period = resolve(deadline_text, parsed.date) if deadline_text else None
    speaker = cand.sentence.speaker if cand.sentence.role == "official" else None
    records = []
    for a, b in _split_enumeration(clause.text[q0:q1]):
        start, end = clause.start + q0 + a, clause.start + q0 + b
        text = parsed.text[start:end]
        region = region_for(start, end) if region_for else None
        # 由20个工作日缩短至10个工作日: the baseline of a change is not the promised quantity.
        inside = [f for f in within(figures, start, end) if f.baseline_of is None]
        best = max(inside, key=lambda f: f.value, default=None)
        records.append(Commitment(
            text=text,
            start=start,
            end=end,
            sentence_index=cand.sentence.index,
            topic=topic_of(text, "") or topic_of(cand.sentence.text),
            region=region or parsed.region,
            speaker=speaker,
            quantity=Quantity(best.value, best.unit, best.text) if best else None,
            deadline_text=deadline_text,
            deadline=period[1] if period else None,
        ))
    return records
