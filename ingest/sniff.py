"""Bytes → format and text: magic bytes, byte-order marks, declared charsets, detection.

Chinese government sites still serve many pages in GB2312/GBK, Taiwan and Hong Kong sources
use Big5, and Word's "Unicode text" export is UTF-16; all of them must come out as ``str``.
The content decides the format; the file name and HTTP header are only tie-breakers, because
sites often serve an HTML error page under a ``.pdf`` link.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from types import MappingProxyType
from typing import Mapping, NamedTuple

import charset_normalizer

from ..errors import InputError
from .archive import check_members

HTML_SUFFIXES = (".html", ".htm", ".shtml")

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared labels → the codec that decodes what sites actually send under them: pages labelled
# gb2312 routinely contain GBK-only characters (镕, 堃), and Big5 pages HKSCS ones.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "gb_2312-80": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
}

# Tie-break order for detection (see _detect): codec name → rank.
_PREFERENCE = {"gb18030": 0, "big5hkscs": 1, "utf-16-le": 2, "utf-16-be": 2, "utf-32-le": 2, "utf-32-be": 2}

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|frameset|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls / .ppt


class Extracted(NamedTuple):
    """What a format parser gives back: text with paragraph breaks, and what it knows besides."""

    text: str
    encoding: str | None = None  # the codec used, for formats that are decoded as text
    hints: Mapping[str, str] = MappingProxyType({})  # metadata the format carries; see html.py
    warnings: tuple[str, ...] = ()


def detect_format(data: bytes, source: str, filename: str | None = None,
                  content_type: str | None = None) -> str:
    """``pdf``, ``docx``, ``html`` or ``txt``, from the leading bytes first."""
    head = data[:1024]
    if b"%PDF-" in head:  # the header may follow a few junk bytes (PDF 1.7 §7.5.2)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, source, filename)
    if head.startswith(_OLE_MAGIC):
        raise InputError(source, "legacy Word/Excel (OLE) file; save it as .docx and ingest that")
    if _HTML_START.match(_strip_bom(head).replace(b"\x00", b"")):
        return "html"
    name = (filename or "").lower()
    if "html" in (content_type or "").lower() or name.endswith(HTML_SUFFIXES):
        return "html"
    return "txt"


def _zip_format(data: bytes, source: str, filename: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            check_members(archive, source)
    except (zipfile.BadZipFile, EOFError):
        # local file headers name each part, so a cut-off .docx still shows its word/ parts
        if b"word/" in data or (filename or "").lower().endswith(".docx"):
            return "docx"  # docx.py reports the damage
        raise InputError(source, "damaged ZIP archive, not a document") from None
    if "word/document.xml" in names:
        return "docx"
    raise InputError(source, "ZIP archive that is not a Word document; unzip it and ingest the files")


def decode_text(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Text and the codec that decoded it: BOM, then ``declared``, then UTF-8, then detection.

    A declared charset that does not decode the bytes is ignored (sites mislabel pages).
    Raises ``InputError`` for bytes that are no text in any encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, source), encoding
    # NUL bytes never occur in ASCII-compatible text, so they mean UTF-16/32 without a BOM
    guesses = () if b"\x00" in data[:4096] else (_codec(declared), "utf-8")
    for encoding in filter(None, guesses):
        try:
            return _checked(data.decode(encoding), source), encoding
        except UnicodeDecodeError:
            continue
    encoding = _detect(data)
    if encoding is None:
        raise InputError(source, "binary file, not text")
    return _checked(_strict(data, encoding, source), source), encoding


def decode_with_stray_nuls(data: bytes, source: str, declared: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """``decode_text`` for text that may hold a few stray NUL bytes (a bad export, a damaged copy).

    UTF-16/32 has a NUL in every ASCII character, so NULs alone would call the file binary;
    when they are rare (16, or 1 byte in 100, no BOM) and the rest is UTF-8 or the declared
    charset, they are removed and a warning says how many. Anything else decodes as before.
    """
    nuls = data.count(b"\x00")
    if 0 < nuls <= max(16, len(data) // 100) and _strip_bom(data) == data:
        rest = data.replace(b"\x00", b"")
        for encoding in filter(None, (_codec(declared), "utf-8")):
            try:
                text = _checked(rest.decode(encoding), source)
            except UnicodeDecodeError:
                continue
            return text, encoding, (f"removed {nuls} NUL byte(s) from the text",)
    return (*decode_text(data, source, declared), ())


def _detect(data: bytes) -> str | None:
    """charset-normalizer's choice; among equally good guesses, Chinese codecs first.

    A line or two of GBK also decodes cleanly as Korean cp949 or as Big5 ("第一段。" comes out
    as Hangul), and charset-normalizer cannot tell them apart on so few bytes. For government
    texts the mainland codec is the likely one, then Big5.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
    chosen = min(tied, key=lambda m: _PREFERENCE.get(_codec(m.encoding) or "", len(_PREFERENCE)))
    return _codec(chosen.encoding) or chosen.encoding


def header_charset(content_type: str | None) -> str | None:
    """The ``charset=`` of an HTTP Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def html_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTML page declares: the HTTP header wins over ``<meta>`` (HTML5 §8.2.2)."""
    if header_charset(content_type):
        return header_charset(content_type)
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii") if meta else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python knows no such codec."""
    if not label:
        return None
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid {encoding} text at byte {exc.start}; "
                                 "convert it to UTF-8 first") from exc


def _checked(text: str, source: str) -> str:
    """``text`` unless it is mostly control characters, which only binary data decodes to."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    if controls > max(2, len(sample) // 100):
        raise InputError(source, "binary file, not text")
    return text


def _strip_bom(data: bytes) -> bytes:
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return data[len(bom):]
    return data
