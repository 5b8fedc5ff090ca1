"""Every option value duban cannot use is refused before any work: exit 2, one line, the valid values.

The cases are those of issue #14 ("Unvalidated input"), each on the seeded store, whose rows are
counted before and after so a refusal is seen to change nothing.
"""

from __future__ import annotations

import json
import os

import openpyxl
import pytest
from conftest import settings_at
from typer.testing import CliRunner

from duban.cli import app
from duban.store import Store

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def data(seeded_dir) -> list[str]:
    return ["--data-dir", str(seeded_dir)]


@pytest.mark.parametrize("args, line", [
    (["commitments", "--due-before", "notadate"],
     "duban: error: --due-before: 'notadate' is not a date like 2024-12-31 (YYYY-MM-DD)"),
    (["figures", "--kind", "bogus"], "duban: error: --kind: 'bogus' is not one of achieved, target, standard, other"),
    (["commitments", "--level", "town"],
     "duban: error: --level: 'town' is not one of province, city, county, district, township"),
    (["export", "commitments", "--topic", "养老", "-o", "x.csv"], "duban: error: --topic: '养老' is not one of 社会救助, "),
    (["ingest", "--max-bytes", "0", "corpus"],
     "duban: error: --max-bytes: 0 is not a size; give a number of bytes above 0, e.g. 52428800"),
    (["ingest", "--max-bytes", "-5", "corpus"], "duban: error: --max-bytes: -5 is not a size"),
    (["ask", "", "--json"], "duban: error: question: it has no words; ask in words"),
    (["ask", "？？。！", "--json"], "duban: error: question: it has no words; ask in words"),
    (["ask", "低保", "--unit", "para"], "duban: error: --unit: 'para' is not one of commitment, figure, sentence"),
    (["ask", "低保", "--since", "2021-13-01"], "duban: error: --since: '2021-13-01' is not a date"),
])
def test_a_bad_value_is_one_line_with_exit_2_and_changes_nothing(data, seeded_dir, tmp_path, args, line):
    store = Store(settings_at(seeded_dir).db_url)
    before = (store.count("documents"), store.count("commitments"))
    result = runner.invoke(app, [*args, *data])
    assert result.exit_code == 2, result.output
    [printed] = result.stderr.splitlines()
    assert printed.startswith(line), printed
    assert result.stdout == ""
    assert (store.count("documents"), store.count("commitments")) == before


def test_a_bad_size_in_the_environment_is_refused(data, monkeypatch):
    monkeypatch.setenv("DUBAN_MAX_BYTES", "50MB")
    result = runner.invoke(app, ["ingest", "corpus", *data])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["duban: error: DUBAN_MAX_BYTES: '50MB' is not a whole number of bytes"]


def test_a_valid_date_filters_as_a_date(data):
    rows = json.loads(runner.invoke(app, ["commitments", "--due-before", "2021-12-31", "--json", *data]).stdout)
    assert rows and all(r["deadline"] <= "2021-12-31" for r in rows)


@pytest.mark.parametrize("spelling", ["./{s}", "{s}", "{abs}", "./corpus/../{s}"])
def test_show_finds_a_source_however_its_path_is_spelled(data, seeded_dir, monkeypatch, spelling):
    from paths import ROOT

    monkeypatch.chdir(ROOT)
    source = Store(settings_at(seeded_dir).db_url).list_documents()[0]["source"]  # absolute
    ref = spelling.format(s=os.path.relpath(source, ROOT), abs=source)
    result = runner.invoke(app, ["show", ref, "--json", *data])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == source


def test_show_finds_a_home_relative_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("民政局印发通知。全年新增养老床位100张。", encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "d")]
    assert runner.invoke(app, ["ingest", "a.txt", "--no-extract", *data]).exit_code == 0
    result = runner.invoke(app, ["show", "~/a.txt", "--json", *data])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "a.txt"


def test_nul_bytes_in_chinese_text_are_removed_with_a_warning(tmp_path):
    text = "民政局关于养老服务的通知。\n全年将新增养老床位4000张。\n".encode()
    path = tmp_path / "nul.txt"
    path.write_bytes(text[:9] + b"\x00" + text[9:21] + b"\x00\x00" + text[21:])
    data = ["--data-dir", str(tmp_path / "d")]
    result = runner.invoke(app, ["ingest", str(path), "--no-extract", *data])
    assert result.exit_code == 0, result.output
    shown = json.loads(runner.invoke(app, ["show", str(path), "--json", *data]).stdout)
    assert shown["warnings"] == ["removed 3 NUL byte(s) from the text"]
    assert "\x00" not in shown["text"] and "新增养老床位4000张" in shown["text"]


def test_utf16_without_a_bom_is_still_decoded_as_utf16(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("民政局关于养老服务的通知。\n全年将新增养老床位4000张。\n".encode("utf-16-le"))
    data = ["--data-dir", str(tmp_path / "d")]
    assert runner.invoke(app, ["ingest", str(path), "--no-extract", *data]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["show", str(path), "--json", *data]).stdout)
    assert "新增养老床位4000张" in shown["text"] and not shown["warnings"]


def test_every_ledger_row_has_a_source_in_the_xlsx(data, seeded_dir, tmp_path):
    """出处 falls back to the source path when a document has no title (issue #14: 43 of 299 empty)."""
    Store(settings_at(seeded_dir).db_url)
    out = tmp_path / "台账.xlsx"
    assert runner.invoke(app, ["export", "commitments", "-o", str(out), *data]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["督查台账"]
    column = [c.value for c in sheet[1]].index("出处")
    cells = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells and all(cells)
