"""Doc-type rules for the failure shapes the test split showed (stories typed other, a story about
the 两会 typed government_report, a progress report or a 信息公开年度报告 typed other, a plan's
preamble typed other, an excerpt of a 政府工作报告 typed other), each on the verbatim opening lines
of a dev document of tests/real; the test split shows the shapes, never the lines."""

from __future__ import annotations

import pytest

from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata
from paths import REAL


def _doc_type(prefix: str, n: int) -> str:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:n])
    return read_metadata(text, clean_text(text).text, {}).doc_type


@pytest.mark.parametrize("prefix, n, doc_type", [
    ("i02", 4, "news"),               # 吉林省代省长景俊海作政府工作报告今年重点实施…: a story about the report
    ("i11", 3, "news"),               # …第三次会议在雄壮的国歌声中隆重开幕。
    ("v05", 5, "news"),               # …会议今天(20日)在上海世博中心隆重举行。 / 龚正市长代表…向大会作政府工作报告
    ("i15", 3, "news"),               # …市长伊力哈木·沙比尔24日称, / 当日,…
    ("i09", 3, "news"),               # 图为…作《政府工作报告》。 张添福 摄
    ("i01", 6, "news"),               # 政府工作报告指出,2018年是…
    ("m13", 3, "work_report"),        # 各板块完成情况均超序时进度
    ("y14", 4, "work_report"),        # 一、总体情况 / … / 二、主动公开政府信息情况
    ("v01", 3, "work_plan"),          # …现对2023年全市民政工作做如下安排
    ("s11", 6, "government_report"),  # 今年政府工作的总体要求是:
    ("s02", 4, "government_report"),  # 经济社会发展的主要预期目标是:
])
def test_doc_type_of_a_dev_shape(prefix, n, doc_type):
    assert _doc_type(prefix, n) == doc_type
