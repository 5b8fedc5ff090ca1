"""Commitments: forward-looking promises, one per promised action (``doc._.commitments``).

Implements the "Commitments" guideline of shared/gold/README.md in three steps:

1. ``split_clauses(sentence)`` cuts a sentence into clauses: always at ；/;, at table cells
   (|) and before list markers inside a line ((2), ②, a spaced 2.), at ，/, only when the next
   segment has its own verb and object (a lead-in such as
   ``对…的边缘户等,`` or ``下半年,`` joins the clause after it; a continuation such as
   ``,尽快推动出台`` joins the one before).
2. ``classify(clause, forward_passage)`` decides whether a clause promises something: by its
   own cue (将 + verb, 要, 力争, 计划, 明年 …) anywhere, or by being an action inside a plan
   passage (a 下半年 / 下一步 / 2022年…我们将 / “十四五”时期 heading, an answer to a question
   about plans, or a whole work_plan document); 确保 promises only inside a plan passage. Slogans, principles, other actors' duties (a reply's 建议…), purpose clauses, reports of done work
   and weighing whether to act later (再考虑, 考虑…后再决定是否实施) never count. The passage of each sentence comes from the one plan/report model
   (passages.py, ``doc._.passages``).
3. ``cut_quote(clause)`` trims list markers, the subject, leading time or condition phrases
   and final punctuation, and starts at an adjacent cue word (要修订…, 将新增…).

Headings and intro sentences followed by detail clauses are dropped afterwards (the details
are the commitments). Every cue is a kind of ``lexicon/data/cues.tsv`` (extract/cues.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable, Iterable

from ..lexicon.words import only_names
from ..records import Commitment, Figure, ParsedDocument, Quantity, Region, Sentence
from .cues import forward_cue, has, past_cue, pattern, prefix
from .deadlines import Deadlines
from .passages import (END, HEADING_REACH, SPACE, TRIM, Passage, announces_plan, first_clause, heads_items,
                       is_title, items_intro, sentence_passages, time_functions, times_in)
# Longer clauses are run-on text (a 1 MB line without punctuation), never one promised action;
# the longest enumeration in the seeds is about 110 characters.
MAX_CLAUSE = 240
FRAGMENT_MAX = 12
APPROVAL_REACH = 8  # a resolution approves the report in its opening sentences, after its chrome
RUN_IN_MAX = 10  # a one-clause sentence this short before details in its paragraph heads them  # longer clauses are not checked for a verb (the tagger costs time)
_HARD = "；;"
_SOFT = ",，"
_CELL = "|"  # a table cell ends (序号 | 任务 | 进展 rows, as flattened tables are stored)
_ITEM = "\u2022"
_CLOSES = _HARD + END + _CELL + _ITEM  # a segment ending so never leads into the next
_OPENS = _CLOSES + "：:"  # the segment after one ending so opens a list item
_SEPARATOR = re.compile("[" + re.escape(_SOFT + _HARD + END + "：:" + _CELL) + "]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SERIES = re.compile("、")  # between the items of a series (_split_enumeration)
_QUANTITY = re.compile(r"\d+\s*[^\d\s、,，]")  # a number with what it counts (_quantified_pieces)
_HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")  # stands for the cut before a list marker inside a line
# Commas inside these pairs never split: “…、…” slogans, 《…》 titles, (社区) glosses.
_PROTECTED = re.compile(r"“[^”“]{0,60}”|《[^》《]{0,60}》|\([^()]{0,30}\)|（[^（）]{0,30}）")


class _Cue:
    """A clause's cue, found in its text on first use and kept in the instance's ``__dict__``,
    which then answers without this descriptor: ``functools.cached_property`` without the lock
    it takes on every first use before Python 3.12 (about 1.5 µs a clause and cue)."""

    def __init__(self, find: Callable[[str], bool]):
        self.find = find

    def __set_name__(self, owner, name: str):
        self.name = name

    def __get__(self, clause, owner=None):
        if clause is None:
            return self
        found = clause.__dict__[self.name] = self.find(clause.text)
        return found


@dataclass(frozen=True)
class Clause:
    """A span of one sentence; offsets are into the text the sentence came from."""

    start: int
    end: int
    text: str
    item_start: bool = False  # opens a list item (a sentence, or after ；/ a list marker)
    head: int = 0  # offset in ``text`` of the segment after the lead-ins

    # The clause's cues, found once: the rules and the classifier's features all ask.
    forward = _Cue(forward_cue)
    past = _Cue(past_cue)
    ensure = _Cue(lambda text: has("ensure", text))


def _protected_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        a, b = m.start() + 1, m.end() - 1
        mask[a:b] = [True] * (b - a)  # a match has its two brackets: b >= a
    return mask


def _segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, separator) pieces of ``text`` cut after each unprotected separator and
    before each list marker inside it ((2), （二）, ②, a spaced 2.)."""
    mask = _protected_mask(text)
    # (position, 0) before an inline list marker, (position, 1) at a separator: in text order,
    # a cut before a marker first.
    inline = [(m.start(), 0) for m in pattern("inline_item").finditer(text) if m.start() and not mask[m.start()]]
    cuts = inline + [(m.start(), 1) for m in _SEPARATOR.finditer(text) if not mask[m.start()]]
    if inline:  # else the separators alone, in order and distinct already
        cuts = sorted(set(cuts))
    pieces, begin = [], 0
    for i, at_separator in cuts:
        if at_separator:
            pieces.append((begin, i + 1, text[i]))
            begin = i + 1
        elif text[begin:i].strip(TRIM):  # …3000个(2)改造老旧小区12个: a new item
            pieces.append((begin, i, _ITEM))
            begin = i
    if begin < len(text):
        pieces.append((begin, len(text), ""))
    return pieces


