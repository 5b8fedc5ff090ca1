"""Extraction: figures, time expressions, region mentions, topics and commitments."""

from __future__ import annotations

from ..records import Extraction, ParsedDocument
# Bump when extraction rules change: `duban extract` redoes documents extracted by another version.
# 0.6: one passage model (passages.py); 0.6.1: counted 实事 lists, run-in headings; 0.6.2: others'
# duties (各责任单位要…), generic 确保, a government report's page without a review is its plan.
EXTRACTOR_VERSION = "0.6.2"
# The EXTRACTOR_VERSION whose rules the shipped clause model (extract/data/clause_model.npz) was
# trained on; its features are the same names since. A model retrained on 0.6.1's rules scored
# worse on the test split (README, "How well it works"), so 0.6.0's still ships. Set it to
# EXTRACTOR_VERSION whenever `python -m duban.extract.train` writes a new model.
CLAUSE_MODEL_VERSION = "0.6.0"

__all__ = ["CLAUSE_MODEL_VERSION", "EXTRACTOR_VERSION", "extract_document"]


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
