"""The structured database: SQLAlchemy Core tables, one transaction per document.

The only module that imports sqlalchemy. SQLite by default (``<data>/duban.db``);
any SQLAlchemy URL works (``postgresql+psycopg://user@host/duban``).
Rows leave this module as plain dicts whose keys follow shared/spec/records.md.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from .errors import InputError, StoreError
from .records import (
    DOCUMENT_FIELDS,
    REGION_FIELDS,
    UNIT_DOCUMENT_FIELDS,
    Extraction,
    ParsedDocument,
    Sentence,
    SpeakerTurn,
    region_fields,
    region_of,
    to_dict,
)

SCHEMA_VERSION = 4  # 2: tracking (commitment status columns, evidence, status_history); 3: region_source; 4: figures.high, .approx

metadata = sa.MetaData()

_REGION_TYPES = {"region_code": sa.String(12), "level": sa.String(16)}  # the others are Text


def _region_columns() -> list[sa.Column]:
    """The ``REGION_FIELDS`` columns, the same on every located table."""
    return [sa.Column(f, _REGION_TYPES.get(f, sa.Text)) for f in REGION_FIELDS]


def _span_columns() -> list[sa.Column]:
    """The columns of a record found in a document's text (figures, commitments, mentions): its
    id, its document, its text and where it stands (offsets into the clean text, sentence)."""
    return [
        sa.Column("id", sa.String(48), primary_key=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), index=True),
        sa.Column("text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("sentence_index", sa.Integer),
    ]


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("url", sa.Text),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("format", sa.String(16)),
    sa.Column("encoding", sa.String(32)),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("index_no", sa.Text),
    sa.Column("doc_type", sa.String(32)),
    *_region_columns(),
    sa.Column("region_source", sa.String(16)),
    sa.Column("n_chars", sa.Integer),
    sa.Column("raw_text", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("spam", sa.JSON),
    sa.Column("warnings", sa.JSON),
    sa.Column("paragraphs", sa.JSON),
    sa.Column("ingested_at", sa.String(32)),
    sa.Column("extracted_with", sa.String(32)),  # extractor version, null until extracted
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("text", sa.Text),
    sa.Column("paragraph", sa.Integer),
    sa.Column("speaker", sa.Text),
    sa.Column("role", sa.String(16)),
    sa.Column("topic", sa.String(16)),
)

turns = sa.Table(
    "turns",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("speaker", sa.Text),
    sa.Column("role", sa.String(16)),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
)


figures = sa.Table(
    "figures",
    metadata,
    *_span_columns(),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("approx", sa.Boolean),
    sa.Column("unit", sa.Text),
    sa.Column("qualifier", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("subject", sa.Text),
    sa.Column("baseline_of", sa.String(48)),
    *_region_columns(),
)

commitments = sa.Table(
    "commitments",
    metadata,
    *_span_columns(),
    sa.Column("topic", sa.String(16)),
    sa.Column("speaker", sa.Text),
    sa.Column("quantity_value", sa.Float),
    sa.Column("quantity_unit", sa.Text),
    sa.Column("quantity_text", sa.Text),
    sa.Column("deadline_text", sa.Text),
    sa.Column("deadline", sa.String(10)),
    sa.Column("status", sa.String(16)),
    sa.Column("origin", sa.String(16)),
    sa.Column("ledger_ref", sa.Text),
    sa.Column("responsible", sa.Text),
    sa.Column("status_source", sa.String(16)),
    sa.Column("status_reason", sa.Text),
    sa.Column("due_state", sa.String(16)),
    sa.Column("progress", sa.JSON),
    *_region_columns(),
)

# The evidence of the latest tracking run: replaced per commitment, best first (rank 0).
evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("commitment_id", sa.String(48), primary_key=True),
    sa.Column("rank", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), index=True),
    sa.Column("sentence_index", sa.Integer),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("sentence", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("verdict", sa.String(16)),
    sa.Column("reason", sa.Text),
    sa.Column("score", sa.Float),
)

# Append-only: every status a commitment has had, when, and from what. Keyed by the
# commitment's document and text as well as its id, so a manual status finds its commitment
# again after re-extraction renumbers the ids.
status_history = sa.Table(
    "status_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("commitment_id", sa.String(48), index=True),
    sa.Column("document_id", sa.String(32), index=True),
    sa.Column("commitment_text", sa.Text),
    sa.Column("at", sa.String(32)),
    sa.Column("status", sa.String(16)),
    sa.Column("source", sa.String(16)),  # auto, manual, ledger
    sa.Column("reason", sa.Text),
    sa.Column("evidence_document_id", sa.String(32)),
    sa.Column("by", sa.Text),
    sa.Column("note", sa.Text),
)

mentions = sa.Table(
    "mentions",
    metadata,
    *_span_columns(),
    *_region_columns(),
)

# Quarantine: documents a stage gave up on (over its budget, or it failed), with the reason.
# They are skipped by later runs until ``duban extract --retry-failed``; a new table, so older
# databases gain it on their next read-write opening without a schema change.
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.String(32)),
)

# Inputs set aside before they became documents (parsing ran over its budget), by the hash of
# their bytes: a later ingest of the same bytes skips them at once, until ``--retry-failed``.
set_aside_inputs = sa.Table(
    "set_aside_inputs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.String(32)),
)

meta_table = sa.Table(
    "duban_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text),
)

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A duban database at a SQLAlchemy URL.

    ``read_only=True`` (the commands that only read) opens an existing SQLite file read-only,
    so a read-only data directory can still be listed, queried and exported; the schema is
    then checked, never created.
    """

    def __init__(self, url: str, read_only: bool = False):
        self.url = url
        path = Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None
        self.read_only = read_only and path is not None and path.is_file()
        if path is not None and not self.read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(str(path.parent), f"cannot create the data directory ({exc.strerror})") from exc
        try:
            if self.read_only:
                self.engine = _read_only_sqlite(path)
            else:
                self.engine = sa.create_engine(url, future=True)
                if self.engine.dialect.name == "sqlite":
                    sa.event.listen(self.engine, "connect", _sqlite_pragmas)
                metadata.create_all(self.engine)
            self._check_schema()
        except (sa_exc.SQLAlchemyError, ValueError) as exc:
            raise _store_error(url, exc, "cannot open database") from exc

    # -- plumbing -------------------------------------------------------------------------
    def _check_schema(self) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema")).first()
            if row is None and self.read_only:
                raise StoreError(_safe_url(self.url), "not a duban database (no schema version)")
            if row is None:
                conn.execute(meta_table.insert().values(key="schema", value=str(SCHEMA_VERSION)))
            elif row[0] != str(SCHEMA_VERSION):
                raise StoreError(
                    _safe_url(self.url),
                    f"schema version {row[0]}, this duban expects {SCHEMA_VERSION}; use a new --data-dir",
                )

    def _begin(self):
        return _Transaction(self)

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """A connection for reading; database errors become one ``StoreError`` with the fix.

        ``ValueError`` covers what a damaged file yields past SQLite's own checks: a JSON
        column that no longer parses, text that is no longer UTF-8.
        """
        try:
            with self.engine.connect() as conn:
                yield conn
        except (sa_exc.SQLAlchemyError, ValueError) as exc:
            raise _store_error(self.url, exc) from exc

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ------------------------------------------------------------------------
    def save_document(self, doc: ParsedDocument) -> tuple[str, bool]:
        """Store a parsed document; returns (id, created). Same bytes → same id, no change.

        A source whose content changed is stored as a new document with version + 1. Another
        process storing the same bytes at the same moment wins the race; this one then reports
        the document as already there, not as an error.
        """
        try:
            return self._insert_document(doc)
        except StoreError as exc:
            if not isinstance(exc.__cause__, sa_exc.IntegrityError):
                raise
            with self._reading() as conn:
                existing = conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == doc.sha256)).first()
            if existing is None:
                raise
            return existing[0], False

    def _insert_document(self, doc: ParsedDocument) -> tuple[str, bool]:
        with self._begin() as conn:
            existing = conn.execute(
                sa.select(documents.c.id).where(documents.c.sha256 == doc.sha256)
            ).first()
            if existing is not None:
                return existing[0], False
            previous = conn.execute(
                sa.select(sa.func.max(documents.c.version)).where(documents.c.source == doc.source)
            ).scalar()
            conn.execute(documents.insert(), dict(  # parameters, not .values(): compiled once
                id=doc.id, source=doc.source, url=doc.url, sha256=doc.sha256,
                version=(previous or 0) + 1, format=doc.format, encoding=doc.encoding,
                title=doc.title, publisher=doc.publisher,
                date=doc.date.isoformat() if doc.date else None,
                index_no=doc.index_no, doc_type=doc.doc_type, n_chars=len(doc.text),
                region_source=doc.region_source,
                raw_text=doc.raw_text, text=doc.text, spam=doc.spam, warnings=doc.warnings,
                paragraphs=[list(p) for p in doc.paragraphs], ingested_at=_now(),
                **region_fields(doc.region),
            ))
            if doc.sentences:
                conn.execute(sentences.insert(), [
                    dict(document_id=doc.id, idx=s.index, start=s.start, end=s.end, text=s.text,
                         paragraph=s.paragraph, speaker=s.speaker, role=s.role)
                    for s in doc.sentences
                ])
            if doc.turns:
                conn.execute(turns.insert(), [
                    dict(document_id=doc.id, idx=i, speaker=t.speaker, role=t.role, start=t.start, end=t.end)
                    for i, t in enumerate(doc.turns)
                ])
            return doc.id, True

    def resolve_id(self, ref: str, source_forms: Iterable[str] = ()) -> str:
        """A full id from an id, a source path/URL (its latest version) or a unique id prefix.

        ``source_forms``: other spellings of the same path (validate.source_forms).
        """
        with self._reading() as conn:
            by_source = conn.execute(
                sa.select(documents.c.id)
                .where(sa.or_(documents.c.id == ref, documents.c.source.in_([ref, *source_forms])))
                .order_by(documents.c.version.desc())
            ).first()
            if by_source is not None:
                return by_source[0]
            ids = [r[0] for r in conn.execute(
                sa.select(documents.c.id).where(documents.c.id.startswith(ref, autoescape=True)).limit(2))]
        if not ids:
            raise InputError(ref, "no such document; `duban documents` lists them")
        if len(ids) > 1:
            raise InputError(ref, "ambiguous id prefix; give more characters")
        return ids[0]

    def list_documents(self, latest_only: bool = False) -> list[dict]:
        with self._reading() as conn:
            rows = conn.execute(
                sa.select(*[documents.c[f] for f in (*DOCUMENT_FIELDS, "region_source", "version", "url",
                                                     "index_no", "extracted_with")])
                .order_by(documents.c.source, documents.c.version)
            ).mappings().all()
        return [dict(r) for r in rows]

    def get_document(self, doc_id: str) -> dict:
        """One document with its full text, sentences and speaker turns."""
        with self._reading() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
            if row is None:
                raise StoreError(doc_id, "no such document")
            sents = conn.execute(
                sa.select(sentences).where(sentences.c.document_id == doc_id).order_by(sentences.c.idx)
            ).mappings().all()
            trs = conn.execute(
                sa.select(turns).where(turns.c.document_id == doc_id).order_by(turns.c.idx)
            ).mappings().all()
        out = dict(row)
        out["sentences"] = [dict(s) for s in sents]
        out["turns"] = [dict(t) for t in trs]
        return out

    def load_parsed(self, doc_id: str) -> ParsedDocument:
        """Rebuild the ``ParsedDocument`` that was stored, for extraction."""
        row = self.get_document(doc_id)
        return ParsedDocument(
            source=row["source"], sha256=row["sha256"], format=row["format"] or "txt",
            raw_text=row["raw_text"] or "", text=row["text"] or "", title=row["title"],
            publisher=row["publisher"],
            date=date.fromisoformat(row["date"]) if row["date"] else None,
            index_no=row["index_no"], doc_type=row["doc_type"] or "other",
            region=region_of(row), url=row["url"], encoding=row["encoding"],
            sentences=[Sentence(index=s["idx"], start=s["start"], end=s["end"], text=s["text"],
                                paragraph=s["paragraph"] or 0, speaker=s["speaker"], role=s["role"])
                       for s in row["sentences"]],
            turns=[SpeakerTurn(speaker=t["speaker"], role=t["role"], start=t["start"], end=t["end"])
                   for t in row["turns"]],
            paragraphs=[tuple(p) for p in (row["paragraphs"] or [])],
            spam=row["spam"] or [], warnings=row["warnings"] or [],
        )

    def count(self, table: str) -> int:
        with self._reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(metadata.tables[table])).scalar()

    def delete_document(self, doc_id: str) -> None:
        with self._begin() as conn:
            conn.execute(evidence.delete().where(sa.or_(
                evidence.c.document_id == doc_id,
                evidence.c.commitment_id.startswith(f"{doc_id}-c", autoescape=True))))
            for table in (figures, commitments, mentions, sentences, turns, failures):
                conn.execute(table.delete().where(table.c.document_id == doc_id))
            conn.execute(documents.delete().where(documents.c.id == doc_id))

    # -- extraction -----------------------------------------------------------------------
    def pending_extraction(self, extractor_version: str, force: bool = False,
                           retry_failed: bool = False, ids: Iterable[str] | None = None) -> list[str]:
        """Documents to extract: not yet extracted by this version (all with ``force``); those
        in quarantine only with ``retry_failed``; only among ``ids`` when given."""
        query = (sa.select(documents.c.id).order_by(documents.c.source, documents.c.version)
                 .where(sa.or_(documents.c.doc_type.is_(None), documents.c.doc_type != "ledger")))
        if ids is not None:
            query = query.where(documents.c.id.in_(list(ids)))
        if not force:  # an imported 台账 (doc_type ledger) is never re-extracted: its rows are the records
            query = query.where(sa.or_(documents.c.extracted_with.is_(None),
                                       documents.c.extracted_with != extractor_version))
        if not retry_failed:
            query = query.where(documents.c.id.not_in(
                sa.select(failures.c.document_id).where(failures.c.stage == "extract")))
        with self._reading() as conn:
            return [r[0] for r in conn.execute(query)]

    def mark_failed(self, doc_id: str, stage: str, reason: str) -> None:
        """Put a document in quarantine: later runs skip it until it is retried."""
        with self._begin() as conn:
            conn.execute(failures.delete().where(failures.c.document_id == doc_id))
            conn.execute(failures.insert().values(document_id=doc_id, stage=stage, reason=reason, at=_now()))

    def clear_failure(self, doc_id: str) -> None:
        with self._begin() as conn:
            conn.execute(failures.delete().where(failures.c.document_id == doc_id))

    def failed_documents(self) -> list[dict]:
        """Quarantined documents: id, source, title, stage, reason and when, oldest first; an
        input set aside before it was stored has no id, title or length."""
        query = (sa.select(failures.c.document_id.label("id"), documents.c.source, documents.c.title,
                           documents.c.n_chars, failures.c.stage, failures.c.reason, failures.c.at)
                 .join(documents, documents.c.id == failures.c.document_id))
        inputs = sa.select(sa.null().label("id"), set_aside_inputs.c.source, sa.null().label("title"),
                           sa.null().label("n_chars"), set_aside_inputs.c.stage, set_aside_inputs.c.reason,
                           set_aside_inputs.c.at)
        with self._reading() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            if sa.inspect(conn).has_table(set_aside_inputs.name):  # absent from an older file opened read-only
                rows += [dict(r) for r in conn.execute(inputs).mappings()]
        return sorted(rows, key=lambda r: r["at"] or "")

    def document_with_sha(self, sha256: str) -> str | None:
        """The id of the document stored from these bytes, if any (ingest skips parsing it)."""
        with self._reading() as conn:
            return conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()

    def set_aside_input(self, sha256: str, source: str, stage: str, reason: str) -> None:
        """Remember input bytes a stage gave up on before they became a document."""
        with self._begin() as conn:
            conn.execute(set_aside_inputs.delete().where(set_aside_inputs.c.sha256 == sha256))
            conn.execute(set_aside_inputs.insert().values(sha256=sha256, source=source, stage=stage,
                                                          reason=reason, at=_now()))

    def input_set_aside(self, sha256: str) -> str | None:
        """Why these bytes were set aside before they became a document, or None."""
        with self._reading() as conn:
            return conn.execute(sa.select(set_aside_inputs.c.reason)
                                .where(set_aside_inputs.c.sha256 == sha256)).scalar()

    def clear_input(self, sha256: str) -> None:
        with self._begin() as conn:
            conn.execute(set_aside_inputs.delete().where(set_aside_inputs.c.sha256 == sha256))

    def save_extraction(self, doc: ParsedDocument, ext: Extraction, extractor_version: str) -> None:
        """Replace a document's figures, commitments and mentions in one transaction."""
        doc_id = doc.id
        with self._begin() as conn:
            conn.execute(evidence.delete().where(
                evidence.c.commitment_id.startswith(f"{doc_id}-c", autoescape=True)))
            for table in (figures, commitments, mentions):
                conn.execute(table.delete().where(table.c.document_id == doc_id))
            if ext.figures:
                conn.execute(figures.insert(), [
                    dict(id=f"{doc_id}-f{i}", document_id=doc_id, text=f.text, start=f.start, end=f.end,
                         sentence_index=f.sentence_index, value=f.value, low=f.low, high=f.high,
                         approx=f.approx, unit=f.unit,
                         qualifier=f.qualifier, kind=f.kind, subject=f.subject,
                         baseline_of=f"{doc_id}-f{f.baseline_of}" if f.baseline_of is not None else None,
                         **region_fields(f.region or doc.region))
                    for i, f in enumerate(ext.figures)
                ])
            if ext.commitments:
                conn.execute(commitments.insert(), [
                    dict(id=f"{doc_id}-c{i}", document_id=doc_id, text=c.text, start=c.start, end=c.end,
                         sentence_index=c.sentence_index, topic=c.topic, speaker=c.speaker,
                         quantity_value=c.quantity.value if c.quantity else None,
                         quantity_unit=c.quantity.unit if c.quantity else None,
                         quantity_text=c.quantity.text if c.quantity else None,
                         deadline_text=c.deadline_text,
                         deadline=c.deadline.isoformat() if c.deadline else None, status=c.status,
                         status_source="ledger" if c.status else None,
                         origin=c.origin, ledger_ref=c.ledger_ref, responsible=c.responsible,
                         **region_fields(c.region or doc.region))
                    for i, c in enumerate(ext.commitments)
                ])
                _restore_set_statuses(conn, doc_id)
            if ext.mentions:
                conn.execute(mentions.insert(), [
                    dict(id=f"{doc_id}-m{i}", document_id=doc_id, text=m.text, start=m.start, end=m.end,
                         sentence_index=m.sentence_index, **region_fields(m.region))
                    for i, m in enumerate(ext.mentions)
                ])
            for idx, topic in enumerate(ext.sentence_topics):
                conn.execute(sentences.update()
                             .where(sentences.c.document_id == doc_id, sentences.c.idx == idx)
                             .values(topic=topic))
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(extracted_with=extractor_version))

    # -- ledger queries -------------------------------------------------------------------
    def query_records(
        self,
        table: str,
        region: str | None = None,
        level: str | None = None,
        topic: str | None = None,
        kind: str | None = None,
        due_before: str | None = None,
        doc: str | None = None,
        ids: Iterable[str] | None = None,
        status: str | None = None,
        due_state: str | None = None,
    ) -> list[dict]:
        """Commitments or figures with their sentence and source, filtered; spec field names.

        Commitments come with their ``evidence`` (best first), as shared/spec/records.md says.
        """
        t = metadata.tables[table]
        query = (
            sa.select(t, sentences.c.text.label("sentence"), documents.c.source, documents.c.title,
                      documents.c.date.label("doc_date"), documents.c.url, documents.c.doc_type)
            .join(documents, documents.c.id == t.c.document_id)
            .join(sentences, sa.and_(sentences.c.document_id == t.c.document_id,
                                     sentences.c.idx == t.c.sentence_index), isouter=True)
            .order_by(documents.c.source, t.c.start)
        )
        if region:
            query = query.where(_in_region(t, region))
        if level:
            query = query.where(t.c.level == level)
        if topic and "topic" in t.c:
            query = query.where(t.c.topic == topic)
        if kind and "kind" in t.c:
            query = query.where(t.c.kind == kind)
        if due_before and "deadline" in t.c:
            query = query.where(t.c.deadline.is_not(None), t.c.deadline <= due_before)
        if doc:
            query = query.where(t.c.document_id == doc)
        if ids is not None:
            query = query.where(t.c.id.in_(list(ids)))
        if status and "status" in t.c:
            query = query.where(t.c.status == status)
        if due_state and "due_state" in t.c:
            query = query.where(t.c.due_state == due_state)
        with self._reading() as conn:
            rows = [_record_dict(table, dict(r)) for r in conn.execute(query).mappings()]
            if table == "commitments":
                _attach_evidence(conn, rows)
        return rows

    # -- tracking -------------------------------------------------------------------------
    def save_tracking(self, results: dict, at: str | None = None) -> int:
        """Store ``{commitment id: Tracking}`` from one tracking run; returns status changes.

        Evidence is replaced. A status set by hand or by a ledger's 进度状态 column is kept; the
        automatic one only fills commitments without it. Every change of status is appended to
        the history with the evidence document it came from.
        """
        at = at or _now()
        changed = 0
        with self._begin() as conn:
            current = {r.id: r for r in conn.execute(
                sa.select(commitments.c.id, commitments.c.document_id, commitments.c.text,
                          commitments.c.status, commitments.c.status_source)
                .where(commitments.c.id.in_(list(results))))}
            conn.execute(evidence.delete().where(evidence.c.commitment_id.in_(list(results))))
            rows = [dict(commitment_id=cid, rank=rank, document_id=e.document_id,
                         sentence_index=e.sentence_index, start=e.start, end=e.end,
                         sentence=e.sentence, text=e.text, value=e.value, unit=e.unit,
                         verdict=e.verdict, reason=e.reason, score=e.score)
                    for cid, tr in results.items() if cid in current
                    for rank, e in enumerate(tr.evidence)]
            if rows:
                conn.execute(evidence.insert(), rows)
            for cid, tr in results.items():
                row = current.get(cid)
                if row is None:
                    continue
                values = dict(due_state=tr.due_state,
                              progress=None if tr.progress is None else to_dict(tr.progress))
                if row.status_source not in SET_SOURCES:
                    values.update(status=tr.status, status_source="auto", status_reason=tr.reason)
                    if tr.status != row.status:
                        changed += 1
                        conn.execute(status_history.insert().values(
                            commitment_id=cid, document_id=row.document_id,
                            commitment_text=row.text, at=at, status=tr.status, source="auto",
                            reason=tr.reason,
                            evidence_document_id=tr.evidence[0].document_id if tr.evidence else None))
                conn.execute(commitments.update().where(commitments.c.id == cid).values(**values))
        return changed

    def set_status(self, commitment_id: str, status: str, source: str = "manual",
                   by: str | None = None, note: str | None = None, at: str | None = None) -> None:
        """A status set by a person (or a ledger column); it wins over tracking from now on."""
        with self._begin() as conn:
            row = conn.execute(sa.select(commitments.c.document_id, commitments.c.text)
                               .where(commitments.c.id == commitment_id)).first()
            if row is None:
                raise InputError(commitment_id, "no such commitment; `duban commitments` lists them")
            reason = f"{'人工' if source == 'manual' else '台账'}设定" + (f"（{by}）" if by else "") + (
                f"：{note}" if note else "")
            conn.execute(commitments.update().where(commitments.c.id == commitment_id).values(
                status=status, status_source=source, status_reason=reason))
            conn.execute(status_history.insert().values(
                commitment_id=commitment_id, document_id=row.document_id, commitment_text=row.text,
                at=at or _now(), status=status, source=source, reason=reason, by=by, note=note))

    def status_history(self, commitment_id: str) -> list[dict]:
        """Every status the commitment has had, oldest first (its text's history, across ids)."""
        with self._reading() as conn:
            row = conn.execute(sa.select(commitments.c.document_id, commitments.c.text)
                               .where(commitments.c.id == commitment_id)).first()
            where = status_history.c.commitment_id == commitment_id
            if row is not None:
                where = sa.or_(where, sa.and_(status_history.c.document_id == row.document_id,
                                              status_history.c.commitment_text == row.text))
            rows = conn.execute(sa.select(status_history).where(where)
                                .order_by(status_history.c.id)).mappings().all()
        return [dict(r) for r in rows]

    # -- the ledger view (duban serve): filter, count and page in SQL ----------------------
    def ledger_page(self, filters: dict, sort: str = "", offset: int = 0,
                    limit: int | None = None) -> tuple[list[dict], int]:
        """Commitments matching ``filters`` (a field of ``LEDGER_FIELDS`` or ``region`` → value),
        in ``sort`` order, ``limit`` of them from ``offset`` (all when None), as query_records
        gives them; and how many match in all."""
        order = _LEDGER_SORTS[sort]
        with self.engine.connect() as conn:
            total = conn.execute(_ledger_select(sa.func.count(), filters=filters)).scalar()
            query = _ledger_select(commitments.c.id, filters=filters, join=True).order_by(*order).offset(offset)
            ids = [r[0] for r in conn.execute(query.limit(limit) if limit is not None else query)]
        rows = {r["id"]: r for r in self.query_records("commitments", ids=ids)} if ids else {}
        return [rows[i] for i in ids], total

    def ledger_counts(self, filters: dict, fields: Iterable[str]) -> dict[str, dict]:
        """For each field, its values among the matching commitments with their counts;
        ``region_path`` counts (province, city, county, region) tuples, for the region tree."""
        counts = {}
        with self.engine.connect() as conn:
            for name in fields:
                group = REGION_PATH if name == "region_path" else (LEDGER_FIELDS[name],)
                query = _ledger_select(*group, sa.func.count(), filters=filters).group_by(*group)
                counts[name] = {(tuple(r[:-1]) if len(group) > 1 else r[0]): r[-1] for r in conn.execute(query)}
        return counts

    def sentences_for_index(self, doc_ids: Iterable[str] | None = None) -> Iterator[dict]:
        """Sentences joined with their document's metadata, for the index."""
        query = (
            sa.select(sentences, *[documents.c[f] for f in UNIT_DOCUMENT_FIELDS])
            .join(documents, documents.c.id == sentences.c.document_id)
            .order_by(sentences.c.document_id, sentences.c.idx)
        )
        if doc_ids is not None:
            query = query.where(sentences.c.document_id.in_(list(doc_ids)))
        with self._reading() as conn:
            for row in conn.execute(query).mappings():
                yield dict(row)


