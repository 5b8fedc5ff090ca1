"""Question understanding and answers for ``duban ask``.

``parse_question`` reads the filters a supervision officer's question implies: places, a level
(临沂市各县 → counties under 临沂市), a period (今年 / 去年 / 2021年 against ``today``), and what
is being asked for (承诺 → commitments, 多少 → figures, 养老 → 养老服务), the last two as
preferences (see filters.py). ``ask`` runs it and searches; explicit flags override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from ..extract import cues
from ..lexicon import regions
from ..records import Hit, HitRecord, Region, to_dict
from .filters import Filters

_LEVELS = {"省": ("province",), "市": ("city",), "县": ("county",), "区": ("district",),
           "乡": ("township",), "镇": ("township",), "县区": ("county", "district"),
           "区县": ("county", "district"), "县市区": ("county", "city", "district")}
# 各县, 哪些区, 每个市, 所有县区, 县级, 县区 — a level word asked about, not a name (费县) or 全市.
_LEVEL_WORD = re.compile(r"(?:各|哪些|哪个|每个|所有|全部)(县市区|县区|区县|[省市县区乡镇])|(县区|区县)|([省市县区])级")
_FIGURE_WORDS = re.compile(r"多少|几个|几家|几处|几名|几成|标准|金额|比例|占比|数量|人数|资金|百分之|多大")
# Suffixes that may be dropped when a place is named in a question (临沂 for 临沂市).
_SUFFIXES = ("特别行政区", "自治州", "自治县", "自治区", "地区", "新区", "省", "市", "县", "区", "州", "盟", "旗")


@dataclass
class Answer:
    question: str
    filters: Filters
    results: list[Hit] = field(default_factory=list)
    partial: bool = False  # asked of an index whose last run did not finish (Index.incomplete)
    # Filters read from the question that left nothing and were relaxed (dates, regions), each
    # with the words a relaxed result must name instead.
    relaxed: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The ``answers`` contract of shared/spec/records.md, with ``partial`` and ``relaxed``."""
        return {"question": self.question, "filters": self.filters.to_dict(),
                "results": [hit_dict(h) for h in self.results], "partial": self.partial,
                "relaxed": self.relaxed}


def hit_dict(hit: Hit) -> dict:
    """One result: the Hit fields, and for a commitment or figure its record's fields."""
    out = to_dict(replace(hit, record=None))
    del out["record"]
    out["channels"] = list(hit.channels)
    for key, value in (to_dict(hit.record)["row"] if hit.record else {}).items():
        out.setdefault(key, value)
    return out


def hit_from_dict(data: dict) -> Hit:
    """The inverse of ``hit_dict``: the Hit fields, and the other keys as the record's."""
    names = set(Hit.__dataclass_fields__)
    hit = Hit(**{k: v for k, v in data.items() if k in names and k not in ("channels", "record")},
              channels=tuple(data.get("channels") or ()))
    if hit.kind == "sentence":
        return hit
    return replace(hit, record=HitRecord.of({"text": hit.text, **{k: v for k, v in data.items() if k not in names}}))


def answer_from_dict(data: dict) -> Answer:
    """An ``Answer`` from its JSON contract (``Answer.to_dict``)."""
    return Answer(question=data["question"], filters=Filters.from_dict(data.get("filters") or {}),
                  results=[hit_from_dict(h) for h in data.get("results") or []])


