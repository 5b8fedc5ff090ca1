"""``duban backup DEST``: a consistent copy of a data directory's database and index.

The database is copied with SQLite's online backup API, page by page, so readers go on
while it runs and the copy is a snapshot of one moment. The index is copied under the writer
lock (lock.py), so no ``ingest`` or ``index`` changes it halfway; the SQLite files inside it go
through the backup API too. The embedding model (``models/``) and the HTTP cache are not copied:
duban rebuilds them. ``DEST`` is then a data directory: ``duban --data-dir DEST ...`` uses it.
PostgreSQL databases are backed up with ``pg_dump`` (see README, "Errors and recovery").
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from .config import Settings
from .errors import InputError, StoreError

def backup(settings: Settings, dest: Path) -> dict:
    """Copy the database and the index into the new folder ``dest``; returns what was copied."""
    if not settings.db_url.startswith("sqlite:///"):
        raise InputError(settings.db_url.split("://", 1)[0], "duban backup copies SQLite databases; "
                         "back up this database with its own tools (PostgreSQL: pg_dump)")
    database = Path(settings.db_url[len("sqlite:///"):])
    if not database.is_file():
        raise StoreError(str(database), "no database to back up; run duban ingest first")
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(str(dest), "already exists and is not an empty folder; choose a new one")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        copy_sqlite(database, dest / "duban.db")
        files = _copy_index(settings.index_dir, dest / "index")
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(str(dest), f"backup failed ({exc}); the source is untouched, "
                                    "remove the partial copy and try again") from exc
    return {"database": str(dest / "duban.db"), "index_files": files}


def copy_sqlite(source: Path, target: Path) -> None:
    """A snapshot of a live SQLite database (readers and writers may be using it)."""
    src = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _copy_index(index: Path, target: Path) -> int:
    """Every file of the index (SQLite files through the backup API); returns their count."""
    if not index.is_dir():
        return 0
    count = 0
    for path in sorted(index.rglob("*")):
        if not path.is_file() or path.name.endswith(("-wal", "-shm", "-journal")):
            continue  # a SQLite file's journals are folded into its snapshot
        out = target / path.relative_to(index)
        out.parent.mkdir(parents=True, exist_ok=True)
        if _is_sqlite(path):
            copy_sqlite(path, out)
        else:
            shutil.copy2(path, out)
        count += 1
    return count


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"
