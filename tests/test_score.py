"""The scorer: matching, P/R/F1 and field accuracies (score.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from paths import SEEDS_GOLD

from duban.errors import InputError
from duban.score import (
    FIGURE_WINDOW,
    PRFScore,
    Report,
    default_docs_dir,
    evaluate,
    match_spans,
    read_gold,
    score_document,
)
from duban.records import Commitment, Extraction, Figure, ParsedDocument, Quantity, Region

LINYI = Region("临沂市", "371300", "city", "山东省", "临沂市")

# Seed 000 excerpt: the raw page has site chrome and full-width commas that cleaning removes.
RAW = "首页 > 新闻\n孙百迎：下半年，一是要建立困难群众基本生活保障协调机制。全年将新增养老床位4000张，其中护理型床位2000张。"
CLEAN = "孙百迎:下半年,一是要建立困难群众基本生活保障协调机制。全年将新增养老床位4000张,其中护理型床位2000张。"
Q1, Q2, Q3 = "要建立困难群众基本生活保障协调机制", "将新增养老床位4000张", "其中护理型床位2000张"


def _gold() -> dict:
    def at(text):
        return RAW.index(text)

    return {
        "file": "000.txt", "doc_type": "interview", "region": "临沂市", "date": "2020-09-08",
        "commitments": [
            {"quote": Q1, "region": "临沂市", "topic": "社会救助", "quantity": None,
             "deadline": "下半年", "start": at(Q1)},
            {"quote": Q2, "region": "临沂市", "topic": "养老服务", "deadline": "全年",
             "quantity": {"value": 4000, "unit": "张", "text": "4000张"}, "start": at(Q2)},
            {"quote": Q3, "region": "临沂市", "topic": "养老服务", "deadline": "全年",
             "quantity": {"value": 2000, "unit": "张", "text": "2000张"}, "start": at(Q3)},
        ],
        "figures": [
            {"text": "4000张", "value": 4000, "unit": "张", "kind": "target", "start": at("4000张")},
            {"text": "2000张", "value": 2000, "unit": "张", "kind": "target", "start": at("2000张")},
        ],
    }


def _parsed(**overrides) -> ParsedDocument:
    fields = dict(source="000.txt", sha256="0" * 64, format="txt", raw_text=RAW, text=CLEAN,
                  date=date(2020, 9, 8), doc_type="interview", region=LINYI)
    fields.update(overrides)
    return ParsedDocument(**fields)


def _commitment(quote: str, topic: str, qty: float | None = None, deadline: str | None = None,
                shift: int = 0, cut: int = 0) -> Commitment:
    start = CLEAN.index(quote) + shift
    end = CLEAN.index(quote) + len(quote) + shift - cut
    quantity = Quantity(qty, "张", f"{qty:g}张") if qty is not None else None
    return Commitment(CLEAN[start:end], start, end, 0, topic, region=LINYI, quantity=quantity,
                      deadline_text=deadline)


def _figure(text: str, value: float, kind: str = "target") -> Figure:
    start = CLEAN.index(text)
    return Figure(text, start, start + len(text), 1, value, "张", kind=kind)


def _perfect() -> Extraction:
    return Extraction(
        commitments=[
            _commitment(Q1, "社会救助", deadline="下半年"),
            _commitment(Q2, "养老服务", 4000, "全年"),
            _commitment(Q3, "养老服务", 2000, "全年"),
        ],
        figures=[_figure("4000张", 4000), _figure("2000张", 2000)],
    )


def test_score_perfect_prediction():
    score = score_document(_gold(), _parsed(), _perfect())
    assert (score.commitments.f1, score.figures.f1) == (1.0, 1.0)
    assert all(acc.value == 1.0 for acc in score.fields.values()), score.to_dict()
    assert all(acc.value == 1.0 for acc in score.metadata.values())
    assert score.unplaced == []


def test_score_empty_prediction():
    score = score_document(_gold(), _parsed(), Extraction())
    assert score.commitments.to_dict() == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 3}
    assert score.figures.fn == 2
    assert score.fields["commitment.topic"].value is None  # no matched pairs to judge


def _one(commitment: Commitment) -> PRFScore:
    return score_document(_gold(), _parsed(), Extraction(commitments=[commitment])).commitments


def test_score_half_overlap_is_the_threshold():
    # Q2 has 12 characters; a 12-character prediction shifted left by 6 shares half of it.
    assert len(Q2) == 12
    assert _one(_commitment(Q2, "养老服务", shift=-6)).tp == 1
    less = _one(_commitment(Q2, "养老服务", shift=-7))
    assert (less.tp, less.fp, less.fn) == (0, 1, 3)


def test_score_short_prediction_inside_the_gold_matches():
    # Half of the shorter span: 将新增养老床位 (7 characters) lies wholly inside Q2.
    assert _one(_commitment(Q2, "养老服务", cut=5)).tp == 1


def test_score_longer_prediction_matches_when_it_covers_the_shorter_gold():
    # The whole sentence as one prediction covers Q2 and Q3; it may match only one of them.
    sentence = "全年将新增养老床位4000张,其中护理型床位2000张"
    start = CLEAN.index(sentence)
    whole = Commitment(sentence, start, start + len(sentence), 1, "养老服务", region=LINYI)
    score = score_document(_gold(), _parsed(), Extraction(commitments=[whole]))
    assert (score.commitments.tp, score.commitments.fp, score.commitments.fn) == (1, 0, 2)


def test_score_fields_on_matched_pairs():
    predicted = _perfect()
    predicted.commitments[1] = _commitment(Q2, "其他", 400, "明年")  # wrong topic, quantity, deadline (年内 is 全年's period)
    predicted.figures[0] = _figure("4000张", 400, kind="achieved")
    score = score_document(_gold(), _parsed(region=None, date=None), predicted)
    assert score.commitments.f1 == 1.0
    assert score.fields["commitment.topic"].correct == 2
    assert score.fields["commitment.quantity"].correct == 2
    assert score.fields["commitment.deadline"].correct == 2
    assert score.fields["figure.value"].correct == score.fields["figure.kind"].correct == 1
    assert {k: v.correct for k, v in score.metadata.items()} == {"doc_type": 1, "region": 0, "date": 0}


def test_score_figures_need_the_same_text_at_the_same_place():
    at = CLEAN.index("2000张")
    without_unit = Figure("2000", at, at + 4, 1, 2000, None)
    far_away = Figure("4000张", at + FIGURE_WINDOW + 40, at + FIGURE_WINDOW + 45, 1, 4000, "张")
    for figure in (without_unit, far_away):
        score = score_document(_gold(), _parsed(), Extraction(figures=[figure]))
        assert (score.figures.tp, score.figures.fp, score.figures.fn) == (0, 1, 2), figure


def test_score_matches_traditional_gold_figures_and_ignores_a_leading_qualifier():
    # tests/real b21 (dev, traditional script): gold 新增養老床位172張 as the raw page has it,
    # duban's figure in the simplified clean text; c02 (dev): gold 15000人次 after 超.
    raw = "2024年靜安區將新增養老床位172張,實現超15000人次青少年個案諮詢。"
    clean = "2024年静安区将新增养老床位172张,实现超15000人次青少年个案咨询。"
    gold = {"file": "b21.txt", "commitments": [], "figures": [
        {"text": "172張", "value": 172, "unit": "張", "kind": "target", "start": raw.index("172張")},
        {"text": "15000人次", "value": 15000, "unit": "人次", "kind": "target", "start": raw.index("15000")}]}
    at, over = clean.index("172张"), clean.index("超15000")
    predicted = Extraction(figures=[Figure("172张", at, at + 4, 0, 172, "张", kind="target"),
                                    Figure("超15000人次", over, over + 8, 0, 15000, "人次", kind="target")])
    score = score_document(gold, _parsed(raw_text=raw, text=clean), predicted)
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (2, 0, 0)


def test_score_places_gold_after_an_occurrence_that_cleaning_removed():
    # Seed 003: a "10" in the page chrome is cleaned away, so the gold "10" of 计划改造10民营
    # 养老机构 is the first in the clean text, not the second as counting raw occurrences says.
    report = "全年计划改造10民营养老机构,启动农村养老管理服务队伍建设。"
    filler = "全市民政系统持续推进社会救助、养老服务和基层治理各项工作。" * 4
    later = "目前全市共有养老机构10家。"
    raw = "首页 > 第10期\n" + report + filler + later
    clean = report + filler + later
    first, second = raw.index("10民营"), raw.rindex("10家")
    gold = {"file": "003.txt", "doc_type": "work_report", "region": "临沂市", "date": "2020-09-08",
            "commitments": [],
            "figures": [{"text": "10", "value": 10, "unit": "个", "kind": "target", "start": first},
                        {"text": "10家", "value": 10, "unit": "家", "kind": "achieved", "start": second}]}
    at = clean.index("10民营")
    predicted = Extraction(figures=[Figure("10", at, at + 2, 0, 10, "个", kind="target")])
    assert clean.rindex("10家") - at > FIGURE_WINDOW
    score = score_document(gold, _parsed(raw_text=raw, text=clean), predicted)
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (1, 0, 1)
    assert score.fields["figure.kind"].value == 1.0 and not score.unplaced


def test_score_deadline_ignores_quotes_and_period_suffix():
    gold = _gold()
    gold["commitments"][0]["deadline"] = "十四五"
    predicted = _perfect()
    predicted.commitments[0] = _commitment(Q1, "社会救助", deadline="“十四五”期间")
    score = score_document(gold, _parsed(), predicted)
    assert score.fields["commitment.deadline"].value == 1.0


def test_match_spans_is_one_to_one_and_greedy_by_overlap():
    gold = [(0, 10), (10, 20), None]
    predicted = [(2, 12), (0, 9), (30, 40)]
    assert match_spans(gold, predicted) == [(0, 1)]  # (2,12) overlaps (10,20) by 2 < half
    assert match_spans(gold, [(5, 18)]) == [(1, 0)]  # 8 with the second beats 5 with the first


def test_prf_score_arithmetic():
    total = PRFScore(2, 1, 0)
    total += PRFScore(1, 0, 3)
    assert (total.tp, total.fp, total.fn) == (3, 1, 3)
    assert total.precision == 0.75 and total.recall == 0.5
    assert total.f1 == pytest.approx(0.6)
    assert PRFScore().f1 == 0.0


def test_report_totals_dict_and_table():
    report = Report([score_document(_gold(), _parsed(), _perfect()),
                     score_document(_gold(), _parsed(), Extraction())])
    data = report.to_dict()
    assert data["overall"]["commitments"]["tp"] == 3 and data["overall"]["commitments"]["fn"] == 3
    assert data["overall"]["metadata"]["doc_type"] == {"accuracy": 1.0, "correct": 2, "total": 2}
    json.dumps(data)  # JSON-ready
    table = report.format_table()
    assert "overall" in table and "000.txt" in table and "commitment.topic 1.00 (3/3)" in table


def _without_figure_gold(**mark) -> dict:
    gold = _gold()
    gold["figures"] = []
    gold.update(mark)
    return gold


def test_a_document_without_figure_gold_scores_no_figures():
    # tests/real lines have "figures": [] where nobody annotated figures: duban's figures there
    # are no false positives, and no figure field is judged.
    score = score_document(_without_figure_gold(), _parsed(), _perfect())
    assert score.figures is None and not any(k.startswith("figure.") for k in score.fields)
    assert score.to_dict()["figures"] == "not annotated"
    assert score.commitments.f1 == 1.0


def test_a_document_marked_annotated_with_no_figures_counts_every_prediction():
    score = score_document(_without_figure_gold(figures_annotated=True), _parsed(), _perfect())
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (0, 2, 0)


def test_figures_are_totalled_over_annotated_documents_only_and_a_split_without_says_so():
    annotated = replace(score_document(_gold(), _parsed(), _perfect()), split="dev")
    bare = replace(score_document(_without_figure_gold(), _parsed(), _perfect()), split="test")
    report = Report([annotated, bare])
    assert (report.figures.tp, report.figures.fp, report.figure_documents) == (2, 0, 1)
    splits = report.to_dict()["splits"]
    assert splits["dev"]["figures"]["f1"] == 1.0 and splits["dev"]["figure_documents"] == 1
    assert splits["test"]["figures"] == "not annotated" and splits["test"]["figure_documents"] == 0
    assert "figure.kind" not in splits["test"]["fields"]
    table = report.format_table()
    test_part = table[table.index("split test"):]
    assert "  figures: not annotated" in test_part and "figure." not in test_part
    assert "  figures (1 of 1 documents annotated): 1.00  1.00  1.00  2/0/0" in table


def test_read_gold_rejects_a_file_that_is_not_jsonl(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl"):
        read_gold(path)


def test_default_docs_dir(tmp_path):
    (tmp_path / "gold").mkdir()
    assert default_docs_dir(tmp_path / "gold" / "x.jsonl") == tmp_path / "seeds"
    (tmp_path / "gold" / "docs").mkdir()
    assert default_docs_dir(tmp_path / "gold" / "x.jsonl") == tmp_path / "gold" / "docs"


def test_evaluate_runs_on_the_seeds():
    report = evaluate(SEEDS_GOLD)
    assert [d.file for d in report.documents] == [g["file"] for g in read_gold(SEEDS_GOLD)]
    assert all(d.error is None for d in report.documents), report.format_table()
    assert report.commitments.tp > 0 and report.figures.tp > 0


def test_a_deadline_is_compared_as_written_less_its_framing():
    from duban.score import _deadline_key

    assert _deadline_key("“十四五”期间") == _deadline_key("十四五")
    assert _deadline_key("2025年度") == _deadline_key("2025年")
    assert _deadline_key("2025年") != _deadline_key("2024年") and _deadline_key(None) is None


def test_two_phrases_naming_one_period_against_the_gold_date_are_one_deadline():
    # a22 (dev): 今年经济社会发展主要预期目标是：… in a report of 2026-02-02, gold 2026年.
    from duban.score import _same_deadline

    assert _same_deadline("2026年", "今年", "2026-02-02")
    assert not _same_deadline("2026年", "今年", "2025-01-19")
    assert not _same_deadline("2026年", "今年", None)  # no gold date: only the phrases
    assert not _same_deadline("年底前", "2023年", "2023-03-01")  # periods that start apart
    assert not _same_deadline("今年", None, "2026-02-02") and _same_deadline(None, None, None)


def test_a_gold_year_or_month_is_matched_by_a_day_inside_it():
    # ad06 (dev, tests/real): 常宁市统计局 2021年上半年工作总结 has no date line; its gold date is 2021.
    from duban.score import _same_date, _same_deadline

    assert _same_date("2021", "2021-07-12") and _same_date("2021-07", "2021-07-12")
    assert not _same_date("2021", "2022-01-05") and not _same_date("2021-07", "2021-08-01")
    assert _same_date("2021-07-12", "2021-07-12") and not _same_date("2021", None)
    assert _same_deadline("2022年", "明年", "2021")  # a year's gold date resolves from its first day
