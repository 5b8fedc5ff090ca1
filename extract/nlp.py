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


# Above this many characters the text is not segmented by jieba (17 s for 1 MB of one line):
# no duban component reads tokens, they read ``doc._.parsed``, so the Doc then holds the text
# in fixed chunks and stays cheap for run-on or huge documents.
MAX_SEGMENTED = 200_000
_CHUNK = 2_000


def process(parsed: ParsedDocument) -> Doc:
    """Run the pipeline over a parsed document's clean text."""
    nlp = get_nlp()
    text = parsed.text
    if len(text) <= MAX_SEGMENTED:
        doc = nlp.make_doc(text)
    else:
        chunks = [text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)]
        doc = Doc(nlp.vocab, words=chunks, spaces=[False] * len(chunks))
    doc._.parsed = parsed
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
