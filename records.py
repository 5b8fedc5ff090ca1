"""Plain records passed between stages.

ingest → ``RawDocument`` (bytes and where they came from) → ``ParsedDocument``
(clean text, metadata, sentences, speaker turns) → extract → ``Extraction``
(``Figure``, ``Commitment``, ``Mention``, ``TimeExpr``) → store → index ``Unit`` → ``Hit``.

Field names follow ../shared/spec/records.md. All offsets are 0-based Python
character offsets into ``ParsedDocument.text`` (the cleaned text), end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """Bytes as read from disk or the network, before any decoding."""

    source: str  # path or URL exactly as the user gave it (a file in a folder: its path)
    data: bytes
    url: str | None = None  # final URL after redirects, for web documents
    content_type: str | None = None  # HTTP Content-Type header, if any
    filename: str | None = None  # name used to sniff the format (path, or URL path)


@dataclass(frozen=True)
class Region:
    """One division of the national gazetteer (GB/T 2260 code)."""

    name: str  # full name with suffix: 费县, 临沂市, 山东省, 宝塔区
    code: str  # 6-digit code
    level: str  # province, city, county, district, township
    province: str | None = None
    city: str | None = None
    county: str | None = None


# A located row's region as flat fields (documents, figures, commitments, mentions, index units).
REGION_FIELDS = ("region", "region_code", "level", "province", "city", "county")
# A document's fields in the order of shared/spec/records.md (listings and the export).
DOCUMENT_FIELDS = ("id", "source", "title", "publisher", "date", "doc_type", *REGION_FIELDS, "n_chars")


def region_fields(region: Region | None) -> dict:
    """``REGION_FIELDS`` of a region, all None for none."""
    if region is None:
        return dict.fromkeys(REGION_FIELDS)
    return dict(zip(REGION_FIELDS, (region.name, region.code or None, region.level,
                                    region.province, region.city, region.county)))


def region_of(row: dict) -> Region | None:
    """The inverse of ``region_fields``: the region a row's fields name, None without a name."""
    if not row.get("region"):
        return None
    return Region(name=row["region"], code=row.get("region_code") or "", level=row.get("level") or "",
                  province=row.get("province"), city=row.get("city"), county=row.get("county"))


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    speaker: str | None = None  # the speaker of the turn holding this sentence
    role: str | None = None  # host, official, reporter


@dataclass(frozen=True)
class SpeakerTurn:
    speaker: str  # name or label as written (孙百迎, 市政府网站, 华商报记者, 问)
    role: str  # host, official, reporter, other
    start: int  # offset of the first character of what is said (after the label)
    end: int


