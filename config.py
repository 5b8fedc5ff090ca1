"""Where duban keeps its state: one data directory, a database URL inside it by default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .validate import positive_size

DEFAULT_DATA_DIR = "duban-data"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_url: str
    chroma_url: str | None = None
    embed_model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "http-cache"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def db_url_for(value: str | None, data_dir: Path) -> str:
    """A SQLAlchemy URL from ``--db``: a URL is kept, a bare path becomes SQLite."""
    if not value:
        return f"sqlite:///{(data_dir / 'duban.db').resolve()}"
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).resolve()}"


def load_settings(
    data_dir: str | Path | None = None,
    db: str | None = None,
    chroma_url: str | None = None,
    embed_model: str | None = None,
    max_bytes: int | None = None,
) -> Settings:
    """Command-line values win over DUBAN_* environment variables, which win over defaults."""
    root = Path(data_dir or os.environ.get("DUBAN_DATA") or DEFAULT_DATA_DIR)
    return Settings(
        data_dir=root,
        db_url=db_url_for(db or os.environ.get("DUBAN_DB"), root),
        chroma_url=chroma_url or os.environ.get("DUBAN_CHROMA_URL") or None,
        embed_model=embed_model or os.environ.get("DUBAN_EMBED_MODEL") or None,
        max_bytes=max_bytes or _env_size("DUBAN_MAX_BYTES") or DEFAULT_MAX_BYTES,
    )


def _env_size(name: str) -> int | None:
    """A byte count from the environment, checked like ``--max-bytes``."""
    value = os.environ.get(name)
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise UsageError(name, f"{value!r} is not a whole number of bytes") from None
    return positive_size(number, name)
