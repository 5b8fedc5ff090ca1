"""The plan/report model: what each sentence of a document is part of (``doc._.passages``).

One state machine, read by figures (a quantity in a plan is a target, in a problems part
neither achieved nor promised) and by commitments (an action in a plan is a promise), so the
two never read one sentence two ways. Per sentence a ``Passage`` gives:

- ``kind``: ``plan``, ``report``, ``problems`` (二、存在的突出问题) or ``question`` (a host's
  or reporter's turn);
- ``deadline_text``: the time phrase heading the plan passage (下半年, 2024年, “十四五”时期),
  the deadline of items that name none (shared/gold/README.md "Commitments");
- ``umbrella``: the index of the sentence whose list this one's items hang under (重点抓好10件
  民生实事: followed by (1)…(10)); the umbrella makes its items a plan and lends them its time.

How passages open: a whole work plan is a plan; a plan heading (下半年 / 下一步 / 2022年是… /
“十四五”时期 / 2024年主要工作) opens a plan when what follows promises something; an achievement
heading (今年以来 / 近年来 / …工作进展情况) opens a report, a problems heading a problems part;
an official's answer takes its passage from the question. Headings act at paragraph starts;
inside a paragraph a plan heading ends a report and 以来 / 年来 starts one. A sentence on the
present state (目前… / 截至…) inside a plan is a report, and the plan goes on after it (g05).
Every cue is a kind of ``lexicon/data/cues.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from ..records import ParsedDocument, Sentence
from .cues import forward_at, forward_cue, has, past_cue, pattern, prefix

SPACE = " \t\u3000\xa0\u2002\u2003\u2009\u200b"
END = "。！？!?"
TRIM = SPACE + ",，；;" + END + "：:、"
# How many sentences a heading looks ahead for the promise that makes it a plan heading;
# bounded so that a long paragraph stays linear.
HEADING_REACH = 6
HEADING_MAX = 30  # a heading or title line is short
LEAD_SENTENCES = 3  # a news story's lead: where a write-up names what it reports on
_CLAUSE_END = re.compile(r"[,，。；;：:]")  # where first_clause ends
_BRACKETED_END = re.compile(r"[（(][^）)]{1,8}[）)]$")  # 2024年主要工作（节选）: layout, not a cue


@dataclass(frozen=True)
class Passage:
    """What a sentence is part of: a plan, a report, a problems part or a question."""

    kind: str = "report"
    deadline_text: str | None = None
    umbrella: int | None = None  # sentence index of the umbrella its items hang under
    # The sentence's paragraph tells done work (已, 累计, 了 … in one of its sentences): a hint,
    # not a verdict (set by ``sentence_passages``; the clause model reads it, issue 10).
    done: bool = False

    @property
    def forward(self) -> bool:
        return self.kind == "plan"


def time_functions(parsed: ParsedDocument, find_time=None, resolve=None):
    """``find_time(text) -> [phrase]`` and ``resolve(phrase, date) -> (start, end) | None``,
    by default ``time_finder(parsed)`` and duban.extract.timex's ``resolve_period``."""
    if find_time is None or resolve is None:
        from .timex import resolve_period

        find_time = find_time or time_finder(parsed)
        resolve = resolve or resolve_period
    return find_time, resolve


def time_finder(parsed: ParsedDocument) -> Callable[[str], list[str]]:
    """``find_time`` for one document: duban.extract.timex's phrases of a text against the
    document date, each text's found once. The passage model, the clauses and the deadlines ask
    about the same sentences and clauses (a third of the asks, on the bench's documents); the
    memo lives as long as the document's extraction. The list returned is shared: read it only."""
    from .timex import find_times

    found: dict[str, list[str]] = {}

    def find_time(text: str) -> list[str]:
        phrases = found.get(text)
        if phrases is None:
            phrases = found[text] = [t.text for t in find_times(text, parsed.date)]
        return phrases

    return find_time


def first_clause(text: str) -> str:
    """A sentence's first clause, without an answer's courtesy, a frame attributing what follows
    (政府工作报告指出, / 会议强调,) and the list marker."""
    text = text.strip(TRIM)
    text = text[prefix("answer_courtesy", text):]
    text = text[prefix("attribution", text):]
    text = text[prefix("marker", text):]
    text = text[prefix("attribution", text):]  # 首先,景俊海总结道,过去五年,… (i02)
    cut = _CLAUSE_END.search(text)
    return text[:cut.start()] if cut else text


def times_in(text: str, find_time: Callable[[str], list[str]]) -> list[str]:
    """Time phrases that can bound a promise (not 两年多来, 今年以来)."""
    return [t for t in find_time(text) if not has("past_time", t)]


