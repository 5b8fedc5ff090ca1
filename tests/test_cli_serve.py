"""`duban serve` refuses to start with one line and exit 3: no data, a public host without a
token, a port in use. (The running server is tested in test_serve_routes.py and, in a real
browser, test_serve_browser.py.)"""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from duban.cli import app

runner = CliRunner()


def refused(*args, env=None):
    result = runner.invoke(app, ["serve", *map(str, args)], env=env)
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duban: error: "), result.stderr
    return lines[0]


def test_cli_serve_missing_data_dir(tmp_path):
    line = refused("--data-dir", tmp_path / "nothing")
    assert str(tmp_path / "nothing") in line and "duban run corpus/" in line
    assert not (tmp_path / "nothing").exists()  # nothing is created on the way out


def test_cli_serve_public_host_needs_a_token(seeded_dir):
    line = refused("--host", "0.0.0.0", "--data-dir", seeded_dir)
    assert "--host 0.0.0.0: a non-loopback address needs a token; set DUBAN_TOKEN" in line


def test_cli_serve_port_in_use(seeded_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused("--port", port, "--data-dir", seeded_dir)
    assert f"127.0.0.1:{port}: the port is in use; choose another --port" in line