@dataclass
class ParsedDocument:
    """A document after parsing and cleaning; the unit the store keeps."""

    source: str
    sha256: str  # of the raw bytes
    format: str  # txt, html, pdf, docx
    raw_text: str  # decoded text before cleaning (original script kept)
    text: str  # cleaned text, simplified script, the text all offsets refer to
    title: str | None = None
    publisher: str | None = None
    date: date | None = None
    index_no: str | None = None  # 索引号
    doc_type: str = "other"
    region: Region | None = None
    region_source: str = "unresolved"  # the evidence the region came from (ingest/issuer.py SOURCES)
    url: str | None = None
    encoding: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    turns: list[SpeakerTurn] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    spam: list[str] = field(default_factory=list)  # fragments removed as injected spam
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable id: the same bytes always give the same document."""
        return self.sha256[:16]


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None
    text: str


@dataclass(frozen=True)
class Mention:
    """A place named in the text, resolved against the gazetteer when possible."""

    text: str
    start: int
    end: int
    sentence_index: int
    region: Region | None


@dataclass(frozen=True)
class TimeExpr:
    text: str
    start: int
    end: int
    period_start: date | None
    period_end: date | None
    reason: str | None = None  # why there is no period (relative without a date, a part unread)


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    sentence_index: int
    value: float
    unit: str | None
    qualifier: str | None = None
    kind: str = "other"  # achieved, target, standard, other
    subject: str | None = None
    low: float | None = None  # lower end of a range (1-2名 → low 1, value 2)
    high: float | None = None  # upper end of a range, each end with its own scale (8000元到1.2万元)
    approx: bool = False  # a vague count read as a range: 数十亿元, 几百万, 上千
    baseline_of: int | None = None  # for 由A提高到B: A points at B's position in the list
    region: Region | None = None


@dataclass(frozen=True)
class Commitment:
    text: str
    start: int
    end: int
    sentence_index: int
    topic: str
    region: Region | None = None
    speaker: str | None = None
    quantity: Quantity | None = None
    deadline_text: str | None = None
    deadline: date | None = None
    status: str | None = None  # set by tracking (track/), or from a ledger's 进度状态 column
    origin: str = "extracted"  # extracted, or ledger (a row of an imported 台账)
    ledger_ref: str | None = None  # the 序号 as written in the imported file
    responsible: str | None = None  # 责任单位 / 牵头单位


STATUSES = ("met", "exceeded", "partly", "not_met", "no_evidence", "pending")
STATUS_LABELS = {"met": "已完成", "exceeded": "超额完成", "partly": "部分完成", "not_met": "未完成",
                 "no_evidence": "未见佐证", "pending": "未到期"}
DUE_STATES = ("overdue", "due_soon", "on_track", "none")


@dataclass(frozen=True)
class Evidence:
    """One later sentence checked against a commitment: what it reports and the verdict."""

    document_id: str
    sentence_index: int
    start: int  # offsets of ``text`` in the evidence document's cleaned text
    end: int
    sentence: str
    text: str  # the reported figure or phrase, else the sentence
    verdict: str  # met, exceeded, partly, not_met (a status it supports)
    reason: str  # in words: 报告 5650人，目标 5700人以上：未完成
    value: float | None = None
    unit: str | None = None
    score: float = 0.0  # retrieval score, for ordering


@dataclass(frozen=True)
class Progress:
    """序时进度: a reported share of the target against the share of the period elapsed."""

    reported: float  # percent of the target reported done
    expected: float  # percent of the period elapsed at the report's date
    state: str  # ahead, on_track, behind


@dataclass(frozen=True)
class Tracking:
    """What tracking concluded for one commitment."""

    status: str  # one of STATUSES
    reason: str
    due_state: str  # one of DUE_STATES
    evidence: list[Evidence] = field(default_factory=list)
    progress: Progress | None = None
    source: str = "auto"  # auto, manual, ledger


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    sentence_topics: list[str] = field(default_factory=list)  # one per sentence


@dataclass(frozen=True)
class Unit:
    """One thing the index finds: a sentence, a commitment or a figure (index/units.py).

    ``text`` is what an answer shows, ``search_text`` what both channels search; the rest is
    the document's metadata that filters read, flat (``day`` is YYYYMMDD as an int, 0 undated;
    empty strings where a value is missing, so the filter columns stay one type).
    """

    id: str
    unit: str  # sentence, commitment, figure
    document_id: str
    text: str
    sentence: str
    search_text: str
    sentence_index: int | None = None
    source: str | None = None
    title: str | None = None
    date: str | None = None
    doc_type: str = ""
    topic: str = ""
    kind: str = ""  # a figure's kind (achieved, target, standard, other)
    day: int = 0
    year: int = 0
    # The years the unit is about (index/years.py): its document's plan years and a commitment's
    # deadline, as one span; 0, 0 when none is named (the publication ``day`` still counts).
    plan_from: int = 0
    plan_to: int = 0
    region: str = ""
    region_code: str = ""
    level: str = ""
    province: str = ""
    city: str = ""
    county: str = ""
    record: HitRecord | None = None  # a commitment's or figure's record, with its whole store row


# The document metadata every unit carries, read with its sentences (Store.sentences_for_index).
UNIT_DOCUMENT_FIELDS = ("source", "title", "date", "doc_type", *REGION_FIELDS)


@dataclass(frozen=True)
class HitRecord:
    """The commitment or figure an index unit stands for and a search hit shows (``Unit.record``,
    ``Hit.record``).

    What answers print and rank by is typed here; ``row`` is the whole record as the store and the
    export give it (shared/spec/records.md), which ``ask --json`` and ``/api`` pass on unchanged.
    """

    row: dict
    text: str = ""
    quantity: Quantity | None = None  # a commitment's
    deadline_text: str | None = None
    deadline: str | None = None  # ISO
    value: float | None = None  # a figure's
    unit: str | None = None
    subject: str | None = None
    baseline_of: str | None = None  # the id of the figure this one is the starting value of

    @classmethod
    def of(cls, row: dict | None) -> HitRecord | None:
        """The typed record of a store row (None for none)."""
        if row is None:
            return None
        quantity = row.get("quantity")
        return cls(row=row, text=row.get("text") or "", quantity=Quantity(**quantity) if quantity else None,
                   **{f: row.get(f) for f in ("deadline_text", "deadline", "value", "unit", "subject", "baseline_of")})


@dataclass(frozen=True)
class Hit:
    """One search answer: a sentence, a commitment or a figure, with where it came from."""

    rank: int
    score: float
    kind: str  # commitment, figure, sentence
    text: str
    sentence: str
    document_id: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    region: str | None = None
    channels: tuple[str, ...] = ()  # dense, lexical
    record: HitRecord | None = None  # the commitment or figure, when kind is one of those
    sentence_index: int | None = None  # the sentence's number in its document, for links


def to_dict(record) -> dict:
    """A dataclass as JSON-ready dict (dates as ISO strings)."""

    def convert(value):
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        return value

    return convert(asdict(record))