def is_title(sentence: str) -> bool:
    """A line short enough to be a heading and without final punctuation."""
    text = sentence.strip()
    return len(text) <= HEADING_MAX and text[-1:] not in END


def heading_passage(sentence: str, rest: str, find_time: Callable[[str], list[str]]) -> Passage | None:
    """The passage a sentence opens when it starts with a heading, else None.

    A plan heading opens a plan passage when ``rest`` (the sentence and what follows it in its
    paragraph) promises something; an achievement heading opens a report; a numbered heading
    naming problems (二、存在的突出问题) a problems part. ``find_time(text)`` lists the time
    phrases of a text that can head a plan.
    """
    # 《通知》提出,到2022年,…: the heading is what the cited document lays down, after the frame.
    frame = prefix("document_frame", sentence.strip(TRIM))
    first = _BRACKETED_END.sub("", first_clause(sentence.strip(TRIM)[frame:]))
    if has("heading_marker", sentence) and len(sentence.strip()) <= HEADING_MAX and has("problem_heading", first):
        return Passage("problems")
    if has("achievement_heading", first):
        return Passage("report")
    times = [t for t in times_in(first, find_time) if t != "下一步"]
    if _over_year(first, times):
        return Passage("report")  # 2025年是“十四五”收官之年 in a 2026 report: that year is over
    # 会议强调,要聚焦重点狠抓落实,…: a meeting's (or a speaker's) instructions lay out the issuer's
    # plan, and the bare actions after them in the paragraph are its items (y08).
    if has("deployment", sentence.strip(TRIM)) and forward_cue(first) and not past_cue(first):
        return Passage("plan", times[0] if times else None)
    # A newly issued document's content (方案提出,吉林将构建… / 《通知》明确,统筹规划…) is its issuer's
    # plan even in bare verb phrases: news of a plan document (ar12, ar15, ao09).
    if frame and not past_cue(first):
        return Passage("plan", times[0] if times else None)
    # 2020年街道下半年工作计划 2020年是…: a plan's title run into its text after a space heads it (aw11);
    # a space inside a sentence (今年分散供养标准年人均 2200 元, ag14) runs in no title.
    title = first.split(" ", 1)[0]
    if title != first and is_title(title) and has("plan_document", title) and not has("report_document", title):
        title_times = [t for t in times_in(title, find_time) if t != "下一步"]
        if not _only_time(title, title_times):
            return Passage("plan", title_times[0] if title_times else None)
    # A title line (三、2024年工作计划 / 2024年全市民政工作要点) heads what follows, not itself; a
    # title naming only a time (2023年 above a list of results, d13) must be followed by a promise.
    if is_title(sentence) and has("plan_heading", first) and not _only_time(first, times):
        return Passage("plan", times[0] if times else None)
    if not has("plan_heading", first) or past_cue(first):
        return None  # before the promise is looked for in ``rest``, several sentences long
    # 今年 also dates reports (今年,全县孤儿基本生活费…每人每月1600元): its own sentence must promise.
    promise = forward_cue(sentence) if first.startswith("今年") else forward_cue(rest) or has("plan_promise", rest)
    return Passage("plan", times[0] if times else None) if promise else None


def _over_year(first: str, times: list[str]) -> bool:
    """Whether a first clause opens on a year or a five-year period that ``times`` (its phrases
    that can head a plan) leave out: one over by the document date."""
    year = prefix("year_opening", first)
    head = first[:year].strip("“”\"")
    return bool(year) and not any(t.strip("“”\"").startswith(head) for t in times)


def _only_time(first: str, times: list[str]) -> bool:
    """Whether a heading's first clause is its time phrases and nothing else (2023年, 下半年)."""
    for t in times:
        first = first.replace(t, "")
    return not first.strip(TRIM + "“”\"")


def question_passage(question: str, find_time: Callable[[str], list[str]]) -> Passage:
    """The passage an official's answer to ``question`` opens (asked about plans or work done)."""
    for part in re.split(r"[,，。？?；;]", question):
        if has("question_plan", part):
            times = times_in(part, find_time)
            return Passage("plan", times[0] if times else None)
    if has("question_past", question):
        return Passage("report")
    return Passage("plan" if has("question_open", question) else "report")


