"""Deadlines of commitments (issue 10, attribution): each rule of extract/deadlines.py on a real
dev document of tests/real, read as duban reads it (cleaned, simplified script)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from paths import REAL

from duban.extract import extract_document
from duban.extract.commitments import find_commitments
from duban.extract.deadlines import deployed_period, lead_year, opening_time, title_year
from duban.extract.passages import time_functions
from duban.ingest import parse_raw, read_file


def _parsed(prefix: str):
    path = next((REAL / "docs").glob(f"{prefix}_*.txt"))
    return parse_raw(read_file(path, 10**8))


def _deadlines(prefix: str) -> dict[str, str | None]:
    return {c.text: c.deadline_text for c in find_commitments(_parsed(prefix))}


def _extracted(prefix: str) -> dict[str, str | None]:
    """Deadlines of the whole extraction's commitments (rules and clause classifier)."""
    return {c.text: c.deadline_text for c in extract_document(_parsed(prefix)).commitments}


def _sentence(parsed, start: str) -> str:
    return next(s.text for s in parsed.sentences if s.text.startswith(start))


def test_a_story_lead_deploying_a_period_bounds_the_meetings_demands():
    # d20: 陕西省民政厅召开2023年上半年民政重点工作分析会,…,安排部署下半年重点工作任务。
    parsed = _parsed("d20")
    find_time, resolve = time_functions(parsed)
    assert deployed_period(parsed, find_time, resolve) == "下半年"
    assert _deadlines("d20")["要加快推进地名故事上线播出"] == "下半年"


def test_a_meeting_that_deploys_next_years_tasks_lends_that_year():
    # b13: 會議總結(jié)2024年民政工作,部署2025年任務(wù) (a news story without a date)
    found = _deadlines("b13")
    assert found["要完善省市县乡村五级老龄工作体系"] == "2025年", found


def test_a_title_naming_its_plan_year_without_nian():
    # l07: 《政府工作报告》解读2017:十件实事 (its items 1.…10. name no time of their own)
    parsed = _parsed("l07")
    assert title_year(parsed, time_functions(parsed)[1]) == "2017年"
    # …and the sentence announcing the list (今年,我市将办好…“十件实事”) names it first, as gold does.
    assert _deadlines("l07")["新增新型公交车50台"] == "今年"


def test_a_title_in_traditional_script_names_the_plan_year():
    # c03: 【聚焦兩會(huì)】宜城2024年十件民生實(shí)事“出爐” (the title keeps the page's script)
    parsed = _parsed("c03")
    assert title_year(parsed, time_functions(parsed)[1]) == "2024年"
    assert _deadlines("c03")["新改建农村公路180公里"] == "2024年"


def test_a_title_year_over_by_the_document_date_is_no_plan_year():
    parsed = _parsed("c03")
    assert title_year(replace(parsed, date=date(2025, 3, 1)), time_functions(parsed)[1]) is None


@pytest.mark.parametrize("name, period, quote", [
    # d19: 2月11日,記者從…了解到,2015年,秦安縣…將集中力量辦好十件民生實(shí)事。這十件民生實(shí)事分別是:…
    ("d19", "2015年", "改造农村危旧房2000户"),
    # v01 (undated): 根据市委市政府和上级民政部门工作要求,现对2023年全市民政工作做出如下安排。
    ("v01", "2023年", "增加“社会救助一件事”联办事项"),
], ids=["the sentence announcing the list", "a lead arranging a year's work"])
def test_a_deploying_sentence_lends_its_year(name, period, quote):
    parsed = _parsed(name)
    find_time, resolve = time_functions(parsed)
    assert deployed_period(parsed, find_time, resolve) == period
    assert _deadlines(name)[quote] == period


def test_an_opening_time_after_a_narration_lead():
    # c03: 据了解,2024年宜城市将聚焦群众关心关切,集中力量办好十件为民实事:一是…
    parsed = _parsed("c03")
    find_time, resolve = time_functions(parsed)
    line = _sentence(parsed, "据了解,2024年")
    assert opening_time(line, find_time, parsed.date, resolve) == "2024年"


def test_an_events_date_opening_a_sentence_is_no_plan_time():
    # d19: 2月11日,记者从刚刚闭幕的秦安县第十七届人民代表大会第四次会议上了解到,2015年,…
    parsed = _parsed("d19")
    find_time, resolve = time_functions(parsed)
    line = _sentence(parsed, "2月11日")
    assert opening_time(line, find_time, date(2015, 2, 11), resolve) is None


def test_a_title_line_naming_a_wider_period_opens_a_part_of_its_own():
    # a11: 三、“十五五”时期主要目标任务 after the 2026 work plan of a 2026 政府工作报告
    found = _deadlines("a11")
    assert found["提升文化软实力"] == "十五五"


