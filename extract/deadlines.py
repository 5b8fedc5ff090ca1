"""Deadlines of commitments: which time phrase bounds a promise (issue 10, attribution).

shared/gold/README.md: the clause's own time phrase as written; without one, the phrase heading
its plan passage (the sentence's opening time, its passage's, its umbrella's); otherwise the
plan year of the document. The document's plan time is read once (``Deadlines``):

- the period a news story's lead deploys (会议总结2024年民政工作,部署2025年任务 / 安排部署下半年
  重点工作任务): the meeting's demands (要…) are for that period, in a report passage too;
- the year its title names for a plan (宜城2024年十件民生实事“出炉” / 《政府工作报告》解读2017:
  十件实事), read in simplified script (titles keep the page's script);
- the year a sentence announcing the list of 实事 names (2015年,秦安县…将集中力量办好十件民生实事);
- a template's placeholder year (我所20xx年的工作计划如下:), which no date resolves.

Periods over by the document date never bound a promise (2017年度年检 is past work). This module
reads the passages (passages.py) but never changes them: the clause classifier reads a
passage's time as a feature, so attribution leaves which clauses are commitments unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from ..records import ParsedDocument
from .cues import forward_cue, has, past_cue, pattern, prefix
from .passages import HEADING_MAX, TRIM, first_clause, times_in

Resolve = Callable[[str, date | None], tuple[date, date] | None]
# 2024年…, 解读2017:十件实事; not a date (2014—6汉滨老城办…十大民生工程, j05)
_TITLE_YEAR = re.compile(r"(20\d\d)(?:\s*年|(?=[:：\s]*[^\d\s\-—–./:：]))")
PLANS_ITS_YEAR = ("government_report", "work_plan")  # document types whose date names their plan year
DEPLOY_REACH = 3  # a news story deploys its period in its first sentences
LEAD_REACH = 12  # and announces its list of 实事 in its lead
LINE_MAX = 600  # characters of a lead sentence read (a 1 MB line stays cheap)
OPENING_MAX = 80  # characters read for a sentence's opening time
TEMPLATE_REACH = 6  # a template names its placeholder year in its opening lines


def _title(parsed: ParsedDocument) -> str:
    """The title in simplified script: titles keep the page's script and glosses; cues are simplified."""
    from ..ingest.clean import prepare

    return prepare(parsed.title or "")[0]


def title_year(parsed: ParsedDocument, resolve: Resolve) -> str | None:
    """The plan year a title names (宜城2024年十件民生实事“出炉” / 关于明确…2023年 重点工作责任单位的
    通知 / 《政府工作报告》解读2017:十件实事): the year of the plan's items that name no time of
    their own, in any passage (a table row kept by its task column is one); None when the title
    names none or that year is over by the document date.

    Of two years, the one naming the plan, not the review (昌硕街道2022年工作总结和2023年工作计划,
    b06; 2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告, c14)."""
    year = _named_year(_title(parsed))
    return _open(year, parsed.date, resolve) if year else None


def lead_year(parsed: ParsedDocument, resolve: Resolve) -> str | None:
    """The plan year a clause of the lead names as a title would (j04, untitled: 市政府政务督查室近期
    对《政府工作报告》确定的2021年重点工作上半年完成情况进行了督查), read when the title names none."""
    for sentence in parsed.sentences[:DEPLOY_REACH]:
        for clause in re.split(r"[,，。；;]", sentence.text[:LINE_MAX]):
            year = _named_year(clause)
            if year:
                return _open(year, parsed.date, resolve)
    return None


def _named_year(line: str) -> str | None:
    """The year a line names a plan by (2024年十件民生实事, 2023年重点工作), or None."""
    found = list(_TITLE_YEAR.finditer(line))
    ends = [m.start() for m in found[1:]] + [len(line)]
    plans = [(m.group(1), line[m.end():end]) for m, end in zip(found, ends) if has("title_plan", line[m.end():end])]
    year = next((y for y, named in plans if not has("report_document", named)), plans[0][0] if plans else None)
    return f"{year}年" if year else None