def _nested(heading: Passage, outer: Passage, period: Callable[[str | None], tuple | None],
            title: bool = False) -> Passage:
    """A plan heading inside a plan passage keeps the outer time unless it names a narrower one:
    under 二、2024年主要工作 the paragraphs 一、主要目标 and 今年,我们将… stay 2024年, while
    下半年,… narrows it (shared/gold/README.md: the phrase heading the plan passage). A ``title``
    line naming a wider period opens a part of its own (三、“十五五”时期主要目标任务 after 二、2026年
    工作安排 in a 2026 report, a11)."""
    inner, outer_period = period(heading.deadline_text), period(outer.deadline_text)
    wider = inner and outer_period and inner[0] <= outer_period[0] and inner[1] >= outer_period[1]
    if outer.deadline_text and (not heading.deadline_text or wider and not (title and inner != outer_period)):
        return replace(heading, deadline_text=outer.deadline_text)
    return heading


def _present(passage: Passage, text: str, plan_time: Callable[[str], list[str]]) -> Passage:
    """目前全县60周岁以上老年人有9.1万人。 inside a plan reports the present, for itself only;
    so does a sentence opening on a year that is over (2023年,引进税收千万级以上项目156个,… in
    b21, a story of 2024-01-18 about the 2024 list)."""
    body = text.strip(TRIM)
    if passage.forward and (has("present_opening", body) or _reports_past_year(body, plan_time)) \
            and forward_at(body) == len(body):
        return replace(passage, kind="report")
    return passage


def _reports_past_year(text: str, plan_time: Callable[[str], list[str]]) -> bool:
    """A sentence opening on a year over by the document date, without a cue of anything still
    to come (将, 要, 计划, 目标 …): it tells that year's results."""
    body = text.strip(TRIM)
    first = first_clause(body)
    return _over_year(first, times_in(first, plan_time)) and forward_at(body) == len(body)


def sentence_passages(parsed: ParsedDocument, find_time=None, resolve=None) -> list[Passage]:
    """The ``Passage`` of every sentence of ``parsed``, in order."""
    find_time, resolve = time_functions(parsed, find_time, resolve)
    paragraphs: dict[int, list[Sentence]] = {}
    for s in parsed.sentences:
        paragraphs.setdefault(s.paragraph, []).append(s)
    openings = {  # the first sentence of each paragraph that is not a courtesy (好的。)
        n: next((x.index for x in p if not has("courtesy", x.text.strip(TRIM))), None)
        for n, p in paragraphs.items()
    }

    def period(phrase: str | None):
        return resolve(phrase, parsed.date) if phrase else None

    def plan_time(text: str) -> list[str]:
        """Time phrases that can head a plan: not periods over by the document date."""
        periods = [(t, period(t)) for t in find_time(text)]
        return [t for t, p in periods if not (p and parsed.date and p[1] < parsed.date)]

    base = passage = Passage("plan" if _all_plan(parsed) else "report")
    question: list[str] = []
    previous_para = None
    framed = False  # the passage was opened by a document frame (《通知》提出,): it ends with its paragraph
    out: list[Passage] = []
    for s in parsed.sentences:
        if s.role in ("host", "reporter"):
            question.append(s.text)
            out.append(Passage("question"))
            continue
        if question:
            base = passage = question_passage("".join(question), plan_time)
            question = []
        paragraph = paragraphs[s.paragraph]
        if s.paragraph != previous_para:
            previous_para = s.paragraph
            # A report inside a plan answer ends here, and so does a frame's plan.
            if framed or not passage.forward and base.forward:
                passage, framed = base, False
        at = s.index - paragraph[0].index
        # What a heading promises follows it: in its paragraph, or after a title line on its own.
        after = parsed.sentences[s.index:s.index + HEADING_REACH] if is_title(s.text) else paragraph[at:at + HEADING_REACH]
        rest = "".join(x.text for x in after)
        heading = heading_passage(s.text, rest, plan_time)
        if heading and (s.index == openings[s.paragraph] or heading.forward != passage.forward and (
                heading.forward or has("since", first_clause(s.text)))):
            passage = _nested(heading, passage, period, is_title(s.text)) if passage.forward else heading
            # A story quoting a draft (o11) goes on in its own words: the frame opens one paragraph only.
            framed = not base.forward and prefix("document_frame", s.text.strip(TRIM)) > 0
            if is_title(s.text) and has("achievement_heading", first_clause(s.text)):
                base = passage  # 2018年工作回顾 titles a review part of a plan: it goes on past its line (ar02)
        out.append(_present(passage, s.text, plan_time))
        if not base.forward and has("plan_declaration", s.text.strip(SPACE)):
            base = passage = Passage("plan")  # 现提出如下意见。: what follows is the plan (u09, z07)
    out = _umbrellas(parsed, _tagged_items(parsed.sentences, out), plan_time)
    done = {n for n, p in paragraphs.items() if any(past_cue(x.text) for x in p)}
    return [replace(q, done=s.paragraph in done) for s, q in zip(parsed.sentences, out)]


