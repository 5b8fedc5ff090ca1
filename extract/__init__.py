"""Extraction: figures, time expressions, region mentions, topics and commitments."""

from __future__ import annotations

from ..records import Extraction, ParsedDocument
# Bump when extraction rules change: `duban extract` redoes documents extracted by another version.
# 0.6: one passage model (passages.py); 0.6.1: counted 实事 lists, run-in headings; 0.6.2: others'
# duties (各责任单位要…), generic 确保, a government report's page without a review is its plan;
# 0.6.3: items closed by (…局负责) tags are a plan, 预计 is no forward cue, a government report's
# undated items take the year it is given in; 0.6.4: deadlines (extract/deadlines.py): a sentence's,
# paragraph's or umbrella's opening time, a story lead's deployed period, a template's year;
# 0.6.5: a title line with a wider period (三、“十五五”时期…) opens its part, a work plan's dated year;
# 0.6.6: the clause model counts each hashed feature once, as it was trained (a repeated bigram no more).
# 0.6.8: figures: congress sessions (十四届四次全会) and line-opening item numbers are no counts,
# 3个亿元以上项目 is 3, 五部门 counts like 4部门, 课时 is a unit, a 实事 list's count is a target.
# 0.6.9: deadlines: titles' plan years, deploys' arranging leads; 0.6.10: figures: a voltage class
# (110千伏), places named with a numeral and 台 (四台地区), a count pointed back at (这十件实事).
# 0.6.12: a purpose verb opening its sentence or item is the action (提高农村最低生活保障标准。), a clause
# giving only a project's site, cost, area or length describes it (总投资120万元, 占地500余亩);
# 0.6.13: a 意见's framing is a slogan (做好2025年…工作, 锚定…目标).
# 0.6.14: a 实事 list's count is a target only where its clause is not decided a statement;
# 0.6.15: 因此 / 为此 before a count are connectives, not 此 pointing back.
EXTRACTOR_VERSION = "0.6.17"
# The EXTRACTOR_VERSION whose rules the shipped clause model (extract/data/clause_model.npz) was
# trained on; its features are the same names since. 0.6.2's model (threshold for F-0.7 on dev CV)
# scored better than 0.6.0's on both splits (README, "How well it works"); 0.6.3's rules came after
# it. Set it to EXTRACTOR_VERSION whenever `python -m duban.extract.train` writes a new model.
CLAUSE_MODEL_VERSION = "0.6.2"

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
