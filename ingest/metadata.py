"""Document metadata: title, publisher, date, 索引号, doc_type and issuing region.

Fields are read from what the page states, in this order: the format's hints (HTML ``<meta>``),
the 政务公开 table and datelines of the raw text (索引号 / 发布机构 / 公开日期 / 发布时间 / 来源),
then the opening lines of the clean text. The title, the date and the doc_type have their own
readers (title.py, dates.py, doctype.py); this module reads the rest and puts them together.

The issuing region is ingest/issuer.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lexicon import regions
from . import fields
from .dates import SIGNATURE_DATE, read_date
from .doctype import DOC_TYPES, read_doc_type
from .issuer import NATIONAL_BODY, OFFICE, RELATIVE, is_org, issuing_region, opens_with_region, page_region
from ..records import Region
from .clean import prepare
from .title import SENTENCE_END, TITLE_MAX, read_title

__all__ = ["DOC_TYPES", "Metadata", "read_metadata"]

_HEAD_LINES = 12  # the opening lines searched for a title, a date and the region
_SHAPED_LINES = 20  # the opening lines searched for a heading of the document-title shape

# 索引号: | 4311000025/2023-03069 | (a table flattened with bars, tests/real u05).
_INDEX_NO = re.compile(rf"{fields.label('索引号')}\s*[:：]?\s*(?:\|\s*)?(?P<value>[0-9A-Za-z][0-9A-Za-z/\-_.]*)")
# 作者 names a person as often as an office (作者:县民政局, tests/data/unseen u11): only the first
# value that is an office counts.
_PUBLISHER_FIELDS = fields.field("发布机构", "发文机关", "发布单位", "信息来源", "来源", "作者")
_SIGNATURE_CHARS = 400
# The end of the last line holding a Chinese character (what follows is a translation or blank).
_LAST_HAN_LINE = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff\n]*(?=\n[^\u4e00-\u9fff]*\Z|\Z)")
# Markdown front matter of a collected article: ---\ntitle: '…'.
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?:.*\n){0,40}?---[ \t]*\n")


@dataclass
class Metadata:
    title: str | None = None
    publisher: str | None = None
    date: date | None = None
    index_no: str | None = None
    doc_type: str = "other"
    region: Region | None = None
    region_source: str = "unresolved"  # the evidence that decided (issuer.SOURCES)


def _head(clean: str, n: int = _HEAD_LINES) -> list[str]:
    """The opening lines, after a collected article's front matter (its fields are read from
    the raw text: tests/real a09 opens with 11 lines of it)."""
    clean = _FRONT_MATTER.sub("", clean, count=1)
    return [line.strip() for line in clean.splitlines() if line.strip()][:n]


def _header(lines: list[str]) -> list[str]:
    """The opening lines above the body: up to the first sentence or over-long line."""
    header = []
    for line in lines:
        if SENTENCE_END.search(line) or len(line) > TITLE_MAX:
            break
        header.append(line)
    return header


def _publisher(raw: str, clean: str, lines: list[str], title: str | None, hints: dict,
               page: Region | None) -> str | None:
    # 来源:陕新发布 (seed 002) names a news account, 作者:李娜 a person, not the issuer.
    values = [hints.get("publisher") or ""] + [m["value"] for m in _PUBLISHER_FIELDS.finditer(raw)]
    found = next((v.split()[0] for v in values if v.strip() and _is_issuer(v.split()[0])), None)
    if found:
        return _spelled_out(found, lines, page)
    signed = _signature(clean)
    if signed:
        return signed
    m = OFFICE.search(title or "")
    # 延安市人民政府新闻办公室 in seed 002's title; a name only if it starts with a region.
    return m.group() if m and regions.find_mentions(m.group()) else None


def _signature(clean: str) -> str | None:
    """The office signing a letter at its end, over the date: a reply to 建议 about 双台子区
    signed 盘山县交通运输局 / 2022年5月25日 is the bureau's (tests/real h09). A translation after it
    (a notice in Chinese, then in Tibetan: 达孜区住房和城乡建设局 / 2024年10月18日 / ༄༅།།…, ao11) is
    not the end of the Chinese text. A national body signs so too (国务院法制办公室 / 2017年4月25日 under a
    call for comments giving 北京市2067信箱 as its address, aw15)."""
    last = _LAST_HAN_LINE.search(clean)
    if last is None:
        return None
    tail = [line.strip() for line in clean[max(0, last.end() - _SIGNATURE_CHARS):last.end()].splitlines()
            if line.strip()][-4:]
    for above, below in zip(tail, tail[1:]):
        if SIGNATURE_DATE.fullmatch(below) and is_org(above) and (opens_with_region(above) or NATIONAL_BODY.match(above)):
            return above
    return None


def _is_issuer(value: str) -> bool:
    """An office, or a 街道/镇/乡 named alone in a publisher field (发布机构: 暨阳街道): a
    township's pages name their 办事处 so."""
    if is_org(value):
        return True
    found = regions.find_mentions(value)
    return len(found) == 1 and found[0][:2] == (0, len(value)) and bool(found[0][2]) \
        and found[0][2].level == "township"


def _spelled_out(found: str, lines: list[str], page: Region | None) -> str:
    """A publisher written relative to its site (市民政局, 县民政局) with the site's region.

    Seed 003's heading line 宿迁市民政局 spells out 发布机构 市民政局; otherwise the region the
    page belongs to does when its name ends the same way (作者:县民政局 on 恭城瑶族自治县's site).
    """
    prefix = next((p for p in RELATIVE if found.startswith(p)), None)
    if prefix is None:
        return found
    heading = next((line for line in lines if is_org(line) and line.endswith(found)), None)
    if heading:
        return heading
    return page.name + found[len(prefix):] if page and page.name.endswith(prefix) else found


def doc_type_inputs(raw_text: str, clean_text: str, hints: dict,
                    prepared: str | None = None) -> tuple[str | None, str, list[str]]:
    """The title, the prepared raw text and the opening lines of the clean text: what the
    doc_type is read from (doctype.py), and the rest of the metadata from beside them."""
    raw = prepared if prepared is not None else prepare(raw_text or "")[0]
    shaped = _head(clean_text, _SHAPED_LINES)
    return read_title(raw, shaped, hints), raw, shaped[:_HEAD_LINES]


def read_metadata(raw_text: str, clean_text: str, hints: dict, prepared: str | None = None) -> Metadata:
    """Metadata of one document from its raw text, its cleaned text and the format's hints.

    ``hints`` may carry ``title``, ``date`` (ISO string or ``date``), ``publisher``, ``site``
    from HTML ``<meta>`` tags; they win over what the text says. ``prepared`` is the raw text
    already through ``clean.prepare`` (``Cleaned.prepared``), so that parsing prepares it once.
    """
    title, raw, lines = doc_type_inputs(raw_text, clean_text, hints, prepared)
    index_no = fields.first(_INDEX_NO, raw)
    page = page_region(_header(lines), hints, raw, index_no)
    publisher = _publisher(raw, clean_text, lines, title, hints, page)
    region, region_source = issuing_region(publisher, title, lines, hints, page, clean_text)
    return Metadata(
        title=title,
        publisher=publisher,
        date=read_date(raw, "\n".join(lines), hints, title),
        index_no=index_no,
        doc_type=read_doc_type(title, raw, lines),
        region=region,
        region_source=region_source,
    )
