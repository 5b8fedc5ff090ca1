"""Clauses that follow real layouts (issue 10): numbered items run together, table cells under a
task or a progress column, an umbrella lending its items the plan and its year, news narration,
verbless fragments, and `duban commitments` on the 十件民生实事 of a real 政府工作报告."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from paths import REAL, ROOT
from typer.testing import CliRunner

from duban.cli import app
from duban.extract.commitments import _is_fragment, find_commitments, split_clauses
from duban.ingest import parse_raw, read_file

DATA = Path(__file__).parent / "data" / "commitments"


@pytest.mark.parametrize("sentence, clauses", [
    ("2024年重点抓好10件民生实事:(1)新增城镇就业岗位3000个(2)改造老旧小区12个。",
     ["2024年重点抓好10件民生实事:", "(1)新增城镇就业岗位3000个", "(2)改造老旧小区12个。"]),
    ("主要任务:①新建幼儿园3所②改造农村公路50公里。", ["主要任务:", "①新建幼儿园3所", "②改造农村公路50公里。"]),
    ("重点任务:1.新建幼儿园3所 2.改造农村公路50公里", ["重点任务:", "1.新建幼儿园3所 ", "2.改造农村公路50公里"]),
    ("按照(一)项规定,落实补贴标准(每人每月100元)。", ["按照(一)项规定,落实补贴标准(每人每月100元)。"]),  # a reference, no item
])
def test_layouts_numbered_items_inside_a_line_are_clauses(sentence, clauses):
    assert [c.text for c in split_clauses(sentence)] == clauses


def _real(path: Path, **changes):
    parsed = parse_raw(read_file(path, 10**8))
    return replace(parsed, **changes) if changes else parsed


def test_layouts_a_task_cell_promises_and_its_progress_cell_reports():
    # tests/real a12 (dev): 序号 | 任务要求 | 进展情况 |, 北京市民政局 2022
    parsed = _real(REAL / "docs" / "a12_beijing_mzj_2022_renwu_jinzhan_table.txt")
    texts = [c.text for c in find_commitments(parsed)]
    assert any("新建2000张养老家庭照护床位" in t for t in texts), texts[:10]
    assert not any("新建养老家庭照护床位3000余张" in t for t in texts)


def test_layouts_a_target_list_after_a_colon_promises_with_its_year():
    # tests/track sc_2025 (a news story on 四川's 2025 report): 今年发展主要预期目标是:…;…
    parsed = _real(ROOT / "tests" / "track" / "docs" / "sc_2025_targets_newssc.txt", date=date(2025, 1, 21))
    found = {c.text: c.deadline for c in find_commitments(parsed)}
    assert found.get("地区生产总值增长5.5%以上") == date(2025, 12, 31), list(found)[:10]
    assert found.get("城镇新增就业85万人") == date(2025, 12, 31)


def test_layouts_an_umbrellas_unnumbered_lines_closed_by_semicolons_are_its_items():
    # tests/real r11 (dev): 这八件民生实事项目是: ⏎ 完成…项目(三期); ⏎ … ⏎ 实施…项目。, one line each
    parsed = _real(REAL / "docs" / "r11_renhua_2025_minsheng_shishi_piaojue.txt")
    found = {c.text: c.deadline for c in find_commitments(parsed)}
    assert found.get("完成城镇老旧小区改造项目(三期)") == date(2025, 12, 31), list(found)
    assert found.get("实施第三批仁化县典型镇村建设项目") == date(2025, 12, 31)
    assert len(found) == 8


def test_layouts_news_of_a_meeting_narrates_unless_a_clause_promises():
    # tests/real a07 (dev): 2021年全省民政工作会议召开 (a news story whose title names the year's tasks)
    parsed = _real(REAL / "docs" / "a07_heilongjiang_2021_minzheng_gongzuohuiyi.txt")
    assert parsed.doc_type == "news"
    texts = [c.text for c in find_commitments(parsed)]
    assert not any("出席会议" in t or "会议召开" in t for t in texts), texts


@pytest.mark.parametrize("clause, fragment", [
    ("据悉,", True), ("11月8日,", True), ("新野县民政局", True),  # issue 10's news story
    ("克服重重困难", False),  # a verb (the classifier judges it)
    ("城镇调查失业率5.5%左右;", False),  # a target
    ("粮食物资南大中心库", False),  # a project named in a 实事 list (f03)
])
def test_layouts_verbless_fragments(clause, fragment):
    assert _is_fragment(clause) is fragment


def test_layouts_duban_commitments_lists_the_ten_shishi_of_a_government_report(tmp_path):
    """附件1 of the 2026 广东省政府工作报告 (tests/data/commitments/README.md): each of the ten
    numbered 实事 gives its commitments, and every one is due by the end of 2026."""
    doc = DATA / "guangdong_2026_shishi_excerpt.txt"
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    # --no-index: the commitments are the point, not embedding the report for search
    assert runner.invoke(app, ["ingest", str(doc), "--no-index", *data]).exit_code == 0
    result = runner.invoke(app, ["commitments", "--json", *data])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    text = _real(doc).text  # the cleaned text the offsets point into
    numerals = "一二三四五六七八九十"
    items = [text.index(f"\n{n}、") for n in numerals] + [len(text)]
    for n, (start, end) in zip(numerals, zip(items, items[1:])):
        inside = [r for r in rows if start <= r["start"] < end]
        assert inside, f"实事 {n} gave no commitment"
    assert {r["deadline"] for r in rows} == {"2026-12-31"}, {r["text"]: r["deadline"] for r in rows if r["deadline"] != "2026-12-31"}


def test_layouts_a_sentence_counting_its_shishi_heads_the_numbered_list_after_it():
    # tests/real f01 (dev): 县政府将继续…,重点抓好15件大事和民生实事。分别是: (1)…。 (2)…, no colon
    # of its own; the counting sentence announces the list and is no promise itself, and the items
    # take the year the title names (【直击两会】甘谷县政府2020年将为民办好15件大事和民生实事).
    parsed = _real(REAL / "docs" / "f01_gangu_15jian_dashi_2020.txt")
    found = {c.text: c.deadline_text for c in find_commitments(parsed)}
    assert found.get("加快建设总投资7.58亿元的县医院迁建项目") == "2020年", list(found)
    assert found.get("完成新安大道一期工程") == "2020年"  # a one-clause item is no heading
    assert found.get("为全县60岁以上老年人免费体检") == "2020年"
    assert not any("15件大事" in t for t in found)


def test_layouts_a_sentence_announcing_the_lines_after_it_is_no_promise():
    # tests/real d07 (dev): 今年,重庆将…接续办好15件重点民生实事。具体包括:⏎新开工改造…
    parsed = _real(REAL / "docs" / "d07_chongqing_15jian_minsheng_2025.txt")
    texts = [c.text for c in find_commitments(parsed)]
    assert "新开工改造城镇老旧小区3011万平方米" in texts
    assert not any("15件重点民生实事" in t for t in texts), texts[:5]


def test_layouts_a_run_in_heading_heads_the_sentence_detailing_its_topic():
    # tests/real a11 (dev, 2026 吉林省政府工作报告): 培育新型消费。发展数字消费、绿色消费，… heads its
    # details; 落实生育补贴政策。做好第33届世界大冬会筹备工作。 is a task of its own.
    texts = [c.text for c in find_commitments(_real(REAL / "docs" / "a11_jilin_2026_zfgzbg_github.txt"))]
    assert "培育新型消费" not in texts and "拓展文旅消费" not in texts
    assert "落实生育补贴政策" in texts and "发展数字消费、绿色消费" in texts


def test_layouts_a_voted_list_of_the_year_heads_its_item_headings_and_their_details():
    # tests/real h11 (dev, blind): …表决县政府2025年度十件民生实事项目 ⏎ 一、2025年村内基础设施提升工程 ⏎
    # 在17个乡镇(街道办)硬化道路10万平方米并安装太阳能路灯1000盏,…: the details promise, the heading
    # line heads them, and effects (有效改善9万人口的饮水安全问题) promise nothing.
    found = {c.text: c.deadline_text for c in find_commitments(_real(REAL / "docs" / "h11_shexian_2025_shijian_minsheng_shishi_rongmeiti.txt"))}
    assert found.get("维修更换农村37处的机泵、阀门") == "2025年度", list(found)
    assert not any(t.endswith("村内基础设施提升工程") for t in found)
    assert "有效改善9万人口的饮水安全问题" not in found
