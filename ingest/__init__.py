"""Inputs → ``ParsedDocument``: find the files, read their bytes, parse and clean them.

``expand_paths`` and ``read_file`` deal with the file system, ``parse_raw`` with bytes from
anywhere (files or ingest/fetch.py): sniff the format, extract text with that format's parser,
then run the text pipeline (clean → metadata → speakers → segment).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..budget import SECTION_CHARS
from ..errors import InputError
from ..records import ParsedDocument, RawDocument
from . import docx, html, pdf, txt
from .sniff import Extracted, detect_format

__all__ = ["SUFFIXES", "expand_paths", "extract_text", "parse_raw", "read_file"]

SUFFIXES = (".docx", ".htm", ".html", ".pdf", ".shtml", ".text", ".txt")

_PARSERS = {"txt": txt.extract, "html": html.extract, "pdf": pdf.extract, "docx": docx.extract}
_MB = 1024 * 1024


def expand_paths(paths: list[Path]) -> list[Path | InputError]:
    """Files to ingest, and an ``InputError`` in their place for each input that cannot be used.

    Named files come as given, folders are searched recursively in sorted order. Files in a
    folder with another suffix are skipped, and so are hidden files and Word's ``~$`` lock
    files. A named file with another suffix, a missing path, a folder with nothing to ingest
    and every folder or path the OS refuses (permission, I/O, name too long) is an error that
    names it; the other inputs go on.
    """
    found: list[Path | InputError] = []
    for path in map(Path, paths):
        try:
            found.extend(_expand(path))
        except OSError as exc:
            found.append(InputError(str(path), f"cannot read ({exc.strerror or exc})"))
        except InputError as exc:
            found.append(exc)
    return found


def _expand(path: Path) -> list[Path | InputError]:
    if not path.is_dir():
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
        if path.suffix.lower() not in SUFFIXES:
            raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                        f"duban reads {' '.join(SUFFIXES)}")
        return [path]
    files: list[Path] = []
    errors: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename), f"unreadable folder ({exc.strerror or exc})"))

    for folder, subfolders, names in os.walk(path, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith((".", "~$"))]
        files.extend(Path(folder) / n for n in names if _wanted(Path(folder) / n))
    if not files and not errors:
        raise InputError(str(path), f"no {' '.join(SUFFIXES)} files in this folder")
    return [*sorted(files), *errors]


def _wanted(path: Path) -> bool:
    if path.name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES:
        return False
    try:
        return path.is_file()
    except OSError:
        return True  # read_file names the file and what the OS said


def read_file(path: Path, max_bytes: int) -> RawDocument:
    """The file's bytes; ``InputError`` if it is missing, not a file, too big or unreadable."""
    path = Path(path)
    try:
        if not path.is_file():
            reason = "is a folder, not a file" if path.is_dir() else "no such file"
            raise InputError(str(path), reason)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"file is {_size(size)}, over the {_size(max_bytes)} limit (--max-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    return RawDocument(source=str(path), data=data, filename=path.name)


def _size(n: int) -> str:
    """50 MB, 1.5 MB, 200 KB, 12 bytes."""
    if n >= _MB:
        return f"{n / _MB:.1f}".removesuffix(".0") + " MB"
    if n >= 1024:
        return f"{n / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def extract_text(raw: RawDocument) -> tuple[str, Extracted]:
    """The format and the text its parser extracts, before any cleaning."""
    if not raw.data:
        raise InputError(raw.source, "empty file")
    kind = detect_format(raw.data, raw.source, raw.filename, raw.content_type)
    return kind, _PARSERS[kind](raw)


def clean_raw(raw: RawDocument, section_chars: int = SECTION_CHARS):
    """Bytes → (format, extracted text, cleaned text, hints): what ``parse_raw`` reads the
    metadata from (the doc_type model's trainer reads the same: doctype_model.py)."""
    from .sections import clean_in_sections

    kind, extracted = extract_text(raw)
    cleaned = clean_in_sections(extracted.text, section_chars)
    if not cleaned.text.strip():
        raise InputError(raw.source, "empty after cleaning")
    hints = dict(extracted.hints)
    hints.update({k: v for k, v in (("url", raw.url), ("filename", raw.filename)) if v})
    return kind, extracted, cleaned, hints


def parse_raw(raw: RawDocument, section_chars: int = SECTION_CHARS) -> ParsedDocument:
    """Bytes → cleaned text with metadata, speaker turns, paragraphs and sentences.

    The hints given to ``metadata.read_metadata`` are the format's own (html.py: title,
    page_title, date, publisher, site, column) plus ``url`` and ``filename`` when known.
    A text longer than ``section_chars`` is cleaned in sections (sections.py), and its
    metadata is read from the first section, where a title, date and issuer stand.
    Raises ``InputError`` for empty, binary, encrypted, damaged or textless input.
    """
    # The text pipeline is imported here so that fetch.py, crawl.py and the format parsers
    # load without it (OpenCC's dictionaries, the gazetteer).
    from .metadata import read_metadata
    from .segment import segment
    from .speakers import find_turns

    kind, extracted, cleaned, hints = clean_raw(raw, section_chars)
    meta = read_metadata(extracted.text[:section_chars], cleaned.text[:section_chars], hints, cleaned.prepared)
    turns = find_turns(cleaned.text)
    paragraphs, sentences = segment(cleaned.text, turns)
    return ParsedDocument(
        source=raw.source,
        sha256=hashlib.sha256(raw.data).hexdigest(),
        format=kind,
        raw_text=extracted.text,
        text=cleaned.text,
        title=meta.title,
        publisher=meta.publisher,
        date=meta.date,
        index_no=meta.index_no,
        doc_type=meta.doc_type,
        region=meta.region,
        region_source=meta.region_source,
        url=raw.url,
        encoding=extracted.encoding,
        sentences=sentences,
        turns=turns,
        paragraphs=paragraphs,
        spam=cleaned.spam,
        warnings=list(extracted.warnings) + cleaned.warnings,
    )
