"""export.py: the spec fields in every format, Excel-safe CSV and XLSX, the 督查台账 sheet, atomic writes."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import settings_at, spec_fields
from openpyxl import load_workbook

from duban import __version__, export
from duban.errors import InputError
from duban.ingest import parse_raw
from duban.records import RawDocument
from duban.store import Store

LEDGER_HEADERS = ["序号", "地区", "承诺事项", "目标数量", "单位", "完成时限", "截止日期", "主题", "发言人",
                  "出处", "发布日期", "原文", "责任单位", "进度状态", "佐证材料", "核验说明", "预警"]
DANGEROUS = ["=SUM(1,2)", "+86 0539", "-2%", "@SUM(A1)", "\t=1+1", "\r=1+1"]




@pytest.fixture(scope="module")
def rows(seeded_dir) -> dict[str, list[dict]]:
    store = Store(settings_at(seeded_dir).db_url)
    return {"documents": store.list_documents(), "commitments": store.query_records("commitments"),
            "figures": store.query_records("figures")}


def read_back(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    ws = load_workbook(path).worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_export_spec_is_read_for_every_table():
    spec = spec_fields()
    assert {"n_chars", "region_code"} <= spec["documents"] and "deadline" in spec["commitments"]
    assert {"value", "unit", "kind"} <= spec["figures"] and {"rank", "score", "date"} <= spec["answers"]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "xlsx"])
@pytest.mark.parametrize("table", ["documents", "figures", "commitments"])
def test_export_every_format_has_the_spec_fields(rows, tmp_path, table, fmt):
    out = tmp_path / f"{table}.{fmt}"
    assert export.write(rows[table], table, fmt, out) == len(rows[table]) > 0
    back = read_back(out, fmt)
    assert len(back) == len(rows[table])
    if table == "commitments" and fmt == "xlsx":
        assert list(back[0]) == LEDGER_HEADERS
        assert [r["承诺事项"] for r in back] == [r["text"] for r in rows[table]]
        return
    assert spec_fields()[table] <= set(back[0]), spec_fields()[table] - set(back[0])
    assert [r["id"] for r in back] == [r["id"] for r in rows[table]]


def test_export_jsonl_keeps_nested_quantity_and_numbers(rows, tmp_path):
    export.write(rows["commitments"], "commitments", "jsonl", tmp_path / "c.jsonl")
    text = (tmp_path / "c.jsonl").read_text(encoding="utf-8")
    assert "将新增养老床位700张" in text  # not ASCII-escaped
    beds = next(r for r in read_back(tmp_path / "c.jsonl", "jsonl") if r["text"] == "将新增养老床位700张")
    assert beds["quantity"] == {"value": 700, "unit": "张", "text": "700张"}
    assert beds["region"] == "费县" and beds["speaker"] == "田勇"


def test_export_csv_is_excel_friendly(rows, tmp_path):
    out = tmp_path / "figures.csv"
    export.write(rows["figures"], "figures", "csv", out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:].decode("utf-8")
    assert body.count("\r\n") >= len(rows["figures"]) + 1 and "\n" not in body.replace("\r\n", "")
    back = read_back(out, "csv")
    by_id = {r["id"]: r for r in rows["figures"]}
    for row in back:
        original = by_id[row["id"]]
        assert row["sentence"] == original["sentence"]  # Chinese intact
        assert float(row["value"]) == original["value"]


def test_export_commitments_csv_flattens_quantity(rows, tmp_path):
    export.write(rows["commitments"], "commitments", "csv", tmp_path / "c.csv")
    beds = next(r for r in read_back(tmp_path / "c.csv", "csv") if r["text"] == "将新增养老床位700张")
    assert (beds["quantity"], float(beds["quantity_value"]), beds["quantity_unit"]) == ("700张", 700, "张")


@pytest.fixture(scope="module")
def formula_rows() -> list[dict]:
    """A real parsed document whose title is a formula, and figures whose text cells are dangerous."""
    raw = RawDocument(source="公式.html", filename="公式.html", data=(
        "<html><head><title>=SUM(1,2)</title></head><body><h1>=SUM(1,2)</h1>"
        "<p>临沂市民政局将新增养老床位700张，力争年内完成。</p></body></html>").encode("utf-8"))
    doc = parse_raw(raw)
    assert doc.title == "=SUM(1,2)"
    return [{"id": doc.id, "source": doc.source, "title": doc.title, "n_chars": len(doc.text)}]


def test_export_xlsx_stores_formula_like_text_as_text(formula_rows, tmp_path):
    figures = [{"id": f"x-f{i}", "text": text, "subject": text, "value": -3.5 if i else 700.0, "start": i}
               for i, text in enumerate(DANGEROUS)]
    export.write(formula_rows, "documents", "xlsx", tmp_path / "d.xlsx")
    export.write(figures, "figures", "xlsx", tmp_path / "f.xlsx")
    title = load_workbook(tmp_path / "d.xlsx").active["C2"]
    assert (title.value, title.data_type) == ("=SUM(1,2)", "s")
    ws = load_workbook(tmp_path / "f.xlsx").active
    header = [c.value for c in ws[1]]
    for row, text in zip(ws.iter_rows(min_row=2), DANGEROUS):
        cells = dict(zip(header, row))
        assert (cells["text"].value, cells["text"].data_type) == (text, "s")
        assert cells["value"].data_type == "n" and cells["value"].value in (700, -3.5)
        assert cells["start"].data_type == "n"
    for name in ("d.xlsx", "f.xlsx"):
        with zipfile.ZipFile(tmp_path / name) as book:
            sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert not any(re.search(r"<f[ >]", s) for s in sheets)  # not one formula element


def test_export_csv_neutralises_formula_like_text(formula_rows, tmp_path):
    export.write(formula_rows, "documents", "csv", tmp_path / "d.csv")
    assert read_back(tmp_path / "d.csv", "csv")[0]["title"] == "'=SUM(1,2)"
    figures = [{"id": f"x-f{i}", "text": text, "value": -3.5, "start": 0} for i, text in enumerate(DANGEROUS)]
    export.write(figures, "figures", "csv", tmp_path / "f.csv")
    back = read_back(tmp_path / "f.csv", "csv")
    assert [r["text"] for r in back] == ["'" + t for t in DANGEROUS]
    assert {r["value"] for r in back} == {"-3.5"}  # a negative number is a number, left alone
    assert back[0]["id"] == "x-f0"  # safe text untouched


def test_export_commitments_xlsx_is_a_ledger(rows, tmp_path):
    commitments = [dict(r) for r in rows["commitments"] if r["region"] == "费县"]
    commitments[0]["url"] = "https://www.feixian.gov.cn/info/1024.html"
    out = tmp_path / "ledger.xlsx"
    export.write(commitments, "commitments", "xlsx", out, about={"筛选条件": {"region": "费县"}})
    book = load_workbook(out)
    assert book.sheetnames == ["督查台账", "说明"]
    ws = book["督查台账"]
    assert [c.value for c in ws[1]] == LEDGER_HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:Q{len(commitments) + 1}"
    assert [ws.cell(row=i, column=1).value for i in (2, 3)] == [1, 2]
    assert ws["J2"].hyperlink.target == "https://www.feixian.gov.cn/info/1024.html"
    assert ws["J3"].hyperlink is None  # a file source has no link
    beds = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "将新增养老床位700张")
    assert (beds[1], beds[3], beds[4]) == ("费县", 700, "张")
    assert "将新增养老床位700张" in beds[11]
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert notes["duban 版本"] == __version__ and notes["记录数"] == len(commitments)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", notes["导出时间"])
    assert json.loads(notes["筛选条件"]) == {"region": "费县"}


def test_export_interrupted_write_keeps_previous_file(rows, tmp_path, monkeypatch):
    out = tmp_path / "commitments.csv"
    export.write(rows["commitments"], "commitments", "csv", out)
    before = out.read_bytes()

    def dies_half_way(rows, table, fields, path, about):
        path.write_bytes(before[: len(before) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "_write_csv", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        export.write(rows["commitments"][:3], "commitments", "csv", out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["commitments.csv"]  # no half file left over


def test_export_unknown_format_is_an_input_error(rows, tmp_path):
    with pytest.raises(InputError, match="unknown format 'xls'") as caught:
        export.write(rows["documents"], "documents", "xls", tmp_path / "d.xls")
    assert caught.value.exit_code == 3 and not (tmp_path / "d.xls").exists()


def test_export_unwritable_destination_is_an_input_error(rows, tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write"):
        export.write(rows["documents"], "documents", "csv", tmp_path / "taken" / "d.csv")
