"""The one plan/report model (extract/passages.py) and what reads it: figure kinds and
commitments agree on every clause of every gold document."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from paths import REAL, ROOT, SEEDS, SEEDS_GOLD

from duban.extract.passages import sentence_passages
from duban.records import ParsedDocument, Sentence


def _parsed(lines: list[str | tuple[str, ...]], when: date = date(2024, 1, 20),
            doc_type: str = "government_report") -> ParsedDocument:
    """One paragraph per line, one sentence per line; a tuple of sentences is one paragraph."""
    text, rows = "", []
    for n, line in enumerate(lines):
        for sentence in (line,) if isinstance(line, str) else line:
            rows.append(Sentence(index=len(rows), start=len(text), end=len(text) + len(sentence), text=sentence,
                                 paragraph=n))
            text += sentence
        text += "\n"
    return ParsedDocument(source="t", sha256="0" * 64, format="txt", raw_text=text, text=text, date=when,
                          doc_type=doc_type, sentences=rows)


def test_passages_an_umbrella_lends_its_items_the_plan_and_its_year():
    # the shape of a county 政府工作报告's 民生实事 list (issue 10: 重点抓好10件民生实事:)
    parsed = _parsed([
        "一、2023年工作回顾",
        "新建养老服务中心3个。",
        "2024年重点抓好10件民生实事：",
        "（1）新增城镇就业岗位3000个。",
        "（2）改造老旧小区12个。",
        "二、加强政府自身建设",
    ])
    passages = sentence_passages(parsed)
    assert [p.kind for p in passages[:2]] == ["report", "report"]
    assert [(p.kind, p.deadline_text, p.umbrella) for p in passages[3:5]] == [("plan", "2024年", 2)] * 2
    assert passages[5].umbrella is None  # another kind of marker: the list is over


def test_passages_mark_the_paragraphs_that_tell_done_work():
    # m13 (a progress report) and s01 (a plan excerpt), dev: the clause model reads the hint (issue 10)
    parsed = _parsed([
        ("2025年,我区共安排323个区级重点项目,计划总投资3497亿元。", "截至8月底已完成投资487.68亿元,完成年度计划的77.53%。"),
        "加大以工代赈政策实施力度，开发城镇公益性岗位5000个。",
    ], when=None)
    assert [p.done for p in sentence_passages(parsed)] == [True, True, False]


def test_one_documents_time_finder_finds_each_texts_phrases_once_against_its_date(monkeypatch):
    """passages.time_finder, which the passage model, the clauses and the deadlines share."""
    from duban.extract import timex
    from duban.extract.passages import time_finder

    parsed = _parsed(["2024年重点抓好10件民生实事：", "（1）年底前新增城镇就业岗位3000个。"])
    asked, real = [], timex.find_times
    monkeypatch.setattr(timex, "find_times", lambda text, when: asked.append((text, when)) or real(text, when))
    find_time, item = time_finder(parsed), parsed.sentences[1].text
    assert find_time(item) == find_time(item) == ["年底前"]
    assert asked == [(item, parsed.date)]


def test_passages_a_report_list_is_no_umbrella():
    parsed = _parsed(["一、工作回顾", "今年以来主要做了以下工作：", "（1）新建养老服务中心3个。"])
    assert [p.kind for p in sentence_passages(parsed)] == ["report"] * 3


def test_passages_a_year_already_over_heads_no_plan():
    # a11 (tests/real): 2025年是“十四五”收官之年 in the 2026 report opens its review
    parsed = _parsed(["一、工作回顾", "2025年是“十四五”收官之年，我们将奋进。", "地区生产总值增长5%。"],
                     when=date(2026, 2, 1))
    assert [p.kind for p in sentence_passages(parsed)] == ["report"] * 3


def test_passages_a_target_line_opening_with_this_year_stays_in_the_plan():
    # a11: 今年经济社会发展主要预期目标是：… is a plan, 今年是…开局之年 the present
    parsed = _parsed(["二、2026年工作安排", "今年是“十五五”开局之年。", "今年经济社会发展主要预期目标是：地区生产总值增长5%左右。"],
                     when=date(2026, 2, 1))
    assert [p.kind for p in sentence_passages(parsed)] == ["plan", "report", "plan"]


def test_passages_a_title_naming_only_a_year_needs_a_promise_after_it():
    # d13 (tests/real): an undated infographic's 2023年 above its results is no plan heading
    parsed = _parsed(["2023年", "重庆地区生产总值迈上3万亿元新台阶", "城镇新增就业73.9万人", "居民收入稳步提升"],
                     when=None, doc_type="news")
    assert [p.kind for p in sentence_passages(parsed)] == ["report"] * 4


def test_passages_a_year_title_followed_by_its_blueprint_opens_a_plan():
    # c22 (tests/real): 2023年 ⏎ 武穴擘画了怎样的新蓝图? heads the year's tasks
    parsed = _parsed(["2023年", "武穴擘画了怎样的新蓝图?", "1、优化教育资源布局。", "市中医院实现整体搬迁。"],
                     when=None, doc_type="other")
    assert [(p.kind, p.deadline_text) for p in sentence_passages(parsed)] == [("plan", "2023年")] * 4


def test_passages_a_numbered_item_for_people_in_difficulty_is_no_problems_heading():
    # b22 (tests/real): a 实事 list reported done; 困难 qualifies the people served
    parsed = _parsed(["(七)完成300户困难重度残疾人家庭无障碍改造", "完成350户困难重度残疾人家庭无障碍改造,超额完成年度任务。",
                      "二、存在的困难和问题", "资金缺口较大。"], doc_type="work_report")
    assert [p.kind for p in sentence_passages(parsed)] == ["report", "report", "problems", "problems"]


def test_passages_a_sentence_opening_on_a_year_that_is_over_reports_inside_a_plan():
    # b21 (tests/real, dev; cleaned to simplified script), a story of 2024-01-18 under the title of
    # the 2024 list: last year's results are no items of it, this year's are
    parsed = _parsed(["上海静安发布2024年十项为民办实事项目",
                      ("2023年,静安区实现区级一般公共预算收入287.80亿元,同比增长3%,总量位列上海中心城区第一。",
                       "2023年,引进税收千万级以上项目156个,同比增长39%;200幢重点楼宇实现税收622.08亿元,亿元楼新增6幢,达到88幢。"),
                      "2024年,静安区将持续推进“美丽家园”建设,实施各类旧住房修缮改造100万平方米。"],
                     when=date(2024, 1, 18), doc_type="news")
    assert [p.kind for p in sentence_passages(parsed)] == ["report", "report", "report", "plan"]


def test_passages_a_meetings_instructions_head_the_bare_actions_after_them():
    # y08 (tests/real, dev): 会议强调,要… lays out the year's work; the paragraph's bare actions are its items
    from duban.extract.commitments import decide_clauses

    parsed = _parsed(["据农业农村部网站21日消息,12月20日,全国农业农村厅局长会议在北京召开,农业农村部党组书记、部长唐仁健出席会议并讲话。",
                      ("会议强调,要聚焦重点狠抓落实,扎实有力做好2024年农业农村工作。",
                       "毫不松懈抓好粮油生产,稳口粮、稳玉米、稳大豆,继续扩大油菜面积,切实抓好粮油等主要作物大面积单产提升,持续推进大豆油料生产。"),
                      "会议指出,过去一年,农业农村发展取得了新成效。"],
                     when=date(2023, 12, 21), doc_type="news")
    assert [p.kind for p in sentence_passages(parsed)] == ["report", "plan", "plan", "report"]
    kept = [c.clause.text.strip("。,") for c in decide_clauses(parsed) if c.kept and c.sentence.index == 2]
    assert "继续扩大油菜面积" in kept and "持续推进大豆油料生产" in kept


def test_passages_a_plan_documents_content_heads_its_paragraph_only():
    # ar15 (tests/real, dev): news of a 通知; what the notice lays down is the issuer's plan, bare verb
    # phrases too, for the frame's paragraph; the story's own words after it report (o11: a draft)
    from duban.extract.commitments import decide_clauses

    parsed = _parsed(["中新网贵阳8月12日电(冷桂玉)记者12日从贵州省政府办公厅获悉,贵州省政府办公厅日前印发《关于大力实施基础设施“六网会战”的通知》(以下简称《通知》)。",
                      "《通知》明确,统筹规划贵州全省天然气“一张网”,强化天然气“毛细血管”建设,推进天然气进社区、进园区、进院落。",
                      "贵州全省88个县(市、区、特区)通天然气。"],
                     when=date(2019, 8, 12), doc_type="news")
    assert [p.kind for p in sentence_passages(parsed)] == ["report", "plan", "report"]
    clauses = {c.clause.text.strip("。,"): c.kind for c in decide_clauses(parsed) if c.sentence.index == 1}
    assert clauses["《通知》明确"] == "statement"  # the frame itself promises nothing
    assert clauses["强化天然气“毛细血管”建设"] == "commitment"


def test_passages_a_frame_by_the_plan_gives_the_time_after_it():
    # ao09 (tests/real, dev; cleaned to simplified script): 根据方案,到2027年,… dates the plan it opens
    parsed = _parsed(["根据方案,到2027年,全省细颗粒物(PM2.5)平均浓度稳定达到国家空气质量二级标准,基本消除重污染天气。"],
                     when=date(2023, 3, 1), doc_type="news")
    assert [(p.kind, p.deadline_text) for p in sentence_passages(parsed)] == [("plan", "到2027年")]
    # seed 003, a quarter's review: what was done by a guideline is no frame of its content
    parsed = _parsed([("今年一季度,全市共平(迁)散坟5万余座。",
                       "根据《加强殡葬服务收费管理的指导意见》,进一步明确基本殡仪服务收费按照非盈利原则实行政府定价管理,切实遏制虚高定价行为。")],
                     when=date(2018, 4, 10), doc_type="work_report")
    assert [p.kind for p in sentence_passages(parsed)] == ["report", "report"]


def test_passages_an_announced_list_of_projects_is_an_umbrella():
    # ar01 (tests/real, dev): 宣布了 tells of the session, the ten 实事 after it are the year's plan
    parsed = _parsed(["长城网·冀云客户端1月25日讯(记者 马静 张超)在今天上午召开的石家庄市第十五届人民代表大会第二次会议第三次全体会议上,宣布了2022年石家庄市政府十项民生实事项目。",
                      "一、打通36条城区规划路;", "二、加快推进1975年以前危旧住房更新试点建设;"],
                     when=date(2022, 1, 25), doc_type="news")
    assert [(p.kind, p.umbrella) for p in sentence_passages(parsed)[1:]] == [("plan", 0)] * 2


def _gold_documents():
    sets = [(SEEDS_GOLD, SEEDS), (ROOT / "tests" / "gold" / "extra.jsonl", ROOT / "tests" / "gold" / "docs"),
            (REAL / "gold.jsonl", REAL / "docs")]
    for gold_path, docs in sets:
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            yield pytest.param(docs / gold["file"], (gold.get("source") or {}).get("url"), id=gold["file"])


@pytest.mark.slow
@pytest.mark.parametrize("path,url", list(_gold_documents()))
def test_passages_figures_and_commitments_read_a_clause_one_way(path: Path, url: str | None):
    """No commitment holds an achieved figure; no clause decided a statement holds a target."""
    from duban.extract.commitments import within
    from duban.extract.nlp import process
    from duban.ingest import parse_raw, read_file

    assert path.is_file(), f"{path}: gold document missing"
    doc = process(parse_raw(replace(read_file(path, 10**9), url=url)))
    figures = sorted(doc._.figures, key=lambda f: f.start)
    achieved = [(c.text, f.text) for c in doc._.commitments
                for f in within(figures, c.start, c.end) if f.kind == "achieved"]
    targets = [(c.clause.text, f.text) for c in doc._.clauses if c.statement
               for f in within(figures, c.clause.start, c.clause.end) if f.kind == "target"]
    assert not achieved, f"achieved figures inside commitments: {achieved[:5]}"
    assert not targets, f"target figures inside statements: {targets[:5]}"


def test_passages_an_answer_on_the_years_results_reports():
    """u06 (tests/real, dev): 这几年成效怎么样? asks about work done, and 近些年来 opens a review."""
    parsed = _parsed(["记者:近几年燃气管网改造一直是重点工作,这几年成效怎么样?", "今年又会有哪些亮点?",
                      "燃气安全老百姓十分关心。",
                      "近些年来,持续对燃气管道老旧管网进行改造,前几年,已经把30年以上的老旧管网做了更新改造。"],
                     when=date(2025, 3, 1), doc_type="interview")
    roles = ["reporter", "reporter", "official", "official"]
    parsed = replace(parsed, sentences=[replace(s, role=r) for s, r in zip(parsed.sentences, roles)])
    assert [p.kind for p in sentence_passages(parsed)] == ["question", "question", "report", "report"]
