"""What the commitment, document and search pages show, built from store dicts and answers.

Pure functions; templates get plain values and escape them (every text here comes from a
document and is untrusted).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..export import WARNINGS, warning_of
from ..index.highlight import matched_spans

CHANNELS = {("dense",): "语义", ("lexical",): "词面", ("dense", "lexical"): "语义+词面"}
ROLES = {"host": "主持人", "official": "官员", "reporter": "记者", "other": "其他"}


def quote_in_sentence(text: str, sentence: dict, start: int, end: int) -> tuple[str, str, str]:
    """The sentence holding [start, end) cut into (before, quote, after) by the offsets into the
    document ``text``. A quote outside its sentence (a deadline from a section title) is shown
    after it."""
    s_start, s_end = sentence["start"], sentence["end"]
    if s_start <= start and end <= s_end:
        return text[s_start:start], text[start:end], text[end:s_end]
    return sentence["text"], text[start:end], ""


@dataclass(frozen=True)
class SentenceRow:
    index: int
    text: str
    speaker: str | None  # set on the first sentence of each speaker turn
    role: str | None
    linked: bool


def sentence_rows(doc: dict, linked: int | None) -> list[SentenceRow]:
    """Numbered sentences, each new speaker named once where their turn starts."""
    rows, previous = [], None
    for s in doc["sentences"]:
        speaker = s.get("speaker")
        rows.append(SentenceRow(s["idx"], s["text"], speaker if speaker != previous else None,
                                ROLES.get(s.get("role") or "", s.get("role")), s["idx"] == linked))
        previous = speaker
    return rows


# Where a metadata value is written in the raw text: a date in the forms pages use.
def _date_forms(iso: str) -> list[str]:
    y, m, d = iso.split("-")
    return [iso, f"{y}年{int(m)}月{int(d)}日", f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日"]


def _line_with(raw: str, needles: list[str]) -> tuple[int, str] | None:
    for number, line in enumerate(raw.splitlines(), start=1):
        if any(n and n in line for n in needles):
            return number, line.strip()
    return None


@dataclass(frozen=True)
class MetaField:
    name: str
    label: str
    value: str | None
    origin: str  # where the value came from, in words


META_LABELS = (("title", "标题"), ("publisher", "发布机构"), ("date", "日期"), ("index_no", "索引号"),
               ("doc_type", "文件类型"), ("region", "地区"), ("region_code", "区划代码"), ("level", "级别"),
               ("source", "来源"), ("url", "网址"))


def metadata_fields(doc: dict) -> list[MetaField]:
    """Each metadata field with where it came from: the raw-text line that states it, or the
    rule or table it was derived from."""
    raw = doc.get("raw_text") or ""
    fields = []
    for name, label_text in META_LABELS:
        value = doc.get(name)
        fields.append(MetaField(name, label_text, None if value is None else str(value), _origin(doc, name, value, raw)))
    return fields


def _origin(doc: dict, name: str, value, raw: str) -> str:
    if value in (None, ""):
        return "原文未写明"
    if name in ("source", "url"):
        return "导入时给出"
    if name == "region_code":
        return f"国家行政区划表中“{doc.get('region')}”的代码"
    if name == "level":
        return f"由区划代码 {doc.get('region_code') or '（无）'} 的层级得出"
    if name == "doc_type":
        return "由标题和正文的文种规则判断（ingest/data/doc_types.tsv）"
    if name == "region":
        return _region_origin(doc)
    needles = _date_forms(value) if name == "date" else [str(value)]
    found = _line_with(raw, needles)
    if found:
        return f"原文第 {found[0]} 行：{found[1][:80]}"
    return "由网页信息或站点名称推断"


# ingest/issuer.py records the evidence the region came from (documents.region_source,
# issuer.SOURCES); text and url are what documents ingested before 0.6.31 carry.
REGION_SOURCES = {"document": "取自公文标题的发文机关", "publisher": "取自发布机构“{publisher}”",
                  "title": "取自标题", "national": "标题或正文开头提到国家机关",
                  "source": "取自来源（媒体或网站）", "site": "取自网站名称、页脚主办单位或索引号",
                  "host": "由网址域名拼音推断", "path": "由网址中的乡镇栏目推断",
                  "opening": "取自正文开头", "mentions": "由正文提到的地名推断",
                  "text": "取自标题或正文开头", "url": "由网址推断（站点名称或域名拼音）"}


def _region_origin(doc: dict) -> str:
    template = REGION_SOURCES.get(doc.get("region_source") or "")
    if template:
        return template.format(publisher=doc.get("publisher") or "")
    return "由网页信息或站点名称推断"


@dataclass(frozen=True)
class AnswerRow:
    rank: int
    kind: str
    text: str
    pieces: list[tuple[str, bool]]  # the sentence, the question's words marked
    channels: str
    score: float
    hit: dict  # the answers-contract dict of the hit


def answer_groups(answer, hit_dict) -> list[tuple[str, list[AnswerRow]]]:
    """Answers grouped by region (best region first), each with why it matched."""
    from ..index import group_by_region

    groups = []
    for region, hits in group_by_region(answer.results).items():
        rows = [AnswerRow(h.rank, h.kind, h.text, matched_spans(h.sentence, answer.question),
                          CHANNELS.get(tuple(sorted(h.channels)), "+".join(h.channels)), h.score,
                          hit_dict(h)) for h in hits]
        groups.append((region, rows))
    return groups


def warning_label(record: dict) -> tuple[str, str] | None:
    """The 预警 the spreadsheet gives this commitment: (kind, label), or None."""
    kind = warning_of(record)
    return (kind, WARNINGS[kind][0]) if kind else None


def evidence_timeline(links: list[dict] | None) -> list[dict]:
    """Evidence in date order (undated last), each keeping its rank among the best matches."""
    ranked = [{**link, "rank": i + 1} for i, link in enumerate(links or [])]
    return sorted(ranked, key=lambda e: (e.get("date") is None, e.get("date") or "", e["rank"]))
