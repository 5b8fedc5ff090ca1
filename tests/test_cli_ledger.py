"""`duban documents / show / commitments / figures / export` on the five seeds."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import settings_at, spec_fields
from openpyxl import load_workbook
from test_export import LEDGER_HEADERS
from typer.testing import CliRunner

from duban.cli import app
from duban.store import Store

runner = CliRunner(env={"COLUMNS": "400"})  # wide tables: no cell folds over two lines


@pytest.fixture(scope="module")
def data(seeded_dir) -> list[str]:
    return ["--data-dir", str(seeded_dir)]


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def as_json(*args):
    return json.loads(invoke(*args, "--json").stdout)


def test_cli_documents_json_has_the_spec_fields(data):
    docs = as_json("documents", *data)
    assert len(docs) == 5 and spec_fields()["documents"] <= set(docs[0])
    feixian = next(d for d in docs if d["region"] == "费县")
    assert (feixian["level"], feixian["city"], feixian["doc_type"]) == ("county", "临沂市", "interview")
    assert {d["region"] for d in docs} == {"临沂市", "费县", "延安市", "宿迁市", "六盘水市"}


def test_cli_documents_table(data):
    out = invoke("documents", *data).stdout
    assert out.startswith("5 document(s)")
    assert "六盘水市" in out and "press_conference" in out


def test_cli_show_by_id_prefix(data, seeded_dir):
    doc = next(d for d in Store(settings_at(seeded_dir).db_url).list_documents() if d["region"] == "费县")
    out = invoke("show", doc["id"][:6], *data).stdout
    assert f"id: {doc['id']}" in out and "region: 费县" in out
    assert "田勇" in out and "speaker turns" in out
    assert "将新增养老床位700张" in out
    shown = as_json("show", doc["source"], *data)
    assert shown["id"] == doc["id"] and "raw_text" not in shown
    assert shown["sentences"][0]["text"] in shown["text"]


def test_cli_show_unknown_document_is_one_error_line(data):
    result = runner.invoke(app, ["show", "ffffffffff", *data])
    assert result.exit_code == 3  # an input error: the database is fine
    assert result.stderr.splitlines() == ["duban: error: ffffffffff: no such document; `duban documents` lists them"]


def test_cli_commitments_by_region(data):
    rows = as_json("commitments", "--region", "费县", *data)
    assert rows and {r["region"] for r in rows} == {"费县"}
    assert spec_fields()["commitments"] <= set(rows[0])
    beds = next(r for r in rows if r["text"] == "将新增养老床位700张")
    assert beds["quantity"] == {"value": 700, "unit": "张", "text": "700张"} and beds["speaker"] == "田勇"
    assert all(r["text"] in r["sentence"] for r in rows)  # each promise comes with its quote
    out = invoke("commitments", "--region", "费县", *data).stdout
    assert out.startswith(f"{len(rows)} commitment(s)")
    assert "将新增养老床位700张" in out and "临沂市" not in out.split("\n", 3)[3]


def test_cli_commitments_filters_combine(data):
    rows = as_json("commitments", "--region", "临沂市", "--topic", "养老服务", "--due-before", "2021-12-31", *data)
    assert rows
    assert all(r["topic"] == "养老服务" and r["city"] == "临沂市" and r["deadline"] <= "2021-12-31" for r in rows)


def test_cli_figures_by_kind(data):
    rows = as_json("figures", "--kind", "standard", *data)
    assert rows and {r["kind"] for r in rows} == {"standard"}
    assert spec_fields()["figures"] <= set(rows[0])
    assert all(isinstance(r["value"], float) and r["text"] in r["sentence"] for r in rows)
    assert len(rows) < len(as_json("figures", *data))
    out = invoke("figures", "--kind", "standard", *data).stdout
    assert out.startswith(f"{len(rows)} figure(s)") and rows[0]["text"] in out


@pytest.mark.parametrize("table", ["documents", "commitments", "figures"])
def test_cli_export_each_table(data, tmp_path, table):
    expected = as_json(table, *data)
    out = tmp_path / f"{table}.csv"
    result = invoke("export", table, "--format", "csv", "--out", out, *data)
    assert result.stdout.strip() == f"wrote {len(expected)} {table} to {out}"
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert spec_fields()[table] <= set(rows[0])


def test_cli_export_ledger_xlsx_with_filters(data, tmp_path):
    expected = as_json("commitments", "--region", "费县", "--topic", "养老服务", *data)
    out = tmp_path / "费县台账.xlsx"
    invoke("export", "commitments", "--region", "费县", "--topic", "养老服务", "-o", out, *data)
    book = load_workbook(out)
    ws = book["督查台账"]
    assert [c.value for c in ws[1]] == LEDGER_HEADERS
    assert [r[2] for r in ws.iter_rows(min_row=2, values_only=True)] == [r["text"] for r in expected]
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert json.loads(notes["筛选条件"]) == {"region": "费县", "topic": "养老服务"}


@pytest.mark.parametrize("args, message", [
    (["export", "ledger", "-o", "x.csv"],
     "duban: error: table: 'ledger' is not one of documents, commitments, figures"),
    (["export", "figures", "-f", "xls", "-o", "x.xls"], "--format: 'xls' is not one of jsonl, json, csv, xlsx"),
    (["export", "documents", "--region", "费县", "-o", "d.csv"], "duban: error: --region: does not apply to documents"),
    (["export", "figures", "--due-before", "2021-01-01", "-o", "f.csv"], "duban: error: --due-before: does not apply"),
    (["export", "commitments", "--kind", "target", "-o", "c.csv"], "duban: error: --kind: does not apply"),
])
def test_cli_export_bad_arguments(data, tmp_path, args, message):
    result = runner.invoke(app, [*args[:-1], str(tmp_path / args[-1]), *data])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert message in line and not (tmp_path / args[-1]).exists()


def test_cli_export_formula_title_stays_text(tmp_path):
    """A page titled =SUM(1,2), ingested and exported: text in XLSX, defused in CSV."""
    page = tmp_path / "公式.html"
    page.write_text("<html><head><title>=SUM(1,2)</title></head><body><h1>=SUM(1,2)</h1>"
                    "<p>费县民政局将新增养老床位700张，力争年内完成。</p></body></html>", encoding="utf-8")
    data = ["--data-dir", tmp_path / "data"]
    invoke("ingest", page, "--no-extract", "--no-index", *data)
    invoke("export", "documents", "-o", tmp_path / "d.xlsx", *data)
    invoke("export", "documents", "-f", "csv", "-o", tmp_path / "d.csv", *data)
    ws = load_workbook(tmp_path / "d.xlsx").active
    title = ws.cell(row=2, column=[c.value for c in ws[1]].index("title") + 1)
    assert (title.value, title.data_type) == ("=SUM(1,2)", "s")
    with (tmp_path / "d.csv").open(encoding="utf-8-sig", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["title"] == "'=SUM(1,2)" and row["n_chars"].isdigit()