def test_a_work_plan_without_a_year_in_its_title_plans_the_year_it_is_dated():
    # g11: 三水区 2007-04-13, 区政府决定对…工作任务实施部门分工负责制 (no title found)
    found = _deadlines("g11")
    assert found["强化政府决策的权威"] == "2007年"


def test_a_title_naming_a_work_plan_by_guihua():
    # l03: 2023年街道2023年工作规划 (an undated page)
    assert _deadlines("l03")["力争创办10家以上的党支部领办合作社"] == "2023年"


def test_an_undated_clauses_part_of_a_year_stays_its_deadline():
    # a14 (an undated page under "2023年,天津要办这些大事!"): 国家会展中心(天津)二期项目6月底竣工 and
    # 津兴城际年底前建成通车 bound themselves; only a whole-year phrase (全年) defers to the plan year.
    found = _deadlines("a14")
    assert found["国家会展中心(天津)二期项目6月底竣工"] == "6月底"
    assert found["津兴城际年底前建成通车"] == "年底前"


def test_a_part_of_a_year_opening_an_undated_sentence_bounds_its_clauses():
    # a14: 年底前建成8条城市道路,优化公交线路40条,新增停车泊位5000个、公共充电桩2000个,…
    parsed = _parsed("a14")
    find_time, resolve = time_functions(parsed)
    line = _sentence(parsed, "年底前建成8条城市道路")
    assert opening_time(line, find_time, None, resolve) == "年底前"
    assert _deadlines("a14")["优化公交线路40条"] == "年底前"


def test_a_title_year_bounds_a_table_row_outside_a_plan_passage():
    # j03: 2022年度市县民生实事未完成项目进度表(截至10月31日): its rows name no time of their own
    # (the row is kept by the clause classifier, so the whole extraction is read)
    assert _extracted("j03")["新增公办幼儿学位1000个"] == "2022年"


def test_a_reports_date_year_bounds_only_its_plan_passages():
    # c10, a 2022 政府工作报告 with no year in its title: 我们将深入学习…抓整改 answers a review, not the plan
    assert _deadlines("c10")["深刻剖析问题根源"] is None


def test_a_title_naming_a_review_and_a_plan_gives_the_plans_year():
    # b06: 昌硕街道2022年工作总结和2023年工作计划; c14: 2023年国民经济和社会发展计划执行情况与2024年
    # 国民经济和社会发展计划草案的报告 (the year of the review comes first in both)
    for prefix, year in (("b06", "2023年"), ("c14", "2024年")):
        parsed = _parsed(prefix)
        assert title_year(replace(parsed, date=None), time_functions(parsed)[1]) == year, prefix


def test_a_development_plan_in_the_title_names_the_plan_year():
    # r07: 【文字解读】公园街道2024年度国民经济和社会发展计划解读 (an undated page)
    assert _deadlines("r07")["健全政策协调和工作协同机制"] == "2024年"


def test_an_opening_time_after_a_lead_in():
    # w12 (undated): 在继续做好扶贫工作上,今年我省将扶持60万建档立卡贫困人口增加收入;…,实施重点项目300个
    parsed = _parsed("w12")
    find_time, resolve = time_functions(parsed)
    line = _sentence(parsed, "在继续做好扶贫工作上")
    assert opening_time(line, find_time, parsed.date, resolve) == "今年"
    assert _extracted("w12")["实施重点项目300个"] == "今年"


def test_the_sentence_announcing_the_list_with_will_in_an_earlier_clause():
    # n06 (undated): 今年,省政府将突出重点、加大投入、完善措施,继续办好十件实事。这十件实事包括,…
    parsed = _parsed("n06")
    find_time, resolve = time_functions(parsed)
    assert deployed_period(parsed, find_time, resolve) == "今年"


def test_an_untitled_reports_lead_naming_the_years_plan_lends_its_year():
    # j04 (no title): 市政府政务督查室近期对《政府工作报告》确定的2021年重点工作上半年完成情况进行了督查
    parsed = _parsed("j04")
    assert lead_year(parsed, time_functions(parsed)[1]) == "2021年"
    # The rules keep none of this progress report's restated targets; the clause model keeps some
    # (0.6.60's kept 新开工亿元以上产业项目100个, 0.6.66's keeps the 30家 target), each with the lead's year.
    assert _extracted("j04")["省级工业互联网融合发展试点示范企业总数达30家"] == "2021年"


def test_a_date_in_a_line_is_no_plan_year():
    # j05: 第一篇:2014—6汉滨老城办未雨绸缪打造十大民生工程 (June 2014, not the plan of 2014)
    parsed = _parsed("j05")
    assert lead_year(parsed, time_functions(parsed)[1]) is None