def _tagged_items(sentences: list[Sentence], passages: list[Passage]) -> list[Passage]:
    """一、提高…水平。城乡居民…增加5元…。(区人社局、卫生局、民政局负责) 二、…: items that each end on
    the units answering for them are tasks assigned, a plan, even in a news story with no plan
    word (j06). Only a document with two tags or more is read so: one tag may gloss a report."""
    tags = [pattern("duty_tag").search(s.text) for s in sentences]
    if sum(1 for m in tags if m) < 2:
        return passages
    out, item = list(passages), []  # item: the sentences since the last tag
    for i, (s, m) in enumerate(zip(sentences, tags)):
        if m is None:
            item.append(i)
            continue
        ends_here = s.text[:m.start()].strip(SPACE) != ""  # …统筹。(区人社局负责) / (区农办负责) 三、…
        for j in item + ([i] if ends_here else []):
            if out[j].kind == "report":
                out[j] = replace(out[j], kind="plan")
        item = [] if ends_here and not s.text[m.end():].strip(SPACE) else [i]
    return out


def _all_plan(parsed: ParsedDocument) -> bool:
    """A work plan is a plan from its first line; so is a government report with no achievement
    heading anywhere (a newspaper's continuation page of the report's plan part, k11, k14: its
    review, 过去一年 / 一年来 / 工作回顾, is on another page), and a write-up whose lead cites a
    report (政府工作报告指出,2018年是…, i01) with no achievement heading: it tells the report's plan."""
    if parsed.doc_type == "work_plan":
        return True
    cites = any(has("report_citation", s.text) for s in parsed.sentences[:LEAD_SENTENCES])
    return (parsed.doc_type == "government_report" or cites) and not any(
        has("achievement_heading", first_clause(s.text)) for s in parsed.sentences)


def announces_plan(text: str) -> bool:
    """重点抓好10件民生实事: / 下一步,我们将: / 今年发展主要预期目标是: — a line or clause
    announcing the items of a plan after its colon."""
    body = text.strip(SPACE)
    return _announces(body) and (has("umbrella_plan", body) or has("target_word", body) or forward_cue(body))


def _announces(body: str) -> bool:
    return has("umbrella_end", body) and not past_cue(body)


def _is_umbrella(text: str, passage: Passage) -> bool:
    """An umbrella line: announcing a plan, any list inside a plan passage, or the title of a
    实事 list (2026年省十件民生实事, the annex of a 政府工作报告)."""
    body = text.strip(SPACE)
    if passage.kind in ("question", "problems"):
        return False
    if is_list_title(body):
        return True
    return _announces(body) and (passage.forward or announces_plan(body))


def is_list_title(body: str) -> bool:
    """2026年省十件民生实事 / 2023年民生实事项目: the title line of a 实事 list."""
    body = body.strip(SPACE)
    return is_title(body) and has("umbrella_title", body) and not past_cue(body)


def heads_items(text: str) -> bool:
    """An umbrella whose numbered items are the promises themselves: a 实事 list's title line, or a
    sentence naming how many 实事 it will do (its items stay even when details follow them)."""
    return is_list_title(text.strip(SPACE)) or has("umbrella_count", text)


def items_intro(text: str) -> int:
    """Length of an opening that announces the items after it (分别是: / 具体包括:), else 0."""
    return prefix("items_intro", text.strip(SPACE))


def _counts_list(sentences: list[Sentence], i: int, passage: Passage, plan_time) -> bool:
    """重点抓好15件大事和民生实事。分别是: (1)… / …表决县政府2025年度十件民生实事项目 一、… — a
    sentence naming how many 实事 or 工程 it will do, or a year's count of them, followed by the
    numbered list, is an umbrella without a colon of its own."""
    text = sentences[i].text
    if passage.kind in ("question", "problems") or i + 1 >= len(sentences):
        return False
    if not has("umbrella_count", text) or past_cue(pattern("announced_list").sub("", text)):
        return False
    if not (passage.forward or forward_cue(text) or times_in(_count_clause(text), plan_time)):
        return False
    nxt = sentences[i + 1].text.strip(SPACE)
    return _marker_style(nxt[items_intro(nxt):]) is not None


def _count_clause(text: str) -> str:
    """The clause of ``text`` that names the count of 实事 (umbrella_count)."""
    return next((c for c in re.split(r"[,，；;。]", text) if has("umbrella_count", c)), "")


