"""`--help` on every command: it works, and option help reads in full (rich markup eats [..])."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from duban.cli import app

runner = CliRunner(env={"COLUMNS": "200"})
COMMANDS = sorted(get_command(app).commands)


def test_cli_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert {"ingest", "extract", "index", "ask", "export", "run"} <= set(COMMANDS)
    assert all(name in result.stdout for name in COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_help_of_each_command_shows_env_and_defaults(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    params = {p.name for p in get_command(app).commands[name].params}
    if "data_dir" in params:
        assert "env DUBAN_DATA; default ./duban-data" in result.stdout
    if "db" in params:
        assert "env DUBAN_DB; default <data>/duban.db" in result.stdout
