"""Plan years of index units (index/years.py), on titles and opening lines of tests/real."""

from __future__ import annotations

from datetime import date

import pytest

from duban.index.years import NONE, deadline_span, document_span, joined


@pytest.mark.parametrize(("title", "published", "span"), [
    ("昌硕街道2022年工作总结和2023年工作计划", date(2023, 2, 24), (2022, 2023)),  # b06
    ("关于2023年10月份民生实事项目进展情况的通报", None, (2023, 2023)),  # f02
    ("二、“十四五”主要目标任务", None, (2021, 2025)),  # c13
    ("区民政局面对面答复人大建议、政协提案", date(2019, 7, 5), NONE),  # b07: no year named
])
def test_a_title_names_the_years_its_document_is_about(title, published, span):
    assert document_span(title, [], published) == span


def test_an_untitled_plan_takes_the_plan_year_its_opening_names_not_its_dates():
    """f03's first line names the day of the vote (2022年12月21日) and the list's year."""
    opening = ["沅江市第十八届人民代表大会第二次会议于2022年12月21日依法票决产生了沅江市人民政府2023年"
               "民生实事项目,现将票决结果公告如下:", "沅江市人民政府2023年民生实事项目:", "1.中心城区水环境综合治理;"]
    assert document_span(None, opening, date(2022, 12, 21)) == (2023, 2023)
    assert document_span(None, opening[:1] + ["2022年12月21日"], date(2022, 12, 21)) == (2023, 2023)
    assert document_span(None, ["沅江市第十八届人民代表大会第二次会议主席团", "2022年12月21日"], None) == NONE


def test_a_deadline_spans_from_the_publication_to_its_end():
    assert deadline_span("到2025年", date(2022, 1, 10)) == (2022, 2025)
    assert deadline_span("2023年", date(2022, 12, 21)) == (2023, 2023)
    assert deadline_span(None, date(2022, 12, 21)) == NONE
    assert joined([(2023, 2023), NONE, (2022, 2025)]) == (2022, 2025) and joined([NONE]) == NONE
