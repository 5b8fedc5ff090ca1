"""unwrap.unwrap_lines and clean_text on hard-wrapped pages (real lines of tests/real dev docs)."""

from __future__ import annotations

from duban.ingest.clean import clean_text
from duban.ingest.segment import segment
from duban.ingest.unwrap import unwrap_lines

# aq14 (dev): a speech copied from a PDF, every line broken at one width.
AQ14 = """侵权投诉
在全市农村工作会议上的讲话
(2021 年2月2日)
项 雪 龙
同志们:
今年是实施“十四五”规划的开局之年,我们乘势而上
开启了现代化建设新征程。在这个重要历史交汇点上,
谋划好、开展好“三农”工作,意义重大、影响深远。这次
会议的主要任务,就是深入贯彻党的十九届五中全会、
中央农村工作会议精神和习近平总书记重要讲话指示精
神,全面落实省农村工作会议部署要求,动员全市上下,
巩固拓展脱贫成果,全面推进乡村振兴,勇担“争当表率
争做示范、走在前列”新使命,奋力开创“三农”工作新局
面。"""

# ag11 (dev): a 述职报告 from a PDF; the headings above the paragraph are not wrapped lines.
AG11 = """一、履行职责所做的工作和取得的主要成绩
一) 尽心尽职做好各项民政工作
1 、自加压力,奋发有为,通过实干求得民政工作创一流业绩
江苏是经济大省、文化大省,江苏的民政工作也应该在全国争
创一流,这样才能与江苏的经济发展水平相对称,才能促进江苏经济
社会的整体、协调发展。几年来,我始终保持奋发有为、奋勇争先的
精神面貌和工作态势,强化敢做第一、敢于领跑的“率先”意识,力
争实现民政工作上一流水平。同时,始终坚持务实的工作作风,坚持
“大处着眼、实处着手”,正确处理务实与争先的关系,从不做表面
文章,脚踏实地、以为争位。经过各级民政部门的共同努力,我省民
政工作取得了长足的发展,多项工作在全国处于领先地位。"""

# d13 (dev): a page of headlines, short lines of about one width that are each their own.
D13 = """2023年
重庆地区生产总值迈上3万亿元新台阶
城镇新增就业73.9万人
居民收入稳步提升
粮食产量连续9年稳定在1050万吨以上
创建巴渝和美乡村示范村107个
“丰”景这边独好
系统推进美丽重庆建设
新建“两岸青山·千里林带”50.5万亩
74个国控断面水质优良比例达到100%
新增城市绿地1500万平方米
建成口袋公园117个、山城步道107公里"""


def test_unwrap_joins_a_wrapped_paragraph_and_keeps_the_heading_lines():
    lines = unwrap_lines(AQ14.split("\n"))
    assert lines[:5] == AQ14.split("\n")[:5]
    assert lines[5:] == ["".join(AQ14.split("\n")[5:])]


def test_unwrap_keeps_outline_headings_apart_from_the_paragraph_under_them():
    lines = unwrap_lines(AG11.split("\n"))
    assert lines[:3] == AG11.split("\n")[:3]
    assert lines[3:] == ["".join(AG11.split("\n")[3:])]


def test_unwrap_leaves_a_page_of_headlines_alone():
    assert unwrap_lines(D13.split("\n")) == D13.split("\n")


def test_unwrap_stops_at_a_blank_line():
    lines = AQ14.split("\n")
    broken = lines[:7] + [""] + lines[7:]
    out = unwrap_lines(broken)
    assert "" in out and out[out.index("") - 1].endswith("在这个重要历史交汇点上,")


def test_clean_text_gives_a_wrapped_sentence_whole_with_exact_offsets():
    text = clean_text(AQ14).text
    _, sentences = segment(text, [])
    wanted = "今年是实施“十四五”规划的开局之年,我们乘势而上开启了现代化建设新征程。"
    found = [s for s in sentences if s.text == wanted]
    assert found, [s.text for s in sentences]
    assert text[found[0].start:found[0].end] == wanted


def test_unwrap_joins_a_line_without_punctuation_only_inside_a_paragraph():
    lines = AQ14.split("\n")
    piece = "中央农村工作会议精神和习近平总书记重要讲话指示精"
    assert piece + "神," in "".join(unwrap_lines(lines))
    k = lines.index(piece)
    opened = unwrap_lines(lines[:k] + [""] + lines[k:])
    assert piece in opened  # opening a paragraph, it reads as a heading