def dated_plan_year(parsed: ParsedDocument, resolve: Resolve) -> str | None:
    """The year a 政府工作报告 or a work plan whose title names no year is given in (k11 of
    2025-01-22, g11 of 2007-04-13): the year of its plan passages' undated items only, for such a
    report also reviews past work (c10: 我们将深入学习…抓整改 is no item of the year's plan)."""
    if parsed.doc_type not in PLANS_ITS_YEAR or not parsed.date or _TITLE_YEAR.search(_title(parsed)):
        return None
    return _open(f"{parsed.date.year}年", parsed.date, resolve)


def _open(phrase: str | None, doc_date: date | None, resolve: Resolve) -> str | None:
    """``phrase`` unless its period is over by the document date."""
    period = resolve(phrase, doc_date) if phrase else None
    return None if period and doc_date and period[1] < doc_date else phrase


_PROBE_DAY = date(2001, 6, 15)  # any day: which part of its year a relative phrase names


def _whole_year(phrase: str, resolve: Resolve) -> bool:
    """``phrase`` names the whole of the document's year (全年, 今年, 年内, 本年度): undated, it
    says no more than the plan year its scope names. A part of a year (年底前, 下月中旬, 10月份前)
    or a season or event (秋季, 入汛前) says more, so it stays the deadline as written."""
    period = resolve(phrase, _PROBE_DAY)
    return period == (date(_PROBE_DAY.year, 1, 1), date(_PROBE_DAY.year, 12, 31))


def _spans_days(phrase: str, doc_date: date | None, resolve: Resolve) -> bool:
    """A plan's time spans more than a day (今年, 2015年, 下半年); an event's date (2月11日,
    12月26日上午) is one day. Undated, a relative phrase is measured on any day (年底前 spans days)."""
    period = resolve(phrase, doc_date or _PROBE_DAY)
    return bool(period and period[1] > period[0])


def opening_time(text: str, find_time, doc_date: date | None, resolve: Resolve) -> str | None:
    """The time phrase opening a sentence, after its list marker and a narration lead (据了解,2024年
    宜城市将…) or a lead-in (在继续做好扶贫工作上,今年我省将…, w12), when it spans more than a day and
    does not date a report (今年以来)."""
    head = text[:OPENING_MAX].strip(TRIM)
    head = head[prefix("marker", head):]
    first = first_clause(head)
    if has("narration", first):
        head = head[len(first):].lstrip(TRIM)
    head = head[prefix("quote_lead", head):].lstrip(TRIM)
    first = first_clause(head)
    times = times_in(first, find_time)
    if not times or not first.startswith(times[0]) or past_cue(first):
        return None
    return times[0] if _spans_days(times[0], doc_date, resolve) else None


def deployed_period(parsed: ParsedDocument, find_time, resolve: Resolve) -> str | None:
    """The period a news story's lead deploys (部署2025年任务 / 安排部署下半年重点工作任务) or a
    sentence of its lead announcing its list of 实事 names (2015年,秦安县…将集中力量办好十件民生实事),
    else None. Only the lead is read, and only its first ``LINE_MAX`` characters a sentence."""
    lead = [s.text[:LINE_MAX] for s in parsed.sentences[:LEAD_REACH]]
    for text in lead[:DEPLOY_REACH]:
        m = pattern("deploys").search(text)
        if m:
            return _open(next(iter(times_in(text[m.end():m.end() + 20], find_time)), None), parsed.date, resolve)
    for text in lead:
        count = pattern("umbrella_count").search(text)
        if not count or past_cue(text):
            continue
        before = text[:count.start()]
        # 将集中力量办好十件民生实事: 将 before the count is the future (集中 is no will_next verb), in
        # its clause or an earlier one of the same subject (今年,省政府将突出重点、…,继续办好十件实事, n06)
        if forward_cue(text) or has("will", before):
            years = [t for t in times_in(before, find_time) if _spans_days(t, parsed.date, resolve)]
            if years:
                return _open(years[-1], parsed.date, resolve)
    return None