def _in_region(t: sa.Table, region: str):
    """Rows about ``region`` or any division inside it (by name, or by a 6-digit code)."""
    return sa.or_(t.c.region == region, t.c.city == region, t.c.county == region, t.c.province == region,
                  t.c.region_code.startswith(_code_prefix(region), autoescape=True))


# The ledger view's filters (serve/ledger.py): field → column expression over commitments ⋈ documents.
LEDGER_FIELDS = {
    "level": commitments.c.level, "topic": commitments.c.topic, "status": commitments.c.status,
    "due_state": commitments.c.due_state, "origin": commitments.c.origin,
    "doc_type": documents.c.doc_type, "document_id": commitments.c.document_id,
    "deadline": sa.func.substr(commitments.c.deadline, 1, 4),  # the deadline's year
}
REGION_PATH = (commitments.c.province, commitments.c.city, commitments.c.county, commitments.c.region)
_LEDGER_SORTS = {
    "": (documents.c.source, commitments.c.start),
    "deadline": (commitments.c.deadline.is_(None), commitments.c.deadline, documents.c.source, commitments.c.start),
    "-deadline": (commitments.c.deadline.is_(None), commitments.c.deadline.desc(), documents.c.source,
                  commitments.c.start),
    "region": (*REGION_PATH, documents.c.source, commitments.c.start),
}


