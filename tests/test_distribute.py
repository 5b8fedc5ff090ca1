"""The pipeline as tasks on a Dask cluster (engine.py, distribute.py).

The slow tests run the commands with ``--engine dask --address`` against a local cluster of
2 single-threaded worker processes, a real PostgreSQL (pgserver) and a real ``chroma run``;
the ledger must equal the one the single-process commands build on another database and
Chroma server from the same inputs, also when a worker is killed in the middle of extraction.
The fast tests check the task cutting, the per-host lock and the one-line errors.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from chroma_support import chroma_server, free_port
from paths import ROOT
from test_index_support import seed_docs, tiny_model  # noqa: F401
from typer.testing import CliRunner
from web_server import site  # noqa: F401

from duban import distribute, engine
from duban.cli import app
from duban.config import load_settings
from duban.errors import InputError
from duban.extract import EXTRACTOR_VERSION
from duban.store import Store

runner = CliRunner()
AS_OF = "2026-06-30"


def duban(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# -- fast: cutting work into tasks, errors ---------------------------------------------------
def test_chunks_spread_work_over_workers_and_keep_every_item():
    items = list(range(1000))
    shares = distribute.chunks(items, workers=2)
    assert [i for s in shares for i in s] == items
    assert max(map(len, shares)) == distribute.MAX_CHUNK  # capped: a lost task redoes little
    few = distribute.chunks(list(range(5)), workers=2)
    assert len(few) == 5  # fewer items than 4 tasks per worker: one each
    assert distribute.chunks([], workers=2) == []


def test_parse_groups_put_one_host_in_one_task_and_each_file_in_its_own(tmp_path):
    groups, errors = distribute.parse_groups([
        "https://www.mzj.example.gov.cn/a.html", str(ROOT / "corpus"), "https://mzj.example.gov.cn/b.html",
        "http://other.example.cn/c.html", str(tmp_path / "missing.txt")])
    hosts = {host: urls for host, urls in groups if host}
    assert hosts == {"mzj.example.gov.cn": ["https://www.mzj.example.gov.cn/a.html", "https://mzj.example.gov.cn/b.html"],
                     "other.example.cn": ["http://other.example.cn/c.html"]}
    files = [urls for host, urls in groups if host is None]
    assert len(files) == 5 and all(len(f) == 1 for f in files)  # the five seeds of corpus/
    assert len(errors) == 1 and isinstance(errors[0], InputError) and "missing.txt" in str(errors[0])


@pytest.mark.parametrize("args, message", [
    (["extract", "--address", "tcp://127.0.0.1:8786"], "--address: needs --engine dask"),
    (["index", "--engine", "ray"], "--engine: 'ray' is not supported; use dask (docs/scaling.md says why not ray)"),
])
def test_engine_usage_errors_are_one_line(args, message, tmp_path):
    result = runner.invoke(app, args + ["--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and result.output.strip() == f"duban: error: {message}"


def test_unreachable_scheduler_is_one_line_fetch_error(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = runner.invoke(app, ["extract", "--engine", "dask", "--address", address, "--data-dir", str(tmp_path)])
    assert result.exit_code == 4
    line = result.output.strip()
    assert line.startswith(f"duban: error: {address}: no Dask scheduler answered") and "\n" not in line


def _parse_in_daemon(queue, settings, path: str) -> None:
    try:
        distribute._parse_task((None, [path]), settings, False, 1)
        queue.put("parsed")
    except Exception as exc:  # noqa: BLE001 - the test reads what a worker would report
        queue.put(f"{type(exc).__name__}: {exc}")


def test_a_daemonic_worker_says_how_to_start_workers_that_can_fork(tmp_path):
    """Dask's default workers are daemons, which cannot start the budgeted parsing child."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    settings = load_settings(data_dir=tmp_path)
    worker = context.Process(target=_parse_in_daemon, args=(queue, settings, str(ROOT / "corpus")), daemon=True)
    worker.start()
    message = queue.get(timeout=60)
    worker.join(10)
    assert message == ("UsageError: dask worker: runs as a daemon process, so parsing cannot start its "
                       "budgeted worker; start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")
    assert not Store(settings.db_url).list_documents()  # nothing was stored


@pytest.fixture(scope="module")
def threads_cluster():
    """Two in-process workers (threads): enough for locks and task plumbing, starts in 1 s."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local, \
            Client(local) as client:
        yield engine.Cluster(client)


def test_one_host_is_fetched_by_one_worker_at_a_time_with_the_delay(threads_cluster, site, tmp_path):  # noqa: F811
    """Two runs' tasks for the same host on two workers: their requests never interleave and
    the fetcher's delay (1 s) separates every two of them, across the tasks too."""
    settings = load_settings(data_dir=tmp_path / "data")
    urls = [site.url("/art/2020/9/8/art_1_1001.html"), site.url("/xxgk/202006/t20200630_4001.html")]
    groups = [("127.0.0.1", [urls[0]]), ("127.0.0.1", [urls[1]])]
    Store(settings.db_url).close()  # as distribute.ingest does: the schema before the tasks
    site.log.clear()
    reports = [r for _, r in threads_cluster.map(distribute._parse_task, groups, settings, False, 50)]
    assert sum(len(r.added) for r in reports) == 2 and not any(r.failed for r in reports)
    times = sorted(t for _, t in site.log)
    assert len(times) >= 3  # robots.txt and the two pages
    # The delay counts from the end of the previous answer, which comes after its arrival, so
    # no load can shorten a gap; without the lock the two tasks' first requests arrive together.
    assert min(b - a for a, b in zip(times, times[1:])) >= 1.0