def _marked_items(sentences: list[Sentence], j: int) -> list[int]:
    """The numbered items from sentence ``j`` on: sentences opening with the first item's kind of
    marker, the unnumbered sentences of an item's own paragraph, and the one paragraph detailing an
    item whose line is a heading (一、2025年村内基础设施提升工程 ⏎ 在17个乡镇…, h11); any other
    paragraph, or a marker of another kind, ends the list."""
    first = sentences[j].text.strip(SPACE)
    style = _marker_style(first[items_intro(first):])
    heading = is_title(first)
    items = []
    for k in range(j, len(sentences)):
        s = sentences[k]
        if s.role in ("host", "reporter") or has("achievement_heading", first_clause(s.text)):
            break  # 首先,景俊海总结道,过去五年,…: a review, not the counted items (i02)
        mark = _marker_style(s.text) if k > j else None
        if mark is not None:
            if mark != style:
                break
            heading = is_title(s.text)
        elif k > j and s.paragraph != sentences[k - 1].paragraph:
            if not heading or is_title(s.text):
                break
            heading = False
        items.append(k)
    return items


def _marker_style(text: str) -> str | None:
    """The shape of a list marker ((1) and (2) alike, (一) apart), None without one."""
    body = text.strip(SPACE)
    n = prefix("marker", body)
    if not n:
        return None
    return re.sub(r"\d+", "9", re.sub(r"[一二三四五六七八九十]+", "十", body[:n]))


def _umbrellas(parsed: ParsedDocument, passages: list[Passage], plan_time) -> list[Passage]:
    """Items under an umbrella line become plan items with its time: the rest of its
    paragraph, else the following paragraphs that open with the same kind of list marker."""
    out = list(passages)
    sentences = parsed.sentences
    for i, s in enumerate(sentences):
        counted = _counts_list(sentences, i, passages[i], plan_time)
        if not (counted or _is_umbrella(s.text, passages[i])):
            continue
        # A counted list takes the time of the clause that counts (今年河南将重点办好10件民生实事),
        # not an event's date opening the sentence (12月26日上午,…).
        own = times_in(_count_clause(s.text) if counted else first_clause(s.text), plan_time)
        deadline = own[0] if own else passages[i].deadline_text
        items = _marked_items(sentences, i + 1) if counted else _items(
            sentences, i, details=is_list_title(s.text.strip(SPACE)))
        for j in items:
            if out[j].kind != "question" and not _reports_past_year(sentences[j].text, plan_time):
                out[j] = Passage("plan", deadline, i)
    return out


def _items(sentences: list[Sentence], i: int, details: bool = False) -> list[int]:
    """The sentences an umbrella at ``i`` covers: the rest of its paragraph, else the following
    paragraphs that open with the same kind of list marker; with ``details`` (a list title) also
    the unnumbered paragraphs detailing each item, up to the next title line (附件2)."""
    paragraph = sentences[i].paragraph
    same = [j for j in range(i + 1, min(len(sentences), i + 1 + HEADING_REACH * 4))
            if sentences[j].paragraph == paragraph]
    if same:
        return same
    lines = _line_items(sentences, i + 1)
    if lines:
        return lines
    items, style, current = [], None, None
    for j in range(i + 1, len(sentences)):
        s = sentences[j]
        if s.role in ("host", "reporter"):
            break
        if s.paragraph != current:  # a paragraph opens: it must open like the first item
            current = s.paragraph
            mark = _marker_style(s.text)
            if mark is None and not (details and style is not None and not is_title(s.text)):
                if style is None and details:  # the list's preamble (坚持民生为大，…办好十件民生实事)
                    items.append(j)
                    continue
                break
            if mark is not None and style is not None and mark != style:
                break
            style = style or mark
        items.append(j)
    return items


def _line_items(sentences: list[Sentence], j: int) -> list[int]:
    """这八件民生实事项目是: ⏎ 完成城镇老旧小区改造项目(三期); ⏎ …; ⏎ 实施…项目。 (r11): an unnumbered
    list of one line per item, each a paragraph of one sentence closed by ；, the last by 。 or
    nothing; an empty list unless two such lines open at ``j``."""
    items = []
    for k in range(j, len(sentences)):
        s = sentences[k]
        alone = (k + 1 == len(sentences) or sentences[k + 1].paragraph != s.paragraph) and (
            sentences[k - 1].paragraph != s.paragraph)
        if not alone or s.role in ("host", "reporter") or _marker_style(s.text) is not None:
            break
        items.append(k)
        if s.text.rstrip(SPACE)[-1:] not in "；;":
            break
    return items if len(items) >= 2 else []