@lru_cache(maxsize=4096)  # the clause tests ask for the same segment's core several times
def _core(text: str) -> str:
    """A segment without its list marker, subject and leading time phrase."""
    s = text
    for kind in ("marker", "time_lead", "marker", "subject"):
        s = s.lstrip(TRIM)
        s = s[prefix(kind, s):]
    return s.strip(TRIM)


def _is_lead_in(segment: str) -> bool:
    """True for a segment that only leads into the next: 下半年, / 对…的边缘户等, / 按照…,."""
    core = _core(segment)
    if not core or has("lead_in_always", core):
        return True
    # 争取到2025年, / 力争到年底, : a cue with only a time phrase leads into its target.
    cue = prefix("lead_cue", core)
    if cue and not _core(core[cue:]):
        return True
    return has("lead_in_start", core) and has("lead_in_end", core)


def _is_continuation(segment: str) -> bool:
    """True for a segment with no object of its own (,尽快推动出台 / ,主动查找 / ,力争7月份之前出台)."""
    core = _core(segment)
    if has("continuation", core) or has("continuation_adverb", core):
        return True
    core = core[prefix("continuation_cue", core):]
    core = core[prefix("time_lead", core):]
    core = core[prefix("continuation_time", core):]
    return len(core) <= 4


def _measures(segment: str, before: str) -> bool:
    """True for a segment giving only the size or cost of what the clause ``before`` it acts on
    (…工程,占地132亩 / ,总套数1201套安置房), unless that clause only describes too (该项目位于…,总投资…)."""
    return has("measure", _core(segment)) and not has("measure", _core(before)) and not has("attribute", _core(before))


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
        if not segment.strip(TRIM):
            continue
        if sep not in _CLOSES and _is_lead_in(segment) and end < len(sentence):
            pending = start if pending is None else pending
            continue
        if pending is None and clauses and (glue or not item_start and (
                _is_continuation(segment) or _measures(segment, clauses[-1].text))):
            last = clauses[-1]
            clauses[-1] = Clause(last.start, offset + end, sentence[last.start - offset:end], last.item_start, last.head)
        else:
            begin = start if pending is None else pending
            clauses.append(Clause(offset + begin, offset + end, sentence[begin:end], item_start, start - begin))
            pending = None
        # 以A为主体,B为补充的…体系: the parallel 为… phrase goes on in the next segment.
        glue = has("parallel", segment)
        item_start = sep in _OPENS
    if pending is not None:
        clauses.append(Clause(offset + pending, offset + len(sentence), sentence[pending:], item_start))
    return [c for c in clauses if c.text.strip(TRIM)]


