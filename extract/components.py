"""The spaCy glue: duban's pipeline components and the ``Doc`` extensions they write.

The rule modules (mentions, timex, figures, topics, commitments) are pure functions over text
and a ``ParsedDocument``, and import no spaCy: ``duban ask`` reads a question's dates and topic
with them, and importing spaCy costs seconds (thinc imports torch when it is installed). Each
component here reads ``doc._.parsed`` and earlier components' extensions, and writes a fresh list
to its own extension, never another component's. ``nlp.COMPONENTS`` sets their order.
"""

from __future__ import annotations

from dataclasses import replace

from ..openmp import load_torch

# The one place duban imports spaCy first (extract/nlp.py imports this module before spaCy): torch,
# which thinc imports, loads here with its OpenMP runtime waiting passively (openmp.py).
load_torch()

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from . import cells, commitments, figures, mentions, passages, timex, topics  # noqa: E402

for _name in ("parsed", "mentions", "times", "find_time", "passages", "clauses", "figures", "sentence_topics",
              "commitments"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("duban_mentions", assigns=["doc._.mentions"])
def mentions_component(doc: Doc) -> Doc:
    parsed = doc._.parsed
    doc._.mentions = (
        mentions.find_region_mentions(parsed.text, parsed.sentences, parsed.region) if parsed else []
    )
    return doc


@Language.component("duban_times", assigns=["doc._.times", "doc._.find_time"])
def times_component(doc: Doc) -> Doc:
    """Sets ``doc._.times``, the text's time expressions, and ``doc._.find_time``, the time
    phrases of a sentence or clause (passages.time_finder), which the later components share."""
    parsed = doc._.parsed
    doc._.times = timex.find_times(parsed.text, parsed.date) if parsed is not None else []
    doc._.find_time = passages.time_finder(parsed) if parsed is not None else None
    return doc


@Language.component("duban_passages", requires=["doc._.find_time"], assigns=["doc._.passages"])
def passages_component(doc: Doc) -> Doc:
    """Sets ``doc._.passages``: one ``passages.Passage`` (plan, report, problems, question) per sentence."""
    parsed = doc._.parsed
    doc._.passages = passages.sentence_passages(parsed, doc._.find_time) if parsed is not None else []
    return doc


@Language.component("duban_clauses", requires=["doc._.passages", "doc._.find_time"], assigns=["doc._.clauses"])
def clauses_component(doc: Doc) -> Doc:
    """Sets ``doc._.clauses``: every candidate clause, the rules' verdict and the decision
    (the clause classifier's when the shipped one is the CLAUSE_MODEL_VERSION, else the rules')."""
    from .classifier import load_model

    parsed = doc._.parsed
    model = load_model()
    doc._.clauses = [] if parsed is None else commitments.decide_clauses(
        parsed, find_time=doc._.find_time, passages=doc._.passages, decide=model.decide if model else None)
    return doc


@Language.component("duban_figures", requires=["doc._.passages", "doc._.clauses"], assigns=["doc._.figures"])
def figures_component(doc: Doc) -> Doc:
    """Sets ``doc._.figures`` from ``doc._.parsed``'s sentences, baselines renumbered per document;
    a figure's kind follows the decision on its clause."""
    parsed = doc._.parsed
    found: list = []
    if parsed is not None:
        decided: dict[int, list] = {}
        for c in doc._.clauses:
            if c.kept or c.statement:
                decided.setdefault(c.sentence.index, []).append((c.clause.start, c.clause.end, c.kept))
        table = cells.cell_figures(parsed.sentences, doc._.passages)
        for position, (sentence, passage) in enumerate(zip(parsed.sentences, doc._.passages)):
            if position in table:
                found.append(table[position])
                continue
            base = len(found)
            found.extend(
                replace(f, baseline_of=f.baseline_of + base) if f.baseline_of is not None else f
                for f in figures.find_figures(sentence.text, sentence.start, sentence.index, passage.forward,
                                              problems=passage.kind == "problems",
                                              decided=decided.get(sentence.index, ()))
            )
    doc._.figures = found
    return doc


@Language.component("duban_topics", assigns=["doc._.sentence_topics"])
def topics_component(doc: Doc) -> Doc:
    parsed = doc._.parsed
    doc._.sentence_topics = topics.sentence_topics(parsed.sentences) if parsed is not None else []
    return doc


@Language.component("duban_commitments", requires=["doc._.clauses", "doc._.figures", "doc._.mentions", "doc._.find_time"],
                    assigns=["doc._.commitments"])
def commitments_component(doc: Doc) -> Doc:
    """Sets ``doc._.commitments``: the records of the clauses decided commitments."""
    parsed = doc._.parsed
    doc._.commitments = [] if parsed is None else commitments.find_commitments(
        parsed,
        figures=doc._.figures or (),
        find_time=doc._.find_time,
        region_for=lambda start, end: mentions.region_for_span(doc, start, end),
        clauses=doc._.clauses,
    )
    return doc
