"""The dense channel against a real Chroma server (``chroma run``) on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_index_support import make_store, seed_docs, settings_for, tiny_model  # noqa: F401

from duban.errors import StoreError
from duban.index import Index

pytestmark = pytest.mark.slow


def _chroma_cli() -> str | None:
    beside_python = Path(sys.executable).with_name("chroma")
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_url(tmp_path):
    cli = _chroma_cli()
    if cli is None:
        pytest.skip("the `chroma` command (installed with chromadb) is not on PATH")
    port = _free_port()
    server = subprocess.Popen([cli, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("chroma run did not start within 30 s")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_index_chroma_server_update_and_search(tmp_path, chroma_url, tiny_model, seed_docs):  # noqa: F811
    settings = settings_for(tmp_path / "data", chroma_url=chroma_url, embed_model=str(tiny_model))
    index = Index(settings, make_store(tmp_path, seed_docs[:2]))
    report = index.update()
    assert report["dense"] and index.vectors.count() == report["units"]
    assert not (settings.index_dir / "chroma").exists()  # nothing written locally for Chroma
    hits = index.search("养老床位", k=5, use=("dense",))
    assert hits and all(h.channels == ("dense",) for h in hits)
    assert index.check() == []


def test_index_chroma_server_unreachable_is_store_error(tmp_path, tiny_model):  # noqa: F811
    settings = settings_for(tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}",
                            embed_model=str(tiny_model))
    with pytest.raises(StoreError, match="127.0.0.1"):
        Index(settings, make_store(tmp_path, []))
