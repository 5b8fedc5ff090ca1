"""Figures of a table flattened one cell a line (extract/cells.py), on the lines of p06 (tests/real,
dev): 2019年十大民生工程项目完成情况表, whose units stand only in its headers."""

from __future__ import annotations

from duban.extract.cells import cell_figures
from duban.extract.passages import Passage
from duban.records import Sentence

# p06's header cells and the first two rows, verbatim, one line each
P06 = ["城镇新增就业(人)", "城镇登记失业率低于(%)", "目标", "任务", "进度", "完成比例(%)",
       "全市", "27800", "52242", "187.9", "4400", "5358", "121.8", "2000", "2464", "123.2", "4.3", "3.57",
       "400", "1089", "272.3", "市本级", "60", "577", "961.7", "眉山天府新区", "东坡区", "8000", "22921", "286.5"]


def _sentences(lines: list[str]) -> list[Sentence]:
    out, start = [], 0
    for i, line in enumerate(lines):
        out.append(Sentence(index=i, start=start, end=start + len(line), text=line, paragraph=i))
        start += len(line) + 2
    return out


def test_cells_of_a_flattened_progress_table_are_figures_placed_by_their_arithmetic():
    sentences = _sentences(P06)
    found = cell_figures(sentences, [Passage("report")] * len(sentences))
    rows = [(f.text, f.value, f.unit, f.kind) for _, f in sorted(found.items())]
    assert rows[:6] == [("27800", 27800, "个", "target"), ("52242", 52242, "个", "achieved"),
                        ("187.9", 187.9, "%", "achieved"), ("4400", 4400, "个", "target"),
                        ("5358", 5358, "个", "achieved"), ("121.8", 121.8, "%", "achieved")]
    # 4.3 / 3.57 (失业率低于 %) has no share after it: what the report passage makes it
    assert rows[9:11] == [("4.3", 4.3, "个", "achieved"), ("3.57", 3.57, "个", "achieved")]
    assert [r[0] for r in rows[14:]] == ["60", "577", "961.7", "8000", "22921", "286.5"]
    assert rows[17][3] == "target"  # 8000 of 东坡区 opens its row's first triple
    for i, f in found.items():
        assert sentences[i].start <= f.start and f.end <= sentences[i].end and f.sentence_index == i


def test_row_numbers_and_a_few_number_lines_make_no_table():
    # j03 (dev): a 进度表 whose only number lines are its 序号 1 … 13
    serials = [x for n in range(1, 14) for x in (str(n), "县民生实事", "完成农村公路")]
    assert cell_figures(_sentences(serials), [Passage("report")] * len(serials)) == {}
    few = ["目标", "1200", "1200", "单位", "4600", "4600"]  # v07's amounts beside its 序号
    assert cell_figures(_sentences(few), [Passage("plan")] * len(few)) == {}