# The ledger view's facets group by these columns: an index holding them all lets SQLite count
# from the index instead of reading every wide row (bench/serve.py: 32k commitments, the eight
# facet counts took 500 ms from the table, 250 ms with this index and no join).
sa.Index("ix_commitments_ledger", *REGION_PATH, commitments.c.region_code, commitments.c.level,
         commitments.c.topic, commitments.c.status, commitments.c.due_state, commitments.c.origin,
         commitments.c.deadline, commitments.c.document_id)


def _ledger_select(*columns, filters: dict, join: bool = False):
    """SELECT ``columns`` FROM commitments WHERE ``filters`` (a value None selects rows where the
    field is empty; ``region`` matches the divisions inside it, as query_records), joined with
    documents when ``join`` is asked for or a column or filter needs it."""
    if join or "doc_type" in filters or any(getattr(c, "table", None) is documents for c in columns):
        source = commitments.join(documents, documents.c.id == commitments.c.document_id)
    else:
        source = commitments
    query = sa.select(*columns).select_from(source)
    for name, value in filters.items():
        if name == "region":
            column = commitments.c.region
            query = query.where(_in_region(commitments, value) if value is not None else
                                sa.or_(column.is_(None), column == ""))
        else:
            column = LEDGER_FIELDS[name]
            query = query.where(column == value if value is not None else sa.or_(column.is_(None), column == ""))
    return query


