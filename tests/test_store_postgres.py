"""The same store on a real PostgreSQL server: what `--db postgresql+psycopg://...` promises.

The server is pgserver's bundled PostgreSQL, started in a temporary directory for this module
(about 3 s). The ledger built there must equal the one built on SQLite from the same inputs.
"""

from __future__ import annotations

import json

import pgserver
import pytest
from paths import ROOT
from typer.testing import CliRunner

from duban.cli import app


runner = CliRunner()


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory):
    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()


def duban(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_store_postgres_ledger_equals_sqlite(pg_url, seeded_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    first = duban("ingest", "corpus/", "--no-index", "--db", pg_url, "--data-dir", str(tmp_path))
    assert "ingested 5 new, 0 unchanged, 0 failed" in first
    again = duban("ingest", "corpus/", "--no-index", "--db", pg_url, "--data-dir", str(tmp_path))
    assert "ingested 0 new, 5 unchanged, 0 failed" in again and "extracted 0 document(s)" in again

    on_pg = json.loads(duban("commitments", "--region", "费县", "--json", "--db", pg_url))
    on_sqlite = json.loads(duban("commitments", "--region", "费县", "--json", "--data-dir", str(seeded_dir)))
    assert on_pg and [(r["text"], r["start"], r["deadline"]) for r in on_pg] == \
        [(r["text"], r["start"], r["deadline"]) for r in on_sqlite]

    docs_pg = json.loads(duban("documents", "--json", "--db", pg_url))
    docs_sqlite = json.loads(duban("documents", "--json", "--data-dir", str(seeded_dir)))
    assert [(d["id"], d["region_code"], d["date"]) for d in docs_pg] == \
        [(d["id"], d["region_code"], d["date"]) for d in docs_sqlite]


def test_store_postgres_figure_filters_and_export(pg_url, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    duban("ingest", "corpus/", "--no-index", "--db", pg_url, "--data-dir", str(tmp_path))
    standards = json.loads(duban("figures", "--kind", "standard", "--json", "--db", pg_url))
    assert standards and {f["kind"] for f in standards} == {"standard"}
    out = tmp_path / "figures.jsonl"
    duban("export", "figures", "--format", "jsonl", "--out", str(out), "--region", "延安市", "--db", pg_url)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["region_code"].startswith("6106") for r in rows)  # 延安市 610600 and under
    assert any(r["text"] == "5400元/人年" and r["value"] == 5400 for r in rows)
