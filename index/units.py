"""Index units from store rows: every sentence, every commitment and every figure.

A unit carries the text shown to the user (``text``: the sentence, the commitment clause or the
figure), the text searched (``search_text``), and flat metadata both channels filter on.
A figure is searched through its sentence ("4000张" alone says nothing); the embedding cache
makes that free. A commitment is searched through its own clause, which names the promise.
"""

from __future__ import annotations

from typing import Iterable

from ..records import REGION_FIELDS, Unit
from .filters import day_of

# The unit fields both channels filter on: Chroma metadata and the lexical index's columns.
META_COLUMNS = ("document_id", "unit", *REGION_FIELDS, "doc_type", "topic", "kind", "day", "year")


def _unit(kind: str, unit_id: str, row: dict, text: str, sentence: str, search_text: str,
          topic: str | None, figure_kind: str | None, record: dict | None) -> Unit:
    day = day_of(row.get("date"))
    return Unit(
        id=unit_id, unit=kind, document_id=row["document_id"], sentence_index=row.get("sentence_index"),
        text=text, sentence=sentence, search_text=search_text, source=row.get("source"),
        title=row.get("title"), date=row.get("date"), doc_type=row.get("doc_type") or "",
        topic=topic or "", kind=figure_kind or "", day=day, year=day // 10000, record=record,
        **{f: row.get(f) or "" for f in REGION_FIELDS},
    )


def sentence_units(rows: Iterable[dict]) -> list[Unit]:
    """Units from ``Store.sentences_for_index`` rows (sentence joined with document metadata)."""
    units = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if not text:
            continue
        row = dict(row, sentence_index=row["idx"])
        units.append(_unit("sentence", f"{row['document_id']}-s{row['idx']}", row, text, text, text,
                           row.get("topic"), None, None))
    return units


def record_units(table: str, rows: Iterable[dict], sentence_topics: dict[tuple[str, int], str]) -> list[Unit]:
    """Units from ``Store.query_records`` rows of ``commitments`` or ``figures``."""
    units = []
    for row in rows:
        sentence = row.get("sentence") or row["text"]
        if table == "commitments":
            units.append(_unit("commitment", row["id"], row, row["text"], sentence, row["text"],
                               row.get("topic"), None, row))
        else:
            topic = sentence_topics.get((row["document_id"], row.get("sentence_index")))
            units.append(_unit("figure", row["id"], row, row["text"], sentence, sentence,
                               topic, row.get("kind"), row))
    return units


def document_units(store, doc_ids: list[str]) -> list[Unit]:
    """All units of these documents, read from the store."""
    sentences = sentence_units(store.sentences_for_index(doc_ids))
    topics = {(u.document_id, u.sentence_index): u.topic for u in sentences}
    units = list(sentences)
    for doc_id in doc_ids:
        for table in ("commitments", "figures"):
            units += record_units(table, store.query_records(table, doc=doc_id), topics)
    return units