def cut_quote(clause: str) -> tuple[int, int]:
    """(start, end) of the quote inside ``clause``.

    Leaves out list markers, the subject (我们, 全市民政部门), leading time or condition
    phrases (全年, 年内, 建成后) and final punctuation, so the quote starts at an adjacent cue
    (将新增…, 要修订…, 力争…) or at the verb; a fronted object (对…) is kept.
    """
    start, end = 0, len(clause)
    while end > start and clause[end - 1] in TRIM:
        end -= 1
    changed = True
    while changed:
        changed = False
        while start < end and clause[start] in TRIM:
            start += 1
        for kind in ("marker", "time_lead", "subject"):
            n = prefix(kind, clause[start:end])
            if n:
                start += n
                changed = True
        # A lead-in that is not a fronted object or a means (对…, 以…为重点, 通过…) is cut.
        n = prefix("quote_lead", clause[start:end])
        # 在…的基础上, leads in; 在龙亭镇实施…31.656公里、… is the action itself (d18).
        if n and end - start - n >= 4 and _is_lead_in(clause[start:start + n]):
            start += n
            changed = True
    return start, end


def classify(clause: str, forward_passage: bool, cue_carried: bool = False, main: str | None = None,
             cue: bool | None = None, opens: bool = False) -> str:
    """What a clause is: 'commitment', 'statement' (reports or describes), 'slogan', 'purpose',
    'other_actor' or 'definition' (…,是…).

    ``forward_passage``: the clause stands in a plan passage; ``cue_carried``: an earlier
    clause of the same sentence had a forward cue (今年计划改造…,启动…); ``main``: the clause
    without its lead-in segments, where a past cue counts (对…已脱贫人口等,健全… is a plan);
    ``cue``: ``forward_cue(clause)`` when the caller has it; ``opens``: the clause opens its sentence
    or list item, where a purpose verb is the action itself (提高农村最低生活保障标准。, a11) and only
    a linking word (为…, 让…, 从而…) still makes a purpose.
    """
    main = clause if main is None else main
    if not _core(clause) or len(clause) > MAX_CLAUSE or not _HAN.search(clause) or _is_frame(clause):
        return "statement"
    core = _core(main) or _core(clause)
    plain = _PROTECTED.sub("", core)
    if has("statement", plain):
        return "definition"
    if has("other_actor", core):
        return "other_actor"
    if has("slogan", core) or core.startswith("确保") and has("generic_ensure", plain):
        return "slogan"
    if has("purpose", core) and (not opens or has("purpose_link", core)):
        return "purpose"
    if has("deliberate", core):  # 将会综合考虑…后再决定是否实施: weighing, no act promised
        return "statement"
    cue = forward_cue(clause) if cue is None else cue
    if (past_cue(main) or has("attribute", core)) and not cue:
        return "statement"
    if core.startswith("确保") and not forward_passage and not cue_carried:  # in a report 确保 states a purpose
        return "statement"
    if core.startswith("确保") and has("ensure_manner", plain):
        return "slogan"
    if cue or cue_carried or forward_passage:
        return "commitment"
    return "statement"


@dataclass
class Candidate:
    """A candidate clause, the rules' verdict on it (``kind``) and the decision (``kept``)."""

    clause: Clause
    sentence: Sentence
    kind: str
    passage: Passage
    lead_time: str | None  # time phrase leading the sentence (全年将新增…；新建…)
    kept: bool = False  # decided a commitment (decide_clauses)

    @property
    def statement(self) -> bool:
        """Decided not a promise although the rules read it as an action or a report: a figure
        in it is no target (figures and commitments read one clause one way)."""
        return not self.kept and self.kind in ("commitment", "statement")


