"""Extraction: figures, time expressions, region mentions, topics and commitments."""

from __future__ import annotations

from ..records import Extraction, ParsedDocument
# Bump when extraction rules change: `duban extract` redoes documents extracted by another version.
EXTRACTOR_VERSION = "0.6.0"  # 0.6: one passage model (passages.py); figure kinds follow the clause decision

__all__ = ["EXTRACTOR_VERSION", "extract_document"]


def extract_document(parsed: ParsedDocument) -> Extraction:
    """All records of one document, each with its sentence index and offsets."""
    from .nlp import process  # spaCy and jieba load only when extraction runs

    doc = process(parsed)
    return Extraction(
        figures=doc._.figures,
        commitments=doc._.commitments,
        mentions=doc._.mentions,
        times=doc._.times,
        sentence_topics=doc._.sentence_topics,
    )
