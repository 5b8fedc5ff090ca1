"""The tracking flow on the command line: ingest, ledger import, track, status set, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from duban.cli import app

runner = CliRunner(env={"COLUMNS": "300"})
DOCS = Path(__file__).parent / "track" / "docs"
ROWS = [["序号", "地区", "任务", "牵头单位", "截止日期", "出处", "发布日期"],
        ["1", "上海市", "新增4000张养老床位", "市民政局", "2024-12-31", "2024年上海市为民办实事项目", "2024-01-31"],
        ["2", "上海市", "新增30个乡村长者照护之家", "市民政局", "2024-12-31", "2024年上海市为民办实事项目", "2024-01-31"],
        ["3", "上海市", "为4000名老年人提供家庭照护床位服务", "市民政局", "2025-12-31", "2025年上海市为民办实事项目", "2025-01-23"],
        ["4", "上海市", "新建10个市级示范性社区食堂", "市民政局", "2024-12-31", "一份台账", "2024-01-31"]]


def invoke(*args, code: int = 0):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def tracked(tmp_path_factory) -> list[str]:
    data = tmp_path_factory.mktemp("track")
    flags = ["--data-dir", str(data)]
    invoke("ingest", "--no-extract", DOCS / "sh_2024_done_wxredian.txt", DOCS / "sh_2025_plan_xinmin.txt", *flags)
    with (data / "台账.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(ROWS)
    assert "imported 4 commitment(s)" in invoke("ledger", "import", data / "台账.csv", *flags).stdout
    out = invoke("track", "--lexical", "--as-of", "2025-03-01", *flags).stdout
    assert "tracked 4 commitment(s) as of 2025-03-01" in out and "超额完成" in out, out
    return flags


def rows(flags, *args) -> dict[str, dict]:
    return {r["ledger_ref"]: r for r in json.loads(invoke("commitments", *args, "--json", *flags).stdout)}


def test_cli_track_statuses_and_filters(tracked):
    every = rows(tracked)
    assert {k: r["status"] for k, r in every.items()} == {"1": "exceeded", "2": "met", "3": "pending", "4": "no_evidence"}
    assert every["1"]["status_reason"].startswith("报告 4385张，目标 4000张：超额完成")
    assert every["1"]["evidence"][0]["text"] == "4385张" and every["1"]["evidence"][0]["verdict"] == "exceeded"
    assert "未见佐证" in every["4"]["status_reason"] and every["4"]["due_state"] == "overdue"
    assert set(rows(tracked, "--status", "no_evidence", "--due", "overdue")) == {"4"}
    result = invoke("commitments", "--status", "done", *tracked, code=2)
    assert "--status" in result.stderr


def test_cli_track_manual_status_wins_and_shows_in_history(tracked):
    cid = rows(tracked)["4"]["id"]
    invoke("status", "set", cid, "--status", "partly", "--note", "已建成6个", "--by", "张三", *tracked)
    invoke("track", "--lexical", "--as-of", "2025-03-01", *tracked)
    again = rows(tracked)["4"]
    assert (again["status"], again["status_source"]) == ("partly", "manual")
    shown = invoke("show-commitment", cid, *tracked).stdout
    assert "张三" in shown and "no_evidence (auto)" in shown and "partly (manual" in shown
    assert invoke("commitments", cid, *tracked).stdout == shown


def test_cli_track_export_has_statuses_evidence_and_warning_colours(tracked, tmp_path):
    out = tmp_path / "台账.xlsx"
    invoke("export", "commitments", "--format", "xlsx", "--out", out, *tracked)
    ws = load_workbook(out)["督查台账"]
    header = [c.value for c in ws[1]]
    got = {row[header.index("承诺事项")].value: row for row in ws.iter_rows(min_row=2)}
    beds = got["新增4000张养老床位"]
    assert beds[header.index("进度状态")].value == "超额完成"
    assert "4385" in beds[header.index("佐证材料")].value and beds[header.index("预警")].value is None
    canteen = got["新建10个市级示范性社区食堂"]
    warning = canteen[header.index("预警")]
    assert warning.value == "逾期" and warning.fill.fgColor.rgb.endswith("FFC7CE")  # red: overdue
    pending = got["为4000名老年人提供家庭照护床位服务"][header.index("预警")]
    assert pending.value == "未核验" and pending.fill.fgColor.rgb.endswith("BDD7EE")  # blue: unassessed
