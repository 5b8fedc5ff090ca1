"""Doc-type rules of ingest/data/doc_types.tsv (the rules alone, without the learned model) on the
verbatim first lines (or the whole text) of dev documents of tests/real whose shape the rules
typed wrong: a session's 记者招待会 transcript, a press event's host, bracketed speakers or
official lead, a delegation's 开放日, a speech, a reply numbered between the 建议 and its 答复, a
巡察整改 report, a 政府信息公开年度报告 without its heading, a report on handling 建议/提案, an
interview's ——访 subtitle or 记者: turns, an interview programme below a byline, a notice's
特此公告."""

from __future__ import annotations

import pytest

from duban.ingest import doctype_model
from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata
from paths import REAL


@pytest.fixture
def rules_only(monkeypatch):
    monkeypatch.setattr(doctype_model, "load_model", lambda: None)


def _rules_doc_type(prefix: str, n: int) -> str:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:n])
    return read_metadata(text, clean_text(text).text, {}).doc_type


@pytest.mark.parametrize("prefix, n, doc_type", [
    ("am03", 5, "press_conference"),   # …第三次会议“记者招待会”(第三场)实录 (news)
    ("aq09", 6, "press_conference"),   # 欢迎大家出席国务院新闻办新闻发布会 (other)
    ("bp01", 3, "press_conference"),   # …新闻中心举行“住房保障问题”专题采访 / [香港无线电视记者]: (news)
    ("bp25", 3, "press_conference"),   # …举行记者会… / [齐骥]: (news)
    ("aq02", 1, "other"),              # 在全区脱贫攻坚总结表彰暨…部署大会上的讲话 (news)
    ("aq05", 4, "other"),              # 同志们: / …今天,我们在这里召开大会 (news)
    ("bi01", 1, "other"),              # 区人大八届四次会议代表建议(第24号)答复意见 (notice)
    ("bo12", 30, "work_report"),        # …党组关于巡察整改情况的通报 (news)
    ("am01", 4, "work_report"),        # 根据《…政府信息公开工作年度报告格式》… / 一、总体情况 (other)
    ("bh12", 4, "work_report"),        # 三、收到和处理政府信息公开申请情况 (other)
    ("o12", 10**6, "press_conference"),  # 国务院新闻办公室于…举行新闻发布会,请交通运输部副部长王志清… (news)
    ("aq03", 1, "interview"),          # …新时代省域副中心——访吉林市委书记胡斌 (other)
    ("aq08", 10**6, "interview"),      # 记者:内蒙古被誉为“模范自治区”,… / 记者:… (news)
    ("aw13", 10**6, "notice"),         # …向社会公告,征求…意见 / 特此公告 (other)
    ("bi05", 10**6, "press_conference"),  # 3月10日,新疆代表团举行媒体开放日活动。 (news)
    ("bb04", 10**6, "work_report"),    # 关于2020年人大建议与政协提案办理情况的报告 (other)
    ("ag06", 3, "interview"),          # 新华网北京3月14日电(石海平)…做客新华网2018全国两会特别访谈 (news)
])
def test_rules_type_a_dev_shape(rules_only, prefix, n, doc_type):
    assert _rules_doc_type(prefix, n) == doc_type