def group_by_region(hits: list[Hit]) -> dict[str, list[Hit]]:
    """Hits by region in order of each region's best hit; unknown regions under ""."""
    groups: dict[str, list[Hit]] = {}
    for hit in sorted(hits, key=lambda h: h.rank):
        groups.setdefault(hit.region or "", []).append(hit)
    return groups


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def find_regions(question: str, known: Iterable[str] = ()) -> tuple[list[str], str]:
    """Region names the question mentions, and the question with them blanked out.

    Names come from the gazetteer (``duban.lexicon.regions``, short names by its rules: 临沂 →
    临沂市) and from ``known`` (the names the index carries), full or without their suffix (宿迁 →
    宿迁市). A county's or district's short form alone is often a word (新建, 古城), so it counts
    only by the gazetteer's rules (its parent named nearby): the index carries 新建区 (南昌, in
    tests/real s04), and 丽江市古城区今年要新建多少座旅游厕所 was asked of 新建区 and answered
    from 江西省. A zone named after a division stands for that division (``regions.find_zones``):
    平潭综合实验区 asks about 平潭县, and its generic end (综合实验区) is no word of the question's
    topic; unread, 平潭综合实验区怎么发展海岛旅游 was answered by 实验区 and 旅游 sentences anywhere.
    """
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    for start, end, region in regions.find_mentions(question, short_names=True):
        if region is not None:
            names.append(region.name)
            spans.append((start, end))
    for start, end, region in regions.find_zones(question):
        if not any(s < end and start < e for s, e in spans):
            names.append(region.name)
            spans.append((start, end))
    for name in sorted(set(known), key=len, reverse=True):
        for form in dict.fromkeys((name, _stem(name) if _short_form_alone(name) else name)):
            for m in re.finditer(re.escape(form), question):
                if not any(s < m.end() and m.start() < e for s, e in spans):
                    names.append(name)
                    spans.append(m.span())
    blanked = list(question)
    for s, e in spans:
        blanked[s:e] = " " * (e - s)
    return list(dict.fromkeys(names)), "".join(blanked)


def _short_form_alone(name: str) -> bool:
    """Whether ``name`` may be written without its suffix in a question: a province, a city, or
    a name the gazetteer does not know. A name it knows twice is known: 新建区 (南昌) is two
    divisions since jionlp's change list merged 湾里区 into it, and read as unknown, its 新建 in
    北海市银海区要新建哪些中小学 asked about 新建区 too."""
    known = regions.named(name)
    return not known or all(r.level in ("province", "city") for r in known)


def parse_question(question: str, today: date, known_regions: Iterable[str] = ()) -> Filters:
    """The filters a question implies; ``today`` resolves 今年 / 去年 (never date.today())."""
    from ..extract.timex import find_times
    from ..extract.topics import topic_scores

    regions, rest = find_regions(question, known_regions)
    levels: list[str] = []
    for m in _LEVEL_WORD.finditer(rest):
        levels += _LEVELS[next(g for g in m.groups() if g)]
    periods = [(t.period_start, t.period_end) for t in find_times(rest, today) if t.period_end]
    prefer_units = []
    if cues.has("asks_commitment", rest):
        prefer_units.append("commitment")
    if _FIGURE_WORDS.search(rest):
        prefer_units.append("figure")
    scores = topic_scores(rest)
    return Filters(
        regions=tuple(regions), levels=tuple(dict.fromkeys(levels)),
        since=min((p[0] for p in periods if p[0]), default=None),
        until=max((p[1] for p in periods), default=None),
        prefer_units=tuple(prefer_units),
        prefer_topics=(max(scores, key=scores.get),) if scores else (),
    )


