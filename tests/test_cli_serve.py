"""`duban serve` refuses to start with one line and exit 3: no data, a public host without a
token, a port in use; and, as a process, serves the seeds' ledger (slow: it builds the default
embedder). The routes are tested in test_serve_routes.py, a real browser in test_serve_browser.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
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


@pytest.mark.slow
def test_cli_serve_shows_the_seeds_ledger(seeded_copy):
    """A data directory from ingest + extract (not indexed), then `duban serve` as a process
    (default embedder, converted on first use), the ledger over HTTP, Ctrl-C to stop."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from duban.cli import main; main()", "serve", "--port", str(port),
               "--data-dir", str(seeded_copy)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"})
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.5)
        ledger = httpx.get(f"http://127.0.0.1:{port}/", params={"region": "费县"}, timeout=30)
        search = httpx.get(f"http://127.0.0.1:{port}/ask", params={"q": "养老床位"}, timeout=30)
        write = httpx.post(f"http://127.0.0.1:{port}/commitments/x/status", data={"status": "met"})
    finally:
        server.send_signal(signal.SIGINT)
        stdout, stderr = server.communicate(timeout=30)
    assert health["status"] == "ok" and health["documents"] == 5 and health["edit"] is False
    assert ledger.status_code == 200 and "承诺台账" in ledger.text and "费县" in ledger.text
    assert write.status_code == 403
    # this directory was never indexed: search says so instead of failing
    assert search.status_code == 200 and "run `duban index`" in search.text
    assert "the search index is empty" in stderr
    assert f"serving {seeded_copy} (read-only) at http://127.0.0.1:{port}/" in stderr
    assert '"GET /healthz HTTP/1.1" 200' in stdout  # the access log
