"""Builds duban's one spaCy pipeline: a cheap tokenizer, then duban's rule components.

No trained pipeline can be downloaded here, so everything in it is duban's own: the components
(components.py) read ``doc._.parsed``, the ``ParsedDocument`` with the document date, issuing
region, sentences and speaker turns, and write ``doc._.figures``, ``doc._.times`` ...
``COMPONENTS`` is the order; a new extractor is one rule module, one component and one line here.

The tokens are the text's lines (``LineTokenizer``), not jieba words. No component reads tokens,
and jieba's segmentation of the whole text was 61% of extraction time (and 17 s for 1 MB of one
line). The one jieba pass over the text is the lexical index's (index/lexical.py): its words
are cut per unit, without the HMM, by rjieba, so the Doc's words could not be reused there even
if they were kept.
"""

from __future__ import annotations

from functools import lru_cache

# First: components.py registers the duban_* factories and Doc extensions, and it is the module
# that imports spaCy first (after openmp.load_torch, so that torch's OpenMP runtime waits passively).
from . import components  # noqa: F401, I001

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from ..records import ParsedDocument  # noqa: E402

# Order matters: later components read what earlier ones set.
COMPONENTS = ("duban_mentions", "duban_times", "duban_passages", "duban_clauses", "duban_figures", "duban_topics",
              "duban_commitments")
# Lines longer than this become several tokens, so a run-on or huge line stays a cheap Doc.
_CHUNK = 2_000


class LineTokenizer:
    """One token per line (its newline included), long lines cut every ``_CHUNK`` characters;
    ``doc.text`` is the text unchanged."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [line[i:i + _CHUNK] for line in text.splitlines(keepends=True)
                 for i in range(0, len(line), _CHUNK)]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: line tokens, then the duban components in order."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = LineTokenizer(nlp.vocab)
    for name in COMPONENTS:
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
