"""Fixtures for the `duban serve` tests: the seeds indexed (lexical channel), the same plus a
hostile document, and an app over a data directory.

The hostile document is written by this module, not found: a 费县 notice whose title and
clauses carry ``<script>`` markup (nested, to pass the cleaner) and a leading ``=SUM(...)``, the two ways document text can
attack a web page and a spreadsheet. Its sentences follow seed 001's wording (新增养老床位).
"""

from __future__ import annotations

import shutil
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from conftest import settings_at

from duban.index import Index
from duban.pipeline import extract_pending, ingest_sources
from duban.serve import create_app
from duban.serve.searcher import Searcher
from duban.store import Store
from duban.track import track_store

HOSTILE_MARKUP = '<script>alert("duban")</script>'
# ingest/clean.py strips tags, but a tag nested in another comes out of it whole: the stored
# text then holds HOSTILE_MARKUP, and only the templates' escaping stands between it and a page.
NESTED = '<scr<b>ipt>alert("duban")</scr<b>ipt>'
HOSTILE_TEXT = "\n".join([
    f"=SUM(A1:A9){NESTED}费县民政局关于养老服务工作的通知",
    "发布日期：2021年3月1日  发布机构：费县民政局",
    f"下一步，我们将新增养老床位200张{NESTED}，年内完成。",
    "=SUM(A1:A9)力争明年建成社区养老服务站10处。",
]) + "\n"


AS_OF = date(2022, 6, 30)  # after most seed deadlines (2020-2021), before the 十四五 ones


def _index(directory: Path) -> Index:
    settings = settings_at(directory)
    index = Index(settings, Store(settings.db_url), dense=False)
    index.update()
    return index


@pytest.fixture(scope="session")
def indexed_dir(seeded_dir, tmp_path_factory) -> Path:
    """The five seeds, extracted, indexed with BM25 only and tracked as of ``AS_OF``
    (read-only for tests)."""
    directory = Path(shutil.copytree(seeded_dir, tmp_path_factory.mktemp("serve") / "data"))
    index = _index(directory)
    track_store(index.store, index, AS_OF)
    return directory


@pytest.fixture(scope="session")
def hostile_dir(indexed_dir, tmp_path_factory) -> Path:
    """``indexed_dir`` plus the hostile notice, extracted and indexed."""
    root = tmp_path_factory.mktemp("hostile")
    directory = Path(shutil.copytree(indexed_dir, root / "data"))
    source = root / "hostile_notice.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    settings = settings_at(directory)
    store = Store(settings.db_url)
    report = ingest_sources(store, settings, [str(source)])
    assert len(report.added) == 1 and not report.failed, report
    assert extract_pending(store, processes=1) == 1
    _index(directory)
    return directory


def app_for(directory: Path, access):
    """The web app over ``directory``, searching its lexical index."""
    settings = settings_at(directory)
    store = Store(settings.db_url)
    return create_app(settings, store, Searcher(settings, store, dense=False), access)


@contextmanager
def live_server(app):
    """A real uvicorn server for ``app`` on a free localhost port, in a thread; yields its URL."""
    import uvicorn

    from duban.serve.app import bind

    sock = bind("127.0.0.1", 0)
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        instance.should_exit = True
        thread.join(10)