def _sentence_candidates(sentence: Sentence, passage: Passage, find_time, news: bool = False,
                         column: Callable[[int], str | None] = lambda start: None) -> list[Candidate]:
    clauses = split_clauses(sentence.text, sentence.start)
    # 全年将新增…；新建… : a time phrase opening the sentence bounds all its clauses, unless
    # it dates a report (近期民政部召开了…会议,我们将…).
    head = sentence.text.strip(TRIM)
    head = head[prefix("marker", head):]
    first = first_clause(head)
    lead_times = times_in(first, find_time) if prefix("time_lead", head) else []
    # The whole opening phrase (今年下半年, 到2025年底), not only its first word.
    lead_time = lead_times[0] if lead_times and first.startswith(lead_times[0]) and not past_cue(first) else None
    # 代表马永升建议,政府应加大养殖业发展力度: a deputy's or member's words are theirs (ae11)
    out, carried, others, results = [], False, has("deputy_voice", sentence.text), False
    # A news story of an event (会议召开, 举行启动仪式, 据悉) narrates: inside a plan passage only a clause
    # with its own cue promises (issue 10: a launch ceremony gave 24 "commitments").
    forward = passage.forward and not (news and has("news_event", sentence.text))
    for clause in clauses:
        role = column(clause.start)  # a table cell under a task or a progress column
        kind = classify(clause.text, forward and role != "progress" or role == "task", carried, clause.text[clause.head:],
                        clause.forward, clause.item_start)
        if role == "progress" and kind == "commitment":
            kind = "statement"
        if kind == "purpose" and passage.umbrella is not None and not out and prefix("marker", clause.text.lstrip(SPACE)):
            kind = "commitment"  # 六、为青少年提供…心理健康服务。: an item of the list, not a purpose
        if kind == "commitment" and passage.umbrella is None and role is None and _is_fragment(clause.text):
            kind = "fragment"
        if kind in ("definition", "statement", "commitment") and not others and announces_plan(clause.text):
            # 今年发展主要预期目标是:地区生产总值增长5.5%以上;… (tests/track sc_2025): the
            # clause announces items after its colon, which promise with its time.
            carried = True
            lead_time = next(iter(times_in(clause.text, find_time)), lead_time)
            out.append(Candidate(clause, sentence, "intro", passage, lead_time))
            continue
        if others:  # 社会力量是…生力军,要继续挖掘资源…,参与…: the rest is theirs too
            kind = "other_actor"
        # 其中具体成效包括:实现…全覆盖;新建…30所: results listed after their colon, not promised (ad15)
        results = results or has("results_intro", clause.text.strip(SPACE))
        if results and kind == "commitment" and not clause.forward:
            kind = "statement"
        others = others or kind in ("other_actor", "definition")
        if kind == "definition":  # 抓好脱贫攻坚工作,是…责任: the subject clause goes too
            for prev in reversed(out):
                if prev.clause.item_start:
                    prev.kind = "definition"
                    break
                prev.kind = "definition"
        if kind != "other_actor" and not carried and (clause.forward or clause.ensure):
            carried = True
            if not passage.forward:  # 今年计划改造…,启动…: the cue's time phrase goes on too
                lead_time = next(iter(times_in(clause.text, find_time)), lead_time)
        out.append(Candidate(clause, sentence, kind, passage, lead_time))
    # A lead clause opening a list item is skipped when action clauses follow it in the item.
    for i, cand in enumerate(out):
        if not cand.clause.item_start or cand.kind != "commitment":
            continue
        actions = 0
        for nxt in out[i + 1:]:
            if nxt.clause.item_start:
                break
            actions += nxt.kind == "commitment"
        marked = bool(prefix("marker", cand.clause.text.strip(SPACE))) or i > 0
        leads = [has("lead", _core(c.clause.text)) for c in out[i:i + 2]]
        if leads[0] and actions and not all(leads) or marked and actions >= 2 and not _is_concrete(cand.clause.text):
            cand.kind = "lead"
    # 下半年,我们将重点抓好三项工作:一是… : a clause ending in a colon announces the items after it.
    for cand, nxt in zip(out, out[1:]):
        if cand.kind == "commitment" and cand.clause.text.rstrip(SPACE)[-1:] in "：:" and nxt.kind == "commitment":
            cand.kind = "intro"
    return out


def _is_run_in(cands: list[Candidate], following: str) -> bool:
    """培育新型消费。发展数字消费、绿色消费，…: a short one-clause sentence inside a paragraph heads
    the sentence after it when that one details its topic (shares a word that is not a generic verb
    such as 推进 or 发展); 落实生育补贴政策。做好…筹备工作。 is a task of its own (a11), and so is one
    with a number or a quoted name. A named 项目 or 工程 may head (强化项目要素保障。完善…重大项目建设…)."""
    core = _core(cands[0].clause.text) if len(cands) == 1 else ""
    if has("counted", core):
        return False
    if not 0 < len(core) <= RUN_IN_MAX:
        return False
    words = {core[i:i + 2] for i in range(len(core) - 1)}
    return any(w in following and _HAN2.fullmatch(w) and not has("generic_verb", w) for w in words)


def _is_frame(clause: str) -> bool:
    """他在报告中提到, / 会议强调, / 《通知》提出, : a clause that only attributes what follows promises
    nothing itself (i02, ar15)."""
    body = clause.strip(SPACE)
    return len(body) in (prefix("attribution", body), prefix("document_frame", body))


