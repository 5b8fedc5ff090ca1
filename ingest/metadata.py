"""Document metadata: title, publisher, date, 索引号, doc_type and issuing region.

Fields are read from what the page states, in this order: the format's hints (HTML ``<meta>``),
the 政务公开 table and datelines of the raw text (索引号 / 发布机构 / 公开日期 / 发布时间 / 来源),
then the opening lines of the clean text. Nothing is guessed from the calendar: a date without
a year (seed 004: "6月30日") gives None (shared/gold/README.md, Metadata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..extract import regions
from ..records import Region
from .clean import normalize, to_simplified

__all__ = ["DOC_TYPES", "Metadata", "read_metadata"]

DOC_TYPES = ("interview", "press_conference", "work_report", "work_plan", "government_report",
             "notice", "news", "other")
DATA = Path(__file__).parent / "data"
_HEAD_LINES = 12  # the opening lines searched for a title, a date and the region


def _label(word: str) -> str:
    """A field label of the 政务公开 table, its characters possibly spaced out (索 引 号)."""
    return r"\s*".join(word)


def _field(*labels: str) -> re.Pattern:
    names = "|".join(_label(w) for w in labels)
    return re.compile(rf"(?:^|\s)(?:{names})\s*[:：]?\s*(?P<value>[^\s:：]+(?: [^\s:：]+)*)", re.M)


_INDEX_NO = re.compile(rf"{_label('索引号')}\s*[:：]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z/\-_.]*)")
# A title runs to the end of its line or to the next column of the table (two spaces): seed
# 000's 信息名称 holds a colon (市民政局局长孙百迎访谈:统筹谋划,…).
_TITLE_FIELDS = re.compile(
    rf"^\s*(?:{'|'.join(_label(w) for w in ('信息名称', '文件名称', '标题', '名称'))})\s*[:：]?\s*"
    r"(?P<value>\S.*?)(?:\s{2,}|$)", re.M)
_PUBLISHER_FIELDS = _field("发布机构", "发文机关", "发布单位", "信息来源", "来源")
# Date fields, most trusted first: the publication date of the page (g03 has 发文日期 2024-03-05
# and 公开日期 2024-03-07; gold takes the latter).
_DATE_FIELDS = [_field(*labels) for labels in (
    ("公开日期", "发布日期", "发布时间", "发表时间", "更新时间"),
    ("时间", "日期"),
    ("成文日期", "发文日期"),
)]
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)")
# An issuing body: a name ending in the word for a government office (临沂市民政局, 延安市人民政府
# 新闻办公室, 顺德区人民政府办公室). 陕新发布 (seed 002's 来源, a news account) is none.
_ORG = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|新闻办公室|办公厅)?|新闻办公室|"
                  r"[局厅委办署院部]|办公室|委员会|中心)")
_SENTENCE_END = re.compile(r"[。！？!?]$")


@dataclass
class Metadata:
    title: str | None = None
    publisher: str | None = None
    date: date | None = None
    index_no: str | None = None
    doc_type: str = "other"
    region: Region | None = None


@lru_cache(maxsize=1)
def _doc_type_rules() -> list[tuple[str, re.Pattern]]:
    rules = []
    for line in (DATA / "doc_types.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t", 1)
            rules.append((kind, re.compile(pattern.strip())))
    return rules


def _first(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group("value").strip() if m else None


def parse_date(text: str) -> date | None:
    """The first full date (2020-09-08, 2021年11月16日) in ``text``; None without a year."""
    for m in _DATE.finditer(text or ""):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


def _date(raw: str, head: str, hints: dict) -> date | None:
    if hints.get("date"):
        found = hints["date"] if isinstance(hints["date"], date) else parse_date(str(hints["date"]))
        if found:
            return found
    for pattern in _DATE_FIELDS:
        for m in pattern.finditer(raw):
            found = parse_date(m.group("value"))
            if found:
                return found
    return parse_date(head)


def _head(clean: str) -> list[str]:
    return [line.strip() for line in clean.splitlines() if line.strip()][:_HEAD_LINES]


def _is_org(text: str) -> bool:
    return bool(_ORG.fullmatch(text))


def _title(raw: str, lines: list[str], hints: dict) -> str | None:
    if hints.get("title"):
        return str(hints["title"]).strip()
    field = _first(_TITLE_FIELDS, raw)
    if field:
        return field
    for line in lines[:5]:
        # Not a bare site name (宿迁市民政局 heading seed 003), nor a sentence or a transcript
        # turn (seed 001 opens with 县政府网站:各位网友,大家好!…您好!).
        if _is_org(line) or _SENTENCE_END.search(line) or len(line) > 80:
            continue
        return line
    return None


def _publisher(raw: str, lines: list[str], title: str | None, hints: dict) -> str | None:
    found = hints.get("publisher") or _first(_PUBLISHER_FIELDS, raw)
    if found:
        found = found.split()[0]
    if found and not _is_org(found):
        found = None  # 来源:陕新发布 names a news account, not the issuer
    if found and found[0] in "省市县区":
        # 发布机构 市民政局 (seed 003): the site's heading line spells out whose 市.
        found = next((line for line in lines if _is_org(line) and line.endswith(found)), found)
    if found:
        return found
    m = _ORG.search(title or "")
    # 延安市人民政府新闻办公室 in seed 002's title; a name only if it starts with a region.
    return m.group() if m and regions.find_mentions(m.group()) else None


def _region_in(text: str) -> Region | None:
    """The issuing region a line names: the last of the first chain of adjacent names above
    township level (佛山市顺德区 → 顺德区), or a short name heading the line (沧州：…)."""
    chain: list[tuple[int, int, Region]] = []
    for start, end, region in regions.find_mentions(text):
        if region is None or region.level == "township":
            if chain:
                break
            continue
        if chain and start != chain[-1][1]:
            break
        chain.append((start, end, region))
    if chain:
        return chain[-1][2]
    head = re.match(r"([\u4e00-\u9fff]{2,4})[:：]", text)
    return regions.resolve(head.group(1)) if head else None


def _region(publisher: str | None, title: str | None, lines: list[str], hints: dict) -> Region | None:
    sources = [publisher, title, hints.get("site"), hints.get("publisher"), *lines]
    for text in sources:
        if text:
            found = _region_in(str(text))
            if found:
                return found
    return None


def _doc_type(title: str | None, raw: str, lines: list[str]) -> str:
    texts = [title] if title else []
    texts.append("\n".join(lines[:3]))
    for text in texts:
        for kind, pattern in _doc_type_rules():
            if pattern.search(text):
                return kind
    # A page with a byline or a news source is news (g06: （记者 李娜 通讯员 王海涛）).
    if re.search(r"记者\s*[\u4e00-\u9fff]{2,3}|通讯员|本报讯|来\s*源\s*[:：]", raw):
        return "news"
    return "other"


def read_metadata(raw_text: str, clean_text: str, hints: dict) -> Metadata:
    """Metadata of one document from its raw text, its cleaned text and the format's hints.

    ``hints`` may carry ``title``, ``date`` (ISO string or ``date``), ``publisher``, ``site``
    from HTML ``<meta>`` tags; they win over what the text says.
    """
    raw = to_simplified(normalize(raw_text or ""))
    lines = _head(clean_text)
    title = _title(raw, lines, hints)
    publisher = _publisher(raw, lines, title, hints)
    return Metadata(
        title=title,
        publisher=publisher,
        date=_date(raw, "\n".join(lines), hints),
        index_no=_first(_INDEX_NO, raw),
        doc_type=_doc_type(title, raw, lines),
        region=_region(publisher, title, lines, hints),
    )
