"""What the index holds: its units (with their lexical tokens) and which documents it has seen.

One SQLite file, ``<index>/units.sqlite``. It answers "which documents are indexed, with which
extractor version" for incremental updates, gives the lexical channel its tokens without
re-running jieba, and turns unit ids from either channel back into full units for answers.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import StoreError
from ..records import HitRecord, Unit


CACHED_UNITS = 20_000  # decoded units kept between searches (a tracking pass meets the same ones again)


class Catalog:
    def __init__(self, path: Path):
        self.path = path
        self._decoded: dict[str, Unit] = {}  # id → unit, oldest first; emptied by every write
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(path))
            self.db.executescript(
                "CREATE TABLE IF NOT EXISTS units (id TEXT PRIMARY KEY, document_id TEXT, data TEXT, tokens TEXT);"
                "CREATE INDEX IF NOT EXISTS units_document ON units (document_id);"
                "CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, extracted_with TEXT);"
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
            )
        except sqlite3.Error as exc:
            raise StoreError(str(path), f"cannot open the index catalog ({exc}); run duban index --rebuild") from exc

    def documents(self) -> dict[str, str]:
        """Indexed document id → extractor version it was indexed with ("" before extraction)."""
        return dict(self.db.execute("SELECT id, extracted_with FROM documents"))

    def replace(self, documents: dict[str, str], units: list[Unit], token_lists: list[list[str]]) -> None:
        """Drop these documents' units and store the new ones, in one transaction."""
        with self.db:
            self._delete(list(documents))
            self.db.executemany("INSERT INTO documents VALUES (?, ?)", list(documents.items()))
            self.db.executemany("INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?)", [
                (u.id, u.document_id, _to_json(u), "\t".join(t))
                for u, t in zip(units, token_lists)
            ])

    def remove(self, doc_ids: list[str]) -> None:
        with self.db:
            self._delete(doc_ids)

    def _delete(self, doc_ids: list[str]) -> None:
        self._decoded.clear()
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM units WHERE document_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)

    def clear(self) -> None:
        self._decoded.clear()
        with self.db:
            self.db.execute("DELETE FROM units")
            self.db.execute("DELETE FROM documents")

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM units").fetchone()[0]

    def all_units(self) -> Iterator[tuple[Unit, list[str]]]:
        """Every unit with its tokens, in a stable order, read as they are used (not all at once)."""
        for data, tokens in self.db.execute("SELECT data, tokens FROM units ORDER BY rowid"):
            yield _from_json(data), tokens.split("\t") if tokens else []

    def get(self, ids: Iterable[str]) -> dict[str, Unit]:
        """Units by id. Decoding them was half a search's time at 44k units, so decoded units
        are kept (at most ``CACHED_UNITS``)."""
        ids = list(ids)
        found = {i: self._decoded[i] for i in ids if i in self._decoded}
        ids = [i for i in ids if i not in found]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.execute(
                f"SELECT id, data FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            new = {i: _from_json(d) for i, d in rows}
            found.update(new)
            self._decoded.update(new)
        for old in list(self._decoded)[:max(0, len(self._decoded) - CACHED_UNITS)]:
            del self._decoded[old]
        return found

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()


def _to_json(unit: Unit) -> str:
    """A unit as the catalog's JSON: its fields, the record as its store row."""
    return json.dumps({**vars(unit), "record": unit.record.row if unit.record else None}, ensure_ascii=False)


def _from_json(data: str) -> Unit:
    """The inverse of ``_to_json``."""
    fields = json.loads(data)
    return Unit(**{**fields, "record": HitRecord.of(fields["record"])})
