"""Plain text: decode the bytes, unify line ends; the text pipeline does the rest."""

from __future__ import annotations

from ..records import RawDocument
from .sniff import Extracted, decode_with_stray_nuls, header_charset


def extract(raw: RawDocument) -> Extracted:
    text, encoding, warnings = decode_with_stray_nuls(raw.data, raw.source, header_charset(raw.content_type))
    return Extracted(normalize_newlines(text), encoding, warnings=warnings)


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` (old Mac and some CMS exports) become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
