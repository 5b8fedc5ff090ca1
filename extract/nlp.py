"""Builds duban's one spaCy pipeline.

``spacy.blank("zh")`` segments by character unless the tokenizer config asks for jieba
(spacy/lang/zh/__init__.py DEFAULT_CONFIG); no trained pipeline can be downloaded here, so
everything after segmentation is duban's own rule components. ``COMPONENTS`` is the registry:
a new extractor is one module that registers a ``duban_*`` component plus one line here.

The ``ParsedDocument`` travels on ``doc._.parsed`` so components can read the document date,
issuing region, sentences and speaker turns; each component writes a fresh list to its own
extension (``doc._.figures``, ``doc._.times`` ...), never another component's.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..records import ParsedDocument

if not Doc.has_extension("parsed"):
    Doc.set_extension("parsed", default=None)

# Order matters: later components read what earlier ones set.
COMPONENTS = [
    ("duban_mentions", "duban.extract.mentions"),
    ("duban_times", "duban.extract.timex"),
    ("duban_figures", "duban.extract.figures"),
    ("duban_topics", "duban.extract.topics"),
    ("duban_commitments", "duban.extract.commitments"),
]


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: jieba segmentation, then the duban components in order."""
    import importlib
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict..." on every run
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name, module in COMPONENTS:
        importlib.import_module(module)  # registers the factory at import
        nlp.add_pipe(name)
    return nlp


def process(parsed: ParsedDocument) -> Doc:
    """Run the pipeline over a parsed document's clean text."""
    nlp = get_nlp()
    doc = nlp.make_doc(parsed.text)
    doc._.parsed = parsed
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