def _code_prefix(region: str) -> str:
    """What the codes inside a division start with: 370000 → 37, 371300 → 3713, 371325 → 371325.

    GB/T 2260 codes give province, city and county two digits each, zeros for "the whole".
    A region name comes back unchanged, and no code starts with it.
    """
    if len(region) == 6 and region.isdigit():
        return region[:2] if region.endswith("0000") else region[:4] if region.endswith("00") else region
    return region


SET_SOURCES = ("manual", "ledger")  # status sources that tracking never overwrites


def _restore_set_statuses(conn, doc_id: str) -> None:
    """Give re-extracted commitments back the latest status set by hand or by a ledger."""
    latest: dict[str, dict] = {}
    for row in conn.execute(sa.select(status_history)
                            .where(status_history.c.document_id == doc_id)
                            .order_by(status_history.c.id)).mappings():
        if row["source"] in SET_SOURCES:
            latest[row["commitment_text"]] = dict(row)
    for text, row in latest.items():
        conn.execute(commitments.update()
                     .where(commitments.c.document_id == doc_id, commitments.c.text == text)
                     .values(status=row["status"], status_source=row["source"],
                             status_reason=row["reason"]))


def _attach_evidence(conn, rows: list[dict]) -> None:
    """Each commitment row gets ``evidence``: its links with the evidence document's source."""
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["evidence"] = []
    if not by_id:
        return
    query = (sa.select(evidence, documents.c.source, documents.c.title, documents.c.date,
                       documents.c.url)
             .join(documents, documents.c.id == evidence.c.document_id)
             .order_by(evidence.c.commitment_id, evidence.c.rank))
    if len(by_id) <= 500:  # else read them all: one scan beats a huge IN list
        query = query.where(evidence.c.commitment_id.in_(list(by_id)))
    for e in conn.execute(query).mappings():
        if e["commitment_id"] in by_id:
            link = {k: e[k] for k in EVIDENCE_FIELDS}
            link["url"] = e["url"]
            by_id[e["commitment_id"]]["evidence"].append(link)


