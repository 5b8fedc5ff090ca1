"""Extraction: figures, time expressions, region mentions, topics and commitments."""

from __future__ import annotations

from ..records import Extraction, ParsedDocument
# Bump when extraction rules change: `duban extract` redoes documents extracted by another version.
# What each version changed: docs/extractor-versions.md (add the new version's line there).
EXTRACTOR_VERSION = "0.6.66"
# The EXTRACTOR_VERSION whose rules the shipped clause model (extract/data/clause_model.npz) was
# trained on; its features are the same names since. 0.6.66's model: the dev split of 1061
# documents (616), C and threshold by 5-fold cross-validation holding out whole annotator batches
# (score.batch_folds). Set it to EXTRACTOR_VERSION whenever `python -m duban.extract.train`
# writes a new model.
CLAUSE_MODEL_VERSION = "0.6.66"

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