def test_distributed_ingest_reports_like_the_single_process_one(threads_cluster, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    settings = load_settings(data_dir=tmp_path / "data")
    report = distribute.ingest(threads_cluster, settings, ["corpus", "corpus/missing.txt"])
    assert len(report.added) == 5 and [str(e) for e in report.failed] == ["corpus/missing.txt: no such file or folder"]
    again = distribute.ingest(threads_cluster, settings, ["corpus"])
    assert len(again.unchanged) == 5 and not again.added  # keyed on the bytes: a redone task changes nothing
    assert {source for _, source in report.added} == {d["source"] for d in Store(settings.db_url).list_documents()}


# -- slow: the commands on a process cluster, PostgreSQL and Chroma ---------------------------
@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    import pgserver

    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    for name in ("single", "dist"):
        server.psql(f"CREATE DATABASE {name};")
    yield lambda name: server.get_uri(name).replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()


@pytest.fixture(scope="module")
def cluster():
    with engine.open_cluster("dask", None, workers=2) as local:
        yield local


def _ledger(db: str, data: Path) -> list[dict]:
    out = data / "ledger.jsonl"
    duban("export", "commitments", "--format", "jsonl", "--out", str(out), "--db", db, "--data-dir", str(data))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def single_ledger(postgres, tiny_model, tmp_path_factory):  # noqa: F811
    """The ledger of the single-process commands, indexed and tracked with their own Chroma server."""
    data = tmp_path_factory.mktemp("single")
    db, model = postgres("single"), str(tiny_model)
    with chroma_server(data / "chroma") as chroma, pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        duban("ingest", "corpus/", "--no-index", "--db", db, "--data-dir", str(data))
        duban("index", "--model", model, "--chroma-url", chroma, "--db", db, "--data-dir", str(data))
        duban("track", "--as-of", AS_OF, "--model", model, "--chroma-url", chroma, "--db", db, "--data-dir", str(data))
    ledger = _ledger(db, data)
    assert len(ledger) > 200 and all(r["status"] and r["status_reason"] for r in ledger)  # tracked
    return ledger


def _extract_killing_a_worker(cluster, on: tuple[str, ...]) -> int:
    """``duban extract --engine dask`` with the worker running a task killed (SIGKILL) midway;
    returns the killed worker's process id."""
    client = cluster.client
    pids = client.run(os.getpid)
    outputs: list[str] = []
    thread = threading.Thread(target=lambda: outputs.append(duban("extract", *on)))
    thread.start()
    deadline = time.monotonic() + 120
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # its task has started: warming up the extractor or extracting
    busy = next(address for address, keys in client.processing().items() if keys)
    os.kill(pids[busy], signal.SIGKILL)
    thread.join(timeout=600)
    assert outputs and "extracted" in outputs[0]  # finished, exit code 0
    return pids[busy]


@pytest.mark.slow
def test_distributed_commands_give_the_single_process_ledger_with_a_worker_killed(
        postgres, cluster, single_ledger, tiny_model, tmp_path, monkeypatch):  # noqa: F811
    """ingest --parse-only, extract (a worker killed mid-run), index and track, all with
    --engine dask --address, give the ledger of the single-process commands."""
    monkeypatch.chdir(ROOT)
    db, model = postgres("dist"), str(tiny_model)
    on = ("--engine", "dask", "--address", cluster.client.scheduler.address, "--db", db, "--data-dir", str(tmp_path))
    with chroma_server(tmp_path / "chroma") as chroma:
        first = duban("ingest", "corpus/", "--parse-only", *on)
        assert "ingested 5 new, 0 unchanged, 0 failed" in first and "extracted" not in first
        killed = _extract_killing_a_worker(cluster, on)
        duban("index", "--model", model, "--chroma-url", chroma, *on)
        duban("track", "--as-of", AS_OF, "--model", model, "--chroma-url", chroma, *on)
    assert killed not in cluster.client.run(os.getpid).values()  # it died, and was replaced
    assert Store(db).pending_extraction(EXTRACTOR_VERSION) == []
    assert _ledger(db, tmp_path) == single_ledger


def _die(_item) -> None:
    os._exit(1)  # as a worker killed by the kernel's OOM killer would


@pytest.mark.slow
def test_a_task_whose_worker_always_dies_is_one_error_after_its_retries(cluster):
    with pytest.raises(engine.WorkerLost, match="died each time it ran"):
        list(cluster.map(_die, ["x"]))