EVIDENCE_FIELDS = ["document_id", "source", "title", "date", "sentence", "text", "start", "end",
                   "value", "unit", "verdict", "reason"]


def _record_dict(table: str, row: dict) -> dict:
    row["document_id"] = row.pop("document_id")
    row["date"] = row.pop("doc_date")
    if table == "commitments":
        value = row.pop("quantity_value")
        unit = row.pop("quantity_unit")
        text = row.pop("quantity_text")
        row["quantity"] = None if value is None else {"value": value, "unit": unit, "text": text}
    return row


class _Transaction:
    """``with store._begin() as conn`` that turns SQLAlchemy errors into StoreError."""

    def __init__(self, store: Store):
        self.store = store
        self.ctx = store.engine.begin()

    def __enter__(self):
        try:
            return self.ctx.__enter__()
        except sa_exc.SQLAlchemyError as exc:
            raise _store_error(self.store.url, exc) from exc

    def __exit__(self, exc_type, exc, tb):
        try:
            self.ctx.__exit__(exc_type, exc, tb)  # commits, or rolls back when the body raised
        except sa_exc.SQLAlchemyError as error:
            raise _store_error(self.store.url, error) from error
        if isinstance(exc, sa_exc.SQLAlchemyError):  # raised inside the body, now rolled back
            raise _store_error(self.store.url, exc) from exc
        return False


