"""`duban ledger import`: columns by header, one commitment per row, safe re-import, bad rows."""

from __future__ import annotations

import csv

import pytest
from conftest import settings_at
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from duban.cli import app
from duban.errors import InputError
from duban.export import write
from duban.store import Store
from duban.track import import_ledger

runner = CliRunner()
# Rows of the 2024 上海市为民办实事 list (tests/track/docs/sh_2024_plan_jfdaily.txt), as an office keeps them.
ROWS = [
    ["序号", "地区", "工作任务", "牵头单位", "完成时限", "出处", "发布日期", "进度状态", "备注"],
    ["1", "上海市", "新增4000张养老床位", "市民政局", "2024年底", "2024年上海市为民办实事项目", "2024-01-31", "", ""],
    ["2", "上海市", "新增30个社区长者食堂", "市民政局", "年内", "2024年上海市为民办实事项目", "2024-01-31", "已完成", ""],
    ["3", "上海市普陀区", "新增养老床位250张", "区民政局", "", "2023年普陀区为民办实事项目", "2023-01-01", "", "截止日期缺省"],
]


def _csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _store(tmp_path) -> Store:
    return Store(settings_at(tmp_path / "data").db_url)


def test_track_ledger_import_rows_become_commitments(tmp_path):
    store = _store(tmp_path)
    assert import_ledger(store, _csv(tmp_path / "台账.csv", ROWS)) == (3, 0)
    rows = {r["ledger_ref"]: r for r in store.query_records("commitments")}
    beds = rows["1"]
    assert (beds["origin"], beds["responsible"], beds["region"]) == ("ledger", "市民政局", "上海市")
    assert beds["quantity"] == {"value": 4000.0, "unit": "张", "text": "4000张"}
    assert (beds["deadline"], beds["date"], beds["title"]) == ("2024-12-31", "2024-01-31", "2024年上海市为民办实事项目")
    assert (rows["2"]["status"], rows["2"]["status_source"]) == ("met", "ledger")
    assert rows["3"]["region"] == "普陀区" and rows["3"]["city"] == "上海市"  # 普陀区 of 上海, not 舟山
    assert rows["3"]["deadline"] is None
    assert [h["source"] for h in store.status_history(rows["2"]["id"])] == ["ledger"]


def test_track_ledger_reimport_changes_nothing(tmp_path):
    store = _store(tmp_path)
    path = _csv(tmp_path / "台账.csv", ROWS)
    import_ledger(store, path)
    before = store.query_records("commitments")
    assert import_ledger(store, path) == (0, 3)
    assert store.query_records("commitments") == before
    assert store.count("status_history") == 1


def test_track_ledger_row_without_task_stores_nothing(tmp_path):
    store = _store(tmp_path)
    path = _csv(tmp_path / "bad.csv", ROWS[:2] + [["2", "上海市", "", "", "", "", "", "", ""]] + ROWS[2:])
    result = runner.invoke(app, ["ledger", "import", str(path), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 3, result.output
    assert result.stderr.strip().splitlines() == [f"duban: error: {path}: row 3: no task (承诺事项/任务 is empty); fill it or delete the row"]
    assert store.count("commitments") == 0 and store.count("documents") == 0


@pytest.mark.parametrize("header, why", [
    (["序号", "地区", "说明"], "no task column"),
    (["序号", "地区", "任务", "进度状态"], "unknown 进度状态"),
])
def test_track_ledger_bad_files(tmp_path, header, why):
    path = _csv(tmp_path / "bad.csv", [header, ["1", "上海市", "新增30个社区长者食堂", "快好了"]])
    with pytest.raises(InputError, match=why):
        import_ledger(_store(tmp_path), path)


def test_track_ledger_xlsx_and_unknown_region(tmp_path):
    wb = Workbook()
    for row in ROWS[:3]:
        wb.active.append(row)
    wb.save(tmp_path / "台账.xlsx")
    store = _store(tmp_path)
    assert import_ledger(store, tmp_path / "台账.xlsx") == (2, 0)
    path = _csv(tmp_path / "r.csv", [["任务", "地区"], ["新增30个社区长者食堂", "普陀区"]])
    with pytest.raises(InputError, match="ambiguous region"):  # 上海 or 舟山: never guessed
        import_ledger(store, path)


def test_track_ledger_own_export_imports_back_the_same_ledger(tmp_path, seeded_copy):
    source = Store(settings_at(seeded_copy).db_url)
    rows = source.query_records("commitments")
    write(rows, "commitments", "xlsx", tmp_path / "督查台账.xlsx")
    target = _store(tmp_path)
    assert import_ledger(target, tmp_path / "督查台账.xlsx") == (len(rows), 0)
    back = sorted(target.query_records("commitments"), key=lambda r: int(r["ledger_ref"]))
    keys = ("text", "region", "quantity", "deadline_text", "deadline")
    assert [{k: r[k] for k in keys} for r in back] == [{k: r[k] for k in keys} for r in rows]
    write(back, "commitments", "xlsx", tmp_path / "again.xlsx")
    # every column but 主题 and 发言人, which a 台账 does not carry
    cells = lambda p: [row[1:7] + row[9:11] for row in load_workbook(p)["督查台账"].iter_rows(values_only=True)]  # noqa: E731
    assert cells(tmp_path / "again.xlsx") == cells(tmp_path / "督查台账.xlsx")
