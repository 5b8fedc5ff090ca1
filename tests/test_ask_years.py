"""Questions naming a year, asked over every tests/real document (tests/real/year_questions.jsonl).

Each question names a place and a year and was written, with the document that answers it,
from the documents and their gold metadata before duban was run on them; 12 of the 24 answer
from a document published in another year than the one asked about (a 2024 list announced on
2023-12-28, a 2022 总结 published in 2023), 4 from undated ones. A question is answered when that document is among
the top 10 results of ``ask`` (hit@10). Lexical channel, as ``duban ask`` without a model.

Measured (hit@10, dev 13 / test 11 questions): with the year matched to the publication date
only, dev 0.85 / test 1.00, with 12 answers relaxed (9 of them the year alone); with plan years
(index/years.py) dev 0.92 / test 1.00, with 3 relaxed (each the place). The dev miss is
f02, a 会昌县 notice that ingest files under 会同县 (its question's place is relaxed).
Session 7 (566 documents): dev 0.92, test 0.91 (10/11). The test question lost came with the
footer rule (c756a5a: a page's site is the owner its footer or 网站标识码 names), found by running
this test at each commit of the session on the final corpus (the session-start code passes 11/11
on it); the rule raised test region 144 -> 145/181 and was written on x01 (dev). By the project's
rule the test question is not read to patch it, so the test floor is the measurement less 0.03.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from paths import REAL

from duban.index import ask

pytestmark = pytest.mark.slow  # asks an index of every tests/real document (conftest real_index)
QUESTIONS = [json.loads(line) for line in (REAL / "year_questions.jsonl").read_text(encoding="utf-8").splitlines()]
FLOORS = {"dev": 0.89, "test": 0.88}


@pytest.fixture(scope="module")
def answers(real_index) -> dict[str, object]:
    return {q["q"]: ask(real_index, q["q"], date(2026, 12, 1)) for q in QUESTIONS}


def _found(answer, question: dict) -> bool:
    return any(h.source.endswith(question["file"]) for h in answer.results[:10])


@pytest.mark.parametrize("split", ["dev", "test"])
def test_year_questions_find_their_documents(answers, split):
    questions = [q for q in QUESTIONS if q["split"] == split]
    missed = sorted(q["file"] for q in questions if not _found(answers[q["q"]], q))
    # never a test document's name or question, in the message or in pytest's account of the assert
    shown = missed if split == "dev" else f"{len(missed)} missed"
    rate = 1 - len(missed) / len(questions)
    assert rate >= FLOORS[split], shown


@pytest.mark.parametrize("file", ["f03_yuanjiang_shishi_piaojue_2023.txt", "f10_hunan_minsheng_shishi_piaoxuan_2024_fanti.txt"])
def test_a_plan_published_the_year_before_answers_without_relaxing_the_year(answers, file):
    """f10 (湖南's 2024 vote, announced 2023-12-19) sits beside 湖南 documents of 2024 that pass the
    year filter: by publication date alone it was filtered out and nothing was relaxed."""
    question = next(q for q in QUESTIONS if q["file"] == file)
    answer = answers[question["q"]]
    assert "since,until" not in answer.relaxed and _found(answer, question)