def _read_only_sqlite(path: Path) -> sa.Engine:
    """An engine on an existing SQLite file that never writes to it.

    In a directory we cannot write, SQLite cannot create the WAL index (``-shm``) a reader
    needs, so the file is opened as immutable there: nothing can be writing it without write
    access to the directory, and duban closes its databases with the WAL checkpointed.
    """
    immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro{immutable}"
    engine = sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                              future=True)
    sa.event.listen(engine, "connect", _sqlite_read_pragmas)
    return engine


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


# What to do about each kind of database failure, by words in SQLite's or the driver's message.
_ADVICE = (
    (("locked", "busy"), "another duban is writing to it; try again when that run has finished"),
    (("readonly", "read-only"), "the data directory is read-only; only reading commands work there"),
    (("unable to open",), "check that the data directory exists and is readable (--data-dir)"),
)
_DAMAGED = ("the database is damaged: restore the copy made by `duban backup DEST` "
            "(duban --data-dir DEST ...), or ingest the documents again into a new --data-dir")


def _store_error(url: str, exc: Exception, what: str = "database error") -> StoreError:
    """One line: what failed, SQLite's or the driver's reason, and what the user can do."""
    reason = _reason(exc)
    advice = next((a for words, a in _ADVICE if any(w in reason.lower() for w in words)), _DAMAGED)
    return StoreError(_safe_url(url), f"{what} ({reason}); {advice}")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs the log at checkpoints, not at every commit: a killed process
    # still keeps every committed document and the file cannot be corrupted; only a power cut
    # can take back the last commits, which a re-run stores again. FULL cost 8 ms per document.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _safe_url(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as given
        return url


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return text[:200]