def template_year(parsed: ParsedDocument) -> str | None:
    """A template plan's placeholder year (我所20xx年的工作计划如下: / xx年是城乡环境综合整治的关键年):
    the plan year of a work plan, or of a document whose title names a plan, that names no real one."""
    if parsed.doc_type != "work_plan" and not has("title_plan", parsed.title or ""):
        return None
    for s in parsed.sentences[:TEMPLATE_REACH]:
        m = pattern("placeholder_year").search(s.text)
        if m:
            return m.group()
    return None


@dataclass
class Deadlines:
    """The deadline of each commitment of one document (``for_clause``)."""

    parsed: ParsedDocument
    find_time: Callable[[str], list[str]]
    resolve: Resolve

    def __post_init__(self):
        self.deployed = deployed_period(self.parsed, self.find_time, self.resolve)
        self.title_year = title_year(self.parsed, self.resolve) or lead_year(self.parsed, self.resolve)
        self.plan_year = dated_plan_year(self.parsed, self.resolve) or template_year(self.parsed)
        self._firsts: dict[int, int] = {}  # paragraph → index of its first sentence
        self._openings: dict[str, str | None] = {}  # sentence text → its opening time (_opening)
        for sentence in reversed(self.parsed.sentences):
            self._firsts[sentence.paragraph] = sentence.index

    def for_clause(self, clause: str, q0: int, q1: int, cand) -> str | None:
        """The deadline phrase of the quote ``clause[q0:q1]`` of candidate ``cand``: its own time,
        else the one opening its sentence, its passage's, its umbrella's, the period its story
        deploys, its title's plan year, else (in a plan passage) its document's plan year."""
        doc_date = self.parsed.date
        # The last of its own times: the first can name an object (及早制定2018年低保提标方案,力争7月份之前出台).
        own = next(reversed(self._own(clause, q0, q1)), None)
        scope = (cand.lead_time or self._opening(cand.sentence.text) or self._paragraph(cand)
                 or cand.passage.deadline_text or self._umbrella(cand) or self.deployed
                 or self.title_year or (self.plan_year if cand.passage.forward else None))
        if own and (self.resolve(own, doc_date) or not scope or not self.resolve(scope, doc_date)
                    or not _whole_year(own, self.resolve)):
            return own
        return scope  # 全年 in an undated list under 2026年省十件民生实事 is that year

    def _own(self, clause: str, q0: int, q1: int) -> list[str]:
        """The clause's own time phrases that can bound it: not a plan's name (2018年低保提标方案)
        and not a period over by the document date."""
        lead = pattern("basis_lead").sub("", clause[:q0])
        own = []
        for t in times_in(lead, self.find_time) + times_in(clause[q0:q1], self.find_time):
            if any(has("names_period", clause[m.end():]) for m in re.finditer(re.escape(t), clause)):
                continue
            if _open(t, self.parsed.date, self.resolve) is None:
                continue
            own.append(t)
        return own

    def _opening(self, text: str) -> str | None:
        """``opening_time`` of a sentence, found once per sentence: every clause of a sentence asks
        for its opening, and every sentence of a paragraph for the paragraph's first."""
        if text not in self._openings:
            found = opening_time(text, self.find_time, self.parsed.date, self.resolve)
            self._openings[text] = _open(found, self.parsed.date, self.resolve)
        return self._openings[text]

    def _paragraph(self, cand) -> str | None:
        """The opening time of its paragraph: of the paragraph's first sentence (2024年,市民政局…。
        夯实…,持续深化…), or of the second after a short heading sentence (（一）“十五五”发展目标。
        到2030年,…。主要目标包括:…). A later sentence's opening time (全年将新增…) is its own."""
        sentences = self.parsed.sentences
        i = cand.sentence.index
        first = self._firsts[cand.sentence.paragraph]
        if first == i:
            return None
        found = self._opening(sentences[first].text)
        if not found and first + 1 < i and len(sentences[first].text.strip()) <= HEADING_MAX:
            found = self._opening(sentences[first + 1].text)
        return found

    def _umbrella(self, cand) -> str | None:
        """The time opening the sentence of the umbrella its item hangs under."""
        if cand.passage.umbrella is None:
            return None
        return self._opening(self.parsed.sentences[cand.passage.umbrella].text)