def _is_fragment(clause: str) -> bool:
    """A short clause that only narrates or names (据悉, / 11月8日, / 新野县民政局) is never an
    action of its own; the items of an umbrella list (粮食物资南大中心库, f03) are spared by the caller."""
    core = _core(clause)
    if len(core) > FRAGMENT_MAX:
        return False
    rest = pattern("date_like").sub("", core).strip(TRIM)
    return not rest or has("narration", core) or only_names(rest)


def _quantified(text: str) -> bool:
    """Whether ``text`` holds a number that is no date (23万吨, 1.2个百分点; not 2024年)."""
    return any(ch.isdigit() for ch in pattern("date_like").sub("", text))


def _is_concrete(clause: str) -> bool:
    """A clause with its own number or a named programme (“助联体”, …工程, …行动) is an action in
    its own right, never a lead clause for the details after it (2.新增养老机构床位800张,其中…)."""
    return has("concrete", _core(clause))


def _details(rows: list[list[Candidate] | None], i: int, only_intro: list[bool]) -> list[Candidate]:
    """The candidates after row ``i`` that may detail it: the rest of its paragraph, else the
    next paragraph; never past a question. ``only_intro[j]``: row ``j`` only announces items."""
    paragraph = rows[i][0].sentence.paragraph
    same, other = [], []
    for j in range(i + 1, min(len(rows), i + 1 + HEADING_REACH * 2)):
        row = rows[j]
        if row is None:
            break
        if not row or only_intro[j]:  # 具体包括: announces the details, it is none
            continue
        if row[0].sentence.paragraph == paragraph:
            same.extend(row)
        elif other and row[0].sentence.paragraph != other[0].sentence.paragraph:
            break
        else:
            other.extend(row)
    return same or other


def _is_intro(cands: list[Candidate], following: list[Candidate]) -> bool:
    """An intro announces the list after it (以下几个方面 / …: / next sentence 一是…)."""
    text = cands[0].sentence.text.strip(" \t\u3000。")
    if has("intro", text):
        return True
    nxt = following[0].sentence.text.lstrip(SPACE) if following else ""
    nxt = nxt[prefix("time_lead", nxt):]
    return prefix("first_item", nxt) > 0 or items_intro(nxt) > 0


def _only_intro(row: list[Candidate]) -> bool:
    """A sentence that only announces the items after it (具体包括: / 分别是:)."""
    text = row[0].sentence.text.strip(SPACE)
    return 0 < items_intro(text) >= len(text.rstrip(SPACE))


def _is_title(sentence: Sentence, paragraph: list[Sentence]) -> bool:
    """A title line: a paragraph of one short sentence without final punctuation, and without
    two clauses unless it is numbered (健全弹性供暖机制,持续提升供暖服务质量 is a line of a
    plan, a14; （一）聚焦兜底保障，织密社会救助网 a heading)."""
    text = sentence.text.strip()
    if len(paragraph) != 1 or not is_title(text) or text[-1:] in _HARD:  # …项目(三期); is a list's line (r11)
        return False
    return not any(ch in _SOFT for ch in text) or prefix("marker", text) > 0


def _split_enumeration(text: str) -> list[tuple[int, int]]:
    """新建…12处、日间照料中心18处、农村幸福院24处 / 完成7.72万亩高标准农田建设和8000亩土地整治: one
    entry per quantified item, cut at 、 and then at 和 / 及 between quantified items."""
    mask = _protected_mask(text)
    # 分别达到每人每月200元、260元 is one target for two groups, not an enumeration.
    if has("respectively", text):
        return [(0, len(text))]
    pieces = _quantified_pieces(text, [m.span() for m in _SERIES.finditer(text) if not mask[m.start()]])
    out = []
    for a, b in pieces:
        joins = [m.span() for m in pattern("enumeration_and").finditer(text, a, b) if not mask[m.start()]]
        out.extend(_quantified_pieces(text, joins, a, b))
    return out


