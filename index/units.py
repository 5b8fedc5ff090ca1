"""Index units from store rows: every sentence, every commitment and every figure.

A unit carries the text shown to the user (``text``: the sentence, the commitment clause or the
figure), the text searched (``search_text``), and flat metadata both channels filter on.
A figure is searched through its sentence ("4000张" alone says nothing); the embedding cache
makes that free. A commitment is searched through its own clause, which names the promise.
Every unit carries its plan years (index/years.py): its document's, and a commitment's deadline.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Iterable

from ..records import REGION_FIELDS, HitRecord, Unit
from . import years
from .filters import day_of

# The unit fields both channels filter on: Chroma metadata and the lexical index's columns.
META_COLUMNS = ("document_id", "unit", *REGION_FIELDS, "doc_type", "topic", "kind", "day", "year",
                "plan_from", "plan_to")


def _unit(kind: str, unit_id: str, row: dict, text: str, sentence: str, search_text: str,
          topic: str | None, figure_kind: str | None, record: dict | None, plan: years.Span) -> Unit:
    day = day_of(row.get("date"))
    return Unit(
        id=unit_id, unit=kind, document_id=row["document_id"], sentence_index=row.get("sentence_index"),
        text=text, sentence=sentence, search_text=search_text, source=row.get("source"),
        title=row.get("title"), date=row.get("date"), doc_type=row.get("doc_type") or "",
        topic=topic or "", kind=figure_kind or "", day=day, year=day // 10000, record=HitRecord.of(record),
        plan_from=plan[0], plan_to=plan[1], **{f: row.get(f) or "" for f in REGION_FIELDS},
    )


def _published(row: dict) -> date | None:
    return date.fromisoformat(row["date"][:10]) if row.get("date") else None


def sentence_units(rows: Iterable[dict]) -> tuple[list[Unit], dict[str, years.Span]]:
    """Units from ``Store.sentences_for_index`` rows (sentence joined with document metadata,
    ordered by document and sentence), and each document's plan years."""
    units, spans = [], {}
    for doc_id, doc_rows in groupby(rows, key=lambda r: r["document_id"]):
        doc_rows = list(doc_rows)
        first = doc_rows[0]
        opening = [r.get("text") or "" for r in doc_rows[:years.OPENING_SENTENCES]]
        plan = spans[doc_id] = years.document_span(first.get("title"), opening, _published(first))
        for row in doc_rows:
            text = (row.get("text") or "").strip()
            if not text:
                continue
            row = dict(row, sentence_index=row["idx"])
            units.append(_unit("sentence", f"{doc_id}-s{row['idx']}", row, text, text, text,
                               row.get("topic"), None, None, plan))
    return units, spans


def record_units(table: str, rows: Iterable[dict], sentence_topics: dict[tuple[str, int], str],
                 spans: dict[str, years.Span]) -> list[Unit]:
    """Units from ``Store.query_records`` rows of ``commitments`` or ``figures``; ``spans``: the
    plan years of their documents (``sentence_units``)."""
    units = []
    for row in rows:
        sentence = row.get("sentence") or row["text"]
        plan = spans.get(row["document_id"], years.NONE)
        if table == "commitments":
            plan = years.joined((plan, years.deadline_span(row.get("deadline_text"), _published(row))))
            units.append(_unit("commitment", row["id"], row, row["text"], sentence, row["text"],
                               row.get("topic"), None, row, plan))
        else:
            topic = sentence_topics.get((row["document_id"], row.get("sentence_index")))
            units.append(_unit("figure", row["id"], row, row["text"], sentence, sentence,
                               topic, row.get("kind"), row, plan))
    return units


def document_units(store, doc_ids: list[str]) -> list[Unit]:
    """All units of these documents, read from the store."""
    sentences, spans = sentence_units(store.sentences_for_index(doc_ids))
    topics = {(u.document_id, u.sentence_index): u.topic for u in sentences}
    units = list(sentences)
    for doc_id in doc_ids:
        for table in ("commitments", "figures"):
            units += record_units(table, store.query_records(table, doc=doc_id), topics, spans)
    return units
