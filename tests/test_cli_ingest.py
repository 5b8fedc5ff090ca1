"""`duban ingest`: idempotent re-runs, and one error line per bad input while the rest goes in."""

from __future__ import annotations

import gzip
import shutil

import pytest
from conftest import settings_at
from paths import CORPUS, ROOT
from typer.testing import CliRunner

from duban.cli import app
from duban.store import Store

runner = CliRunner()


def ledger(directory) -> tuple[list[dict], int, int]:
    store = Store(settings_at(directory).db_url)
    try:
        return store.list_documents(), store.count("commitments"), store.count("figures")
    finally:
        store.close()


def test_cli_ingest_corpus_twice_keeps_ids(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    data = str(tmp_path / "data")
    first = runner.invoke(app, ["ingest", "corpus/", "--no-index", "--data-dir", data])
    assert first.exit_code == 0, first.output
    assert "ingested 5 new, 0 unchanged, 0 failed" in first.stdout
    assert "extracted 5 document(s)" in first.stdout and first.stderr == ""
    documents, n_commitments, n_figures = ledger(tmp_path / "data")
    assert sorted(d["source"] for d in documents) == sorted(f"corpus/{p.name}" for p in CORPUS.glob("*.txt"))

    second = runner.invoke(app, ["ingest", "corpus/", "--no-index", "--data-dir", data])
    assert second.exit_code == 0, second.output
    assert "ingested 0 new, 5 unchanged, 0 failed" in second.stdout
    assert "extracted 0 document(s)" in second.stdout
    assert ledger(tmp_path / "data") == (documents, n_commitments, n_figures)
    assert not (ROOT / "corpus" / "duban-data").exists() and not (tmp_path / "duban-data").exists()


def _truncated_pdf(path):
    from ingest_samples import chinese_pdf, seed_paragraphs

    pdf = chinese_pdf([seed_paragraphs("001")[:4]])
    path.write_bytes(pdf[: len(pdf) // 2])


BAD_INPUTS = {
    # name: (how to make it, extra arguments, what the reason says)
    "empty.txt": (lambda p: p.write_bytes(b""), [], "empty"),
    "工作总结.txt": (lambda p: p.write_bytes(gzip.compress((CORPUS / "003_475aefbc56821e6d.txt").read_bytes())),
                 [], "binary"),
    "truncated.pdf": (_truncated_pdf, [], "PDF"),
    "missing.txt": (lambda p: None, [], "no such file"),
    "通知.xls": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), [], "unsupported"),
    "big.txt": (lambda p: shutil.copy(CORPUS / "003_475aefbc56821e6d.txt", p), ["--max-bytes", "8000"],
                "over the"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_cli_ingest_bad_input_is_one_error_line(seeded_copy, tmp_path, name):
    make, extra, reason = BAD_INPUTS[name]
    bad = tmp_path / name
    make(bad)
    good = tmp_path / "费县访谈摘录.txt"
    lines = (CORPUS / "001_cd74adb5b9c1955c.txt").read_text(encoding="utf-8").splitlines()
    good.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    assert good.stat().st_size < 8000
    before = ledger(seeded_copy)

    result = runner.invoke(app, ["ingest", str(bad), str(good), "--no-index", "--no-extract",
                                 "--data-dir", str(seeded_copy), *extra])
    assert result.exit_code == 3, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"duban: error: {bad}: ") and reason in line, line
    assert "ingested 1 new, 0 unchanged, 1 failed" in result.stdout
    documents, n_commitments, n_figures = ledger(seeded_copy)
    assert [d for d in documents if d["source"] != str(good)] == before[0]
    assert (n_commitments, n_figures) == before[1:]
    assert [d["source"] for d in documents if d not in before[0]] == [str(good)]


def test_cli_ingest_nothing_readable_exits_non_zero(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--no-index", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [f"duban: error: {tmp_path / 'nope'}: no such file or folder"]
    assert "ingested 0 new, 0 unchanged, 1 failed" in result.stdout


def test_cli_ingest_all_inputs_failed_skips_extraction_and_index(tmp_path, monkeypatch):
    def no_index(*args, **kwargs):
        raise AssertionError("the index must not be opened when every input failed")

    monkeypatch.setattr("duban.cli._open_index", no_index)
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 3, result.output
    assert "ingested 0 new, 0 unchanged, 1 failed" in result.stdout
    assert "extracted" not in result.stdout and "indexed" not in result.stdout