def ask(index, question: str, today: date, overrides: dict | None = None, k: int = 10,
        without: Iterable[str] = ()) -> Answer:
    """Parse ``question``, apply ``overrides`` (Filters field → value, from flags), search.

    ``without`` names Filters fields read from the question to clear before the overrides
    apply: a filter the reader removed (the web view's removable filters).
    """
    parsed = parse_question(question, today, index.region_names()).cleared(without)
    filters = parsed.merged(overrides)
    # A zone's name as written is a place word too (平潭综合实验区 is read as 平潭县): a sentence sharing
    # only 綦江高新区 with the question (tests/real x01's 重庆綦江高新技术产业开发区管理委员会) answers nothing.
    zones = tuple(question[s:e] for s, e, _ in regions.find_zones(question))
    results = index.search(question, filters, k, places=filters.regions + zones)
    relaxed: dict[str, list[str]] = {}
    # Metadata is imperfect (a document without a region, a 2022 plan published in 2021): a
    # region or a year read from the question that leaves nothing is relaxed, and a result of
    # the relaxed search must name it instead (see ``_names``). Flags are never relaxed. Each
    # filter alone goes first, then both: tests/real ad02, 西吉县's 2022 卫生健康 meeting, was filed
    # under 宁夏 (its publisher) before 18d9057, so the place left nothing, and relaxing the year
    # first would have asked its answers (打造五个县域医疗分中心) to name 2022年 as well.
    relaxable = _relaxable(parsed, overrides or {})
    tries = [[one] for one in relaxable] + ([relaxable] if len(relaxable) > 1 else [])
    texts = _DocumentTexts(index.store)
    places = [regions.resolve(name, question) or name for name in parsed.regions]
    for attempt in tries:
        if results:
            break
        relaxed = {",".join(fields): words for fields, words in attempt}
        filters = parsed.merged(overrides).cleared([f for fields, _ in attempt for f in fields])
        hits = index.search(question, filters, k * 5, places=parsed.regions + zones)
        results = [h for h in hits if all(_names(h, words, places, fields, texts) for fields, words in attempt)][:k]
    return Answer(question=question, filters=filters, results=_reranked(results), relaxed=relaxed)


def _relaxable(parsed: Filters, overrides: dict) -> list[tuple[tuple[str, ...], list[str]]]:
    """(filter fields, words a result must name) that may be relaxed: the period, the places."""
    out = []
    if (parsed.since or parsed.until) and not (overrides.get("since") or overrides.get("until")):
        years = range(parsed.since.year if parsed.since else parsed.until.year,
                      (parsed.until or parsed.since).year + 1)
        out.append((("since", "until"), [f"{y}年" for y in years]))
    if parsed.regions and not overrides.get("regions"):
        out.append((("regions", "levels"), [f for r in parsed.regions for f in dict.fromkeys((r, _stem(r)))]))
    return out


class _DocumentTexts:
    """Documents' texts, cleaned and as published (chrome included), each read from the store
    once per question, whichever filters were relaxed: tests/real j11 names 交城 only in its breadcrumb (交城动态)."""

    def __init__(self, store):
        self.store, self.texts = store, {}

    def __getitem__(self, document_id: str) -> str:
        if document_id not in self.texts:
            row = self.store.get_document(document_id)
            self.texts[document_id] = (row["text"] or "") + (row["raw_text"] or "")
        return self.texts[document_id]


def _names(hit: Hit, words: list[str], places: list[Region | str], fields: tuple[str, ...],
           texts: _DocumentTexts) -> bool:
    """Whether a result of a relaxed search names what was relaxed: its unit, sentence or title
    names the year (``words``) or the place (``_names_place``); for a place, also its document's
    text (_DocumentTexts) when its region does not contradict the question (unknown, or a division
    enclosing the place asked about). tests/real aa04, 黑山县's 常务会议 with no region in its
    metadata, names 黑山 once, in another sentence than those about 林木限采 and 补植补造."""
    own = " ".join(filter(None, (hit.text, hit.sentence, hit.title)))
    if "regions" not in fields:
        return any(w in own for w in words)
    if _names_place(own, places):
        return True
    return _encloses(hit.region, places) and _names_place(texts[hit.document_id], places)


def _names_place(text: str, places: list[Region | str]) -> bool:
    """Whether ``text`` names one of ``places`` by a whole name (``regions.names_place``: 环南昆山,
    a mountain in tests/real bc09, does not name 昆山市); a name the gazetteer cannot resolve
    (全国, or 普陀区 with no city beside it) as it is written."""
    return any(regions.names_place(text, p) if isinstance(p, Region) else p in text for p in places)


def _encloses(region: str | None, places: list[Region | str]) -> bool:
    """Whether a document filed under ``region`` may be about ``places``: no region, or one that
    encloses one of them (宁夏回族自治区 for 西吉县)."""
    if not region:
        return True
    return any(isinstance(p, Region) and region in (p.province, p.city, p.county) for p in places)


def _reranked(hits: list[Hit]) -> list[Hit]:
    return [replace(h, rank=i + 1) for i, h in enumerate(hits)]
