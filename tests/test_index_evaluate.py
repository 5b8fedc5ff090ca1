"""index/evaluate.py's match of a ranked hit against a gold quote."""

from __future__ import annotations

from duban.index.evaluate import score_question
from duban.records import Hit

M13 = "m13_wujiang_qu_2025_zhongdian_xiangmu_jindu_fanti_pinyin.txt"
# The sentence as the index holds it (cleaned: simplified script, pinyin glosses dropped) and
# the quote of tests/real/questions.jsonl, verbatim from the traditional-script page.
CLEANED = "2025年,我区共安排323个区级重点项目,计划总投资3497亿元,年度计划投资629亿元"
QUOTE = "共安排323個區(qū)級重點項目"


def _hit(sentence: str, source: str = f"tests/real/docs/{M13}") -> Hit:
    return Hit(rank=1, score=1.0, kind="sentence", text=sentence, sentence=sentence, document_id="d", source=source)


def test_evaluate_a_verbatim_traditional_quote_answers_its_cleaned_sentence():
    answers = [{"file": M13, "quote": QUOTE, "grade": "relevant"}]
    assert score_question([_hit(CLEANED)], answers) == (1.0, 1.0)


def test_evaluate_the_quote_must_come_from_its_file_and_sentence():
    answers = [{"file": M13, "quote": QUOTE, "grade": "relevant"}]
    assert score_question([_hit(CLEANED, "tests/real/docs/other.txt")], answers) == (0.0, 0.0)
    assert score_question([_hit("计划总投资3497亿元")], answers) == (0.0, 0.0)