def _quantified_pieces(text: str, cuts: list[tuple[int, int]], start: int = 0, end: int | None = None
                       ) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between ``cuts`` when every piece holds a quantity, else the whole."""
    end = len(text) if end is None else end
    pieces = list(zip([start] + [b for _, b in cuts], [a for a, _ in cuts] + [end]))
    if len(pieces) > 1 and all(_QUANTITY.search(pattern("date_like").sub("", text[a:b]))
                               for a, b in pieces):  # a date (在2011年和2012年相继建成) is no quantity
        return pieces
    return [(start, end)]


def decide_clauses(
    parsed: ParsedDocument,
    *,
    find_time: Callable[[str], list[str]] | None = None,
    resolve: Callable[[str, date | None], tuple[date, date] | None] | None = None,
    passages: list[Passage] | None = None,
    decide: Callable[[ParsedDocument, list[Candidate]], list[bool]] | None = None,
) -> list[Candidate]:
    """Every candidate clause with ``kept`` set: ``decide(parsed, candidates)`` says which are
    commitments; by default the rules' verdict (``kind == "commitment"``); the spaCy component
    passes the clause classifier (extract/classifier.py) when one ships."""
    cands = commitment_candidates(parsed, find_time=find_time, resolve=resolve, passages=passages)
    keep = decide(parsed, cands) if decide else [c.kind == "commitment" for c in cands]
    for cand, kept in zip(cands, keep):
        cand.kept = bool(kept)
    return cands


def find_commitments(
    parsed: ParsedDocument,
    *,
    figures: Iterable[Figure] = (),
    find_time: Callable[[str], list[str]] | None = None,
    resolve: Callable[[str, date | None], tuple[date, date] | None] | None = None,
    topic_of: Callable[..., str] | None = None,
    region_for: Callable[[int, int], Region | None] | None = None,
    clauses: list[Candidate] | None = None,
) -> list[Commitment]:
    """The commitments of a parsed document, in text order: the records of the kept
    ``clauses`` (by default ``decide_clauses`` with the rules' verdicts).

    The callables default to duban.extract.timex / topics (``topic_of(text, default)``);
    ``region_for(start, end)`` is the region acting in the clause of a quote
    (mentions.region_for_span); without it, or when it gives None, the document's region.
    """
    find_time, resolve = time_functions(parsed, find_time, resolve)
    if topic_of is None:
        from .topics import topic_of
    figures = sorted(figures, key=lambda f: f.start)
    if clauses is None:
        clauses = decide_clauses(parsed, find_time=find_time, resolve=resolve)
    deadlines = Deadlines(parsed, find_time, resolve)
    out = []
    for cand in clauses:
        if cand.kept:
            out.extend(_records(parsed, cand, figures, deadlines, topic_of, region_for))
    return out


def commitment_candidates(
    parsed: ParsedDocument,
    *,
    find_time: Callable[[str], list[str]] | None = None,
    resolve: Callable[[str, date | None], tuple[date, date] | None] | None = None,
    passages: list[Passage] | None = None,
) -> list[Candidate]:
    """Every clause of the document with the rules' verdict on it (``kind``: commitment,
    statement, slogan, purpose, other_actor, definition, lead, intro, heading) and its passage
    (``passages``, one per sentence, by default passages.sentence_passages), in text order;
    questions of a transcript give none."""
    find_time, resolve = time_functions(parsed, find_time, resolve)
    if passages is None:
        passages = sentence_passages(parsed, find_time, resolve)
    paragraphs: dict[int, list[Sentence]] = {}
    for s in parsed.sentences:
        paragraphs.setdefault(s.paragraph, []).append(s)
    column = _table_columns(parsed.text)
    rows: list[list[Candidate] | None] = []  # None marks a question: look-ahead stops there
    for s, passage in zip(parsed.sentences, passages):
        if passage.kind == "question":
            rows.append(None)
        elif _says_nothing(s.text) or _is_title(s, paragraphs[s.paragraph]) and (
                passage.umbrella is None or _heads_details(parsed.sentences, s.index)):
            rows.append([])
        else:
            rows.append(_sentence_candidates(s, passage, find_time, parsed.doc_type == "news", column))

    approved = _approval(parsed.sentences)
    for row in rows[approved + 1:] if approved is not None else ():
        for cand in row or ():
            if cand.kind == "commitment":
                cand.kind = "other_actor"

    # Headings and intros followed by details: the details are the commitments.
    only_intro = [bool(row) and _only_intro(row) for row in rows]  # asked of each row by the rows before it
    for i, cands in enumerate(rows):
        if not cands:
            continue
        following = _details(rows, i, only_intro)
        if not any(c.kind == "commitment" for c in following):
            continue
        sentence = cands[0].sentence
        actions = [c for c in cands if c.kind == "commitment"]
        # 一是完善设施。/ （一）聚焦兜底保障，织密社会救助网。: a short sentence of actions; one with a
        # number is a target of its own (9.粮食产量稳定在23万吨。 among numbered targets, aj07; c04).
        short = 0 < sum(len(_core(c.clause.text)) for c in actions) <= 24 and not any(
            _quantified(_core(c.clause.text)) for c in actions)
        heading = short and sentence.text.rstrip()[-1:] in END
        marked = bool(prefix("marker", sentence.text.strip(SPACE)))
        inside = following[0].sentence.paragraph == sentence.paragraph
        opens = sentence is paragraphs[sentence.paragraph][0] and inside
        opens = opens or inside and _is_run_in(cands, following[0].sentence.text)
        # The numbered items of an umbrella list are the 实事 themselves (一、提高低保…保障水平。
        # under 2026年省十件民生实事): the items stay, their details too.
        umbrella = cands[0].passage.umbrella
        item = marked and umbrella is not None and heads_items(parsed.sentences[umbrella].text)
        announced = i + 1 < len(rows) and only_intro[i + 1]  # …实事。具体包括:
        # 今年…主要预期目标为:全市地区生产总值增长4%左右。 announces its own items: they are no heading.
        own_items = any(a.kind == "intro" and b.kind == "commitment" for a, b in zip(cands, cands[1:]))
        if not item and not own_items and (announced or _is_intro(cands, following) or heading and (marked or opens)):
            for c in cands:
                c.kind = "heading"

    return [cand for cands in rows for cand in cands or ()]


def _says_nothing(sentence: str) -> bool:
    """A sentence that gives no candidates: a courtesy (好的。), a plan's preamble (为…,特制定本方案。:
    it names the plan's aims, none of its items) or a line announcing a document's full text (全文如下:, ao03)."""
    return has("courtesy", sentence.strip(TRIM)) or any(has(kind, sentence.strip(SPACE))
                                                         for kind in ("plan_declaration", "full_text"))


def _approval(sentences: list[Sentence]) -> int | None:
    """The index of an opening sentence approving another body's report (…,决定批准这个报告。), else
    None: a people's congress's resolution on the government's report, whose 县人民政府要… and 要…
    after it are the government's duties, not the congress's promises (ac10, b05)."""
    return next((s.index for s in sentences[:APPROVAL_REACH] if has("approves_report", s.text)), None)


def _heads_details(sentences: list[Sentence], i: int) -> bool:
    """一、2025年村内基础设施提升工程 ⏎ 在17个乡镇…: an item's heading line whose details follow in
    the next paragraph, unnumbered (h11); an item line followed by the next item is the item itself."""
    if i + 1 >= len(sentences) or sentences[i + 1].paragraph == sentences[i].paragraph:
        return False
    nxt = sentences[i + 1].text.strip(SPACE)
    return not prefix("marker", nxt) and not is_title(nxt)


def _table_columns(text: str) -> Callable[[int], str | None]:
    """``column(offset)``: "task" or "progress" when ``offset`` stands in a table cell under a
    header naming it (序号 | 任务要求 | 进展情况 |, a12), else None. A table is the run of lines
    with cells after its header."""
    starts, roles = [], []  # line starts of table bodies and, per line, column → role
    header: dict[int, str] | None = None
    pos = 0
    for line in text.split("\n"):
        if _CELL not in line:
            header = None
        elif header is not None:
            starts.append(pos)
            roles.append(header)
        else:
            cells = line.split(_CELL)
            found = {i: "progress" if has("table_progress", c) else "task"
                     for i, c in enumerate(cells) if len(c.strip()) <= 12 and (has("table_progress", c) or has("table_task", c))}
            header = found if "task" in found.values() else None
        pos += len(line) + 1
    if not starts:
        return lambda offset: None

    def column(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or text.find("\n", starts[i], offset) != -1:
            return None
        return roles[i].get(text.count(_CELL, starts[i], offset))

    return column


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


def _records(parsed, cand: Candidate, figures, deadlines: Deadlines, topic_of, region_for) -> list[Commitment]:
    clause = cand.clause
    q0, q1 = cut_quote(clause.text)
    if q1 - q0 < 2:
        return []
    deadline_text = deadlines.for_clause(clause.text, q0, q1, cand)
    period = deadlines.resolve(deadline_text, parsed.date) if deadline_text else None
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
