"""The fault suite of issue #14: every fault ends in one clear line, the right exit code, and no
data lost or blocked.

Each case runs the real ``duban`` command in a subprocess (a kill, a lock and a permission
need a real process) and checks the exit code, the one line on stderr, and the data before and
after. "Unprivileged" means without the power to read what file permissions forbid: as root,
``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH for the command.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import settings_at
from paths import CORPUS
from test_index_support import seed_docs, tiny_model  # noqa: F401 - fixtures
from web_server import QuietHandler, Server

from duban.budget import Budget
from duban.pipeline import extract_pending, ingest_sources
from duban.store import Store

DUBAN = [sys.executable, "-c", "from duban.cli import main; main()"]
SEED = sorted(CORPUS.glob("*.txt"))[0]


def duban(*args, data: Path | None = None, unprivileged: bool = False, timeout: float = 600,
          cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [*DUBAN, *map(str, args), *(["--data-dir", str(data)] if data else [])]
    return subprocess.run(_unprivileged(command) if unprivileged else command, capture_output=True,
                          text=True, timeout=timeout, cwd=cwd)


def _unprivileged(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    if shutil.which("setpriv") is None or subprocess.run([*drop, "true"]).returncode != 0:
        pytest.skip("running as root, and setpriv cannot drop CAP_DAC_OVERRIDE here")
    return [*drop, *command]


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single ``duban: error:`` line of stderr (the test fails when there are more)."""
    errors = [line for line in result.stderr.splitlines() if line.startswith("duban: error:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return errors[0]


def documents(data: Path) -> list[dict]:
    result = duban("documents", "--json", data=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def indexed_once(seeded_dir, tiny_model, tmp_path_factory) -> Path:  # noqa: F811
    """The seeded store indexed with the tiny model, once for the module (tests copy it)."""
    data = Path(shutil.copytree(seeded_dir, tmp_path_factory.mktemp("indexed") / "data"))
    result = duban("index", "--model", tiny_model, data=data)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture
def indexed(indexed_once, tiny_model, tmp_path) -> tuple[Path, Path]:  # noqa: F811
    """A copy of the indexed seeded store this test may damage: (data dir, model dir)."""
    return Path(shutil.copytree(indexed_once, tmp_path / "indexed")), tiny_model


# -- the index ------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_kill_mid_index_makes_ask_say_the_index_is_incomplete(indexed):
    data, model = indexed
    catalog = data / "index" / "units.sqlite"
    run = subprocess.Popen([*DUBAN, "index", "--rebuild", "--model", str(model), "--data-dir", str(data)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:  # kill it once it has started writing: the catalog's generation is emptied first
        deadline = time.monotonic() + 120
        while _generation(catalog) != "" and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        assert run.poll() is None, "the index run finished before it could be killed"
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait()
    asked = duban("ask", "低保标准提高到多少？", "--json", "--model", model, data=data)
    assert asked.returncode == 0
    assert asked.stderr.splitlines()[-1] == (
        "duban: warning: the index is incomplete (an index run did not finish); answers may miss "
        "documents; `duban index` repairs it")
    assert json.loads(asked.stdout)["partial"] is True
    strict = duban("ask", "低保标准提高到多少？", "--strict", "--model", model, data=data)
    assert strict.returncode == 4 and strict.stdout == ""
    assert one_line(strict).endswith("the index is incomplete (an index run did not finish); run duban index")
    assert len(documents(data)) == 5  # the database never noticed
    assert duban("index", "--model", model, data=data).returncode == 0
    assert duban("index", "--check", "--model", model, data=data).returncode == 0
    again = duban("ask", "低保标准提高到多少？", "--json", "--strict", "--model", model, data=data)
    assert again.returncode == 0 and json.loads(again.stdout)["partial"] is False


def _generation(catalog: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=0.05) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


@pytest.mark.slow
def test_a_lost_vector_store_is_rebuilt_by_duban_index(indexed):
    data, model = indexed
    shutil.rmtree(data / "index" / "chroma")
    result = duban("index", "--model", model, data=data)
    assert result.returncode == 0, result.stderr
    assert "the vector store holds 0 units" in result.stderr
    assert duban("index", "--check", "--model", model, data=data).returncode == 0


@pytest.mark.slow
def test_a_corrupt_vector_store_is_one_line_and_index_rebuild_recovers(indexed):
    data, model = indexed
    store = data / "index" / "chroma" / "chroma.sqlite3"
    with open(store, "r+b") as handle:  # keep the header, damage the pages after it
        handle.seek(4096)
        handle.write(os.urandom(min(200_000, store.stat().st_size - 4096)))
    before = digest(data / "duban.db")
    result = duban("index", "--model", model, data=data)
    assert result.returncode == 5
    assert one_line(result).endswith("duban index --rebuild recreates it")
    rebuilt = duban("index", "--rebuild", "--model", model, data=data)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "moved it to" in rebuilt.stderr and (data / "index" / "chroma.damaged").is_dir()
    assert duban("index", "--check", "--model", model, data=data).returncode == 0
    assert digest(data / "duban.db") == before


# -- the database ---------------------------------------------------------------------------

@pytest.mark.slow
def test_two_concurrent_ingests_on_one_directory(tmp_path):
    data = tmp_path / "data"
    runs = [subprocess.Popen([*DUBAN, "ingest", str(CORPUS), "--no-index", "--data-dir", str(data)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert not any("UNIQUE" in err or "error" in err for _, _, err in results), results
    outs = sorted(out.splitlines()[0] for _, out, _ in results)
    assert outs == ["ingested 0 new, 5 unchanged, 0 failed", "ingested 5 new, 0 unchanged, 0 failed"]
    assert len(documents(data)) == 5


def test_a_second_writer_waits_and_says_so(tmp_path):
    from duban.lock import writer_lock

    data = tmp_path / "data"
    said = []
    with writer_lock(data, said.append):
        run = subprocess.Popen([*DUBAN, "ingest", str(SEED), "--no-extract", "--data-dir", str(data)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = _first_line(run.stderr, timeout=120)  # however long the CLI takes to start
        assert run.poll() is None  # it says so, then waits for the lock
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert first == f"duban: waiting for duban (pid {os.getpid()}) to finish writing to {data}\n"
    assert said == [] and out.startswith("ingested 1 new")


def _first_line(stream, timeout: float) -> str:
    """The first line a child writes, read in a thread so that a silent child fails the test."""
    lines = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert lines, f"nothing on the child's stderr within {timeout} s"
    return lines[0]


@pytest.mark.parametrize("command", [["documents"], ["show", SEED.name], ["export", "commitments", "-o", "x.xlsx"],
                                     ["commitments"]])
def test_a_corrupt_database_is_exit_5_with_the_fix(seeded_copy, tmp_path, command):
    database = seeded_copy / "duban.db"
    with open(database, "r+b") as handle:  # the first page (schema) stays, table pages break
        handle.seek(8192)
        handle.write(b"\xff" * (database.stat().st_size - 16384))
    before = digest(database)
    result = duban(*command, data=seeded_copy, cwd=tmp_path)
    assert result.returncode == 5, result.stderr
    line = one_line(result)
    assert "restore the copy made by `duban backup DEST`" in line, line
    assert digest(database) == before and not (tmp_path / "x.xlsx").exists()


@contextlib.contextmanager
def read_only(data: Path):
    """``data`` and everything in it without write permission, for the duration."""
    for path in [data, *data.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        yield
    finally:
        for path in [data, *data.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def tree_digest(data: Path) -> dict[str, str]:
    return {str(p.relative_to(data)): digest(p) for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_read_only_data_directory_can_be_read_not_written(seeded_copy, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out").chmod(0o777)
    before = {p.name: digest(p) for p in seeded_copy.iterdir() if p.is_file()}
    with read_only(seeded_copy):
        listed = duban("documents", "--json", data=seeded_copy, unprivileged=True)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 5
        queried = duban("commitments", "--region", "费县", "--json", data=seeded_copy, unprivileged=True)
        assert queried.returncode == 0 and json.loads(queried.stdout)
        out = tmp_path / "out" / "台账.xlsx"
        exported = duban("export", "commitments", "-o", out, data=seeded_copy, unprivileged=True)
        assert exported.returncode == 0, exported.stderr
        assert out.stat().st_size > 0
        asked = duban("ask", "低保标准提高到多少？", data=seeded_copy, unprivileged=True)  # no index there
        assert asked.returncode == 5
        assert one_line(asked).endswith("build it with duban index where the data directory is writable")
        written = duban("ingest", SEED, data=seeded_copy, unprivileged=True)
        assert written.returncode == 5
        assert one_line(written).endswith("writing commands need write access to the data directory")
        assert {p.name: digest(p) for p in seeded_copy.iterdir() if p.is_file()} == before


@pytest.mark.slow
def test_ask_answers_from_a_read_only_index(indexed):
    """The local index answers from its catalog, BM25 files and dense matrix, all opened for
    reading; Chroma, which opens its files for writing, is not opened to answer."""
    data, model = indexed
    before = tree_digest(data)
    with read_only(data):
        asked = duban("ask", "低保标准提高到多少？", "--json", "--strict", "--model", model, data=data,
                      unprivileged=True)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["partial"] is False and answer["results"], answer
    assert "Traceback" not in asked.stderr
    assert tree_digest(data) == before
    shutil.rmtree(data / "index" / "dense")  # out of step: only Chroma could answer dense queries
    with read_only(data):
        lexical = duban("ask", "低保标准提高到多少？", "--json", "--model", model, data=data, unprivileged=True)
    assert lexical.returncode == 0, lexical.stderr
    assert lexical.stderr.splitlines() == [
        "duban: warning: the index is incomplete (its search files are from another index run); answers may "
        "miss documents; `duban index` repairs it",
        "duban: warning: dense search is unavailable (the dense matrix is not in step, and the vector store cannot "
        "be opened in a read-only folder); answering with lexical search only; `duban index` where the folder is "
        "writable repairs it"]
    answer = json.loads(lexical.stdout)
    assert answer["partial"] is True and answer["results"]
    assert {channel for hit in answer["results"] for channel in hit["channels"]} == {"lexical"}


@pytest.mark.slow
def test_backup_is_a_data_directory_with_the_same_ledger(seeded_copy, tmp_path):
    dest = tmp_path / "backup"
    result = duban("backup", dest, data=seeded_copy)
    assert result.returncode == 0, result.stderr
    assert documents(dest) == documents(seeded_copy)
    again = duban("backup", dest, data=seeded_copy)
    assert again.returncode == 3
    assert one_line(again).endswith("already exists and is not an empty folder; choose a new one")


# -- inputs ---------------------------------------------------------------------------------

def _zip_bomb(path: Path) -> None:
    """A real DOCX whose word/document.xml unpacks to 300 MB (it compresses to a few hundred KB)."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("民政局关于养老服务的通知。")
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in src.infolist():
            body = b"<w:document>" + b" " * (300 * 1024 * 1024) if info.filename == "word/document.xml" else src.read(info)
            bomb.writestr(info.filename, body)


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _zip_bomb(bomb)
    assert bomb.stat().st_size < 3 * 1024 * 1024
    started = time.monotonic()
    result = duban("ingest", bomb, SEED, "--no-extract", data=tmp_path / "data")
    assert time.monotonic() - started < 60
    assert result.returncode == 3
    assert one_line(result) == (f"duban: error: {bomb}: zip member word/document.xml unpacks 1028x "
                                "(300 MB), over the 200x limit; not read (a zip bomb?)")
    assert [d["source"] for d in documents(tmp_path / "data")] == [str(SEED)]


@pytest.mark.slow
def test_an_unreadable_file_and_folder_are_named_and_the_rest_goes_on(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    shutil.copy(SEED, secret / "s.txt")
    ok = tmp_path / "ok.txt"
    shutil.copy(sorted(CORPUS.glob("*.txt"))[1], ok)
    data = tmp_path / "data"
    data.mkdir()
    for path in (tmp_path, data):
        path.chmod(0o777)
    secret.chmod(0)
    try:
        result = duban("ingest", ok, secret / "s.txt", "--no-extract", data=data, unprivileged=True)
        assert result.returncode == 3
        assert one_line(result) == f"duban: error: {secret / 's.txt'}: cannot read (Permission denied)"
        assert result.stdout.startswith("ingested 1 new, 0 unchanged, 1 failed")
        folder = duban("ingest", secret, "--no-extract", data=data, unprivileged=True)
        assert folder.returncode == 3
        assert one_line(folder) == f"duban: error: {secret}: unreadable folder (Permission denied)"
    finally:
        secret.chmod(0o755)
    assert [d["source"] for d in documents(data)] == [str(ok)]


def _varied_line(n_bytes: int) -> str:
    """One line of distinct sentences (cleaning drops a repeated body, so no repeats)."""
    parts, size, i = [], 0, 0
    while size < n_bytes:
        sentence = f"第{i}项，{'费县' if i % 2 else '临沂市'}民政局将在{2021 + i % 5}年底前新增养老床位{i}张。"
        parts.append(sentence)
        size += len(sentence.encode())
        i += 1
    return "".join(parts)


@pytest.mark.slow
def test_a_40_mb_single_line_is_parsed_in_sections_set_aside_after_and_blocks_nothing(tmp_path, tiny_model):  # noqa: F811
    big = tmp_path / "one_line.txt"
    big.write_text(_varied_line(40 * 1024 * 1024), encoding="utf-8")
    data = tmp_path / "data"
    result = duban("ingest", big, CORPUS, "--no-index", data=data, timeout=900)
    assert result.returncode == 3
    line = one_line(result)
    assert line.startswith(f"duban: error: {big}: ") and "over the extraction budget of 3,000,000" in line
    assert line.endswith("set aside, `duban extract --retry-failed` retries it")
    stored = {d["source"]: d for d in documents(data)}
    assert [d["extracted_with"] is not None for d in stored.values()].count(True) == 5  # the seeds went on
    assert stored[str(big)]["n_chars"] > 18_000_000  # cleaned in sections, stored whole
    failed = json.loads(duban("documents", "--failed", "--json", data=data).stdout)
    assert [(f["source"], f["stage"]) for f in failed] == [(str(big), "extract")]
    again = duban("ingest", big, CORPUS, "--no-index", data=data)  # not parsed, nor retried, again
    assert again.returncode == 0 and again.stdout.startswith("ingested 0 new, 6 unchanged, 0 failed")
    assert "set aside" not in again.stdout + again.stderr
    retried = duban("extract", "--retry-failed", data=data)
    assert retried.returncode == 3 and "over the extraction budget" in one_line(retried)
    indexed = duban("index", "--model", tiny_model, data=data)  # not 500,000 sentences to embed
    assert indexed.returncode == 0, indexed.stderr
    assert indexed.stderr.splitlines() == [
        f"duban: warning: {big}: {stored[str(big)]['n_chars']:,} characters, over the search index budget of "
        "1,000,000; left out of the index (it stays in the ledger); split the file to make it searchable"]
    assert "indexed 5 document(s)" in indexed.stdout
    asked = duban("ask", "养老床位", "--json", "--strict", "--model", tiny_model, data=data)
    assert asked.returncode == 0 and json.loads(asked.stdout)["partial"] is False


@pytest.mark.slow
def test_parsing_over_its_time_budget_is_set_aside_and_the_others_go_on(tmp_path):
    data = tmp_path / "data"
    settings, store = settings_at(data), Store(settings_at(data).db_url)
    slow = tmp_path / "slow.txt"
    slow.write_text(_varied_line(12 * 1024 * 1024), encoding="utf-8")  # about 6 s to parse, a seed 0.1 s
    tight = Budget(parse_seconds=2, parse_seconds_per_mb=0)
    report = ingest_sources(store, settings, [str(slow), str(CORPUS)], budget=tight)
    assert len(report.added) == 5  # the seeds, parsed before the larger input
    assert [str(e) for e in report.failed] == [
        f"{slow}: parsing ran over its 2 s budget; stopped; set aside, `duban ingest --retry-failed` retries it"]
    assert [(f["id"], f["source"], f["stage"]) for f in store.failed_documents()] == [(None, str(slow), "parse")]
    listed = json.loads(duban("documents", "--failed", "--json", data=data).stdout)
    assert [(f["source"], f["stage"], f["reason"]) for f in listed] == [
        (str(slow), "parse", "parsing ran over its 2 s budget; stopped")]
    again = ingest_sources(store, settings, [str(slow)], budget=tight)  # skipped, not parsed again
    assert (again.added, again.failed) == ([], []) and again.notes == [
        f"{slow}: set aside by an earlier run (parsing ran over its 2 s budget; stopped); "
        "`duban ingest --retry-failed` retries it"]
    retried = ingest_sources(store, settings, [str(slow)], retry_failed=True)
    assert [source for _, source in retried.added] == [str(slow)] and store.failed_documents() == []


def test_a_document_over_the_index_budget_is_left_out_and_the_index_stays_whole(seeded_copy):
    from duban.index import Index

    store = Store(settings_at(seeded_copy).db_url)
    index = Index(settings_at(seeded_copy), store, dense=False)
    index.embed_chars = 3000  # three of the five seeds are longer
    index.update()
    long = sorted(d["source"] for d in store.list_documents() if d["n_chars"] > 3000)
    assert len(long) == 3
    assert sorted(n.split(": ")[1] for n in index.notes) == long
    assert [(f["source"], f["stage"]) for f in sorted(store.failed_documents(), key=lambda f: f["source"])] == [
        (source, "index") for source in long]
    assert len(index.catalog.documents()) == 2
    assert index.incomplete() is None and index.check() == []
    assert extract_pending(store, force=True) == 5  # set aside by the index, not by extraction
    index.embed_chars = 10_000
    index.update()
    assert len(index.catalog.documents()) == 5 and store.failed_documents() == []


@pytest.mark.slow
def test_an_extraction_over_its_time_budget_is_stopped_and_the_others_go_on(seeded_copy):
    from duban.extract import EXTRACTOR_VERSION

    store = Store(settings_at(seeded_copy).db_url)
    slow = seeded_copy.parent / "slow.txt"
    # About 10 CPU s to extract (5 s a megabyte on this session's machines), the seeds 1 s: a
    # budget of 4 s stops it with room to spare even on a fast idle runner.
    slow.write_text(_varied_line(2 * 1024 * 1024), encoding="utf-8")
    assert ingest_sources(store, settings_at(seeded_copy), [str(slow)]).added
    failures = []
    assert extract_pending(store, force=True, failures=failures, budget=Budget(seconds=4)) == 5
    [failure] = failures
    assert str(failure) == (f"{slow}: extraction ran over its 4 s budget; stopped; set aside, "
                            "`duban extract --retry-failed` retries it")
    assert [f["source"] for f in store.failed_documents()] == [str(slow)]
    assert store.pending_extraction(EXTRACTOR_VERSION) == []  # quarantined: not pending
    assert store.pending_extraction(EXTRACTOR_VERSION, retry_failed=True) == [failure_id(store)]


def failure_id(store) -> str:
    [failed] = store.failed_documents()
    return failed["id"]


# -- the crawler ----------------------------------------------------------------------------

class _Hits(QuietHandler):
    """127.0.0.1 serves a listing whose article answers 302 to 127.0.0.2, which counts hits."""

    routes: dict = {}
    hits: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits.append(f"{self.server.server_address[0]}{self.path}")
        self.send(*type(self).routes.get((self.server.server_address[0], self.path), (404, b"not found", {})))


@pytest.fixture
def two_hosts():
    servers = []
    for host in ("127.0.0.1", "127.0.0.2"):
        try:
            server = Server((host, 0), _Hits)
        except OSError:
            pytest.skip(f"cannot listen on {host}")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    on, off = (f"http://{s.server_address[0]}:{s.server_address[1]}" for s in servers)
    article = "/art/2021/1/1/art_1_1.html"
    page = SEED.read_text(encoding="utf-8")
    html = f"<html><head><title>民政局</title></head><body><div id='zoom'><p>{page}</p></div></body></html>"
    page_type = {"Content-Type": "text/html; charset=utf-8"}
    _Hits.routes = {  # (host, path) → (status, body, headers)
        ("127.0.0.1", "/robots.txt"): (200, b"User-agent: *\nAllow: /\n", {}),
        ("127.0.0.1", "/list/index.html"): (200, f"<html><body><a href='{article}'>关于做好2021年养老服务工作的通知</a>"
                                                 "</body></html>".encode(), page_type),
        ("127.0.0.1", article): (302, b"", {"Location": off + article}),
        ("127.0.0.2", article): (200, html.encode(), page_type),
        ("127.0.0.2", "/robots.txt"): (200, b"User-agent: *\nAllow: /\n", {}),
    }
    _Hits.hits = []
    yield on, off, article
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_crawl_never_follows_a_redirect_off_the_site(two_hosts, tmp_path):
    on, off, article = two_hosts
    data = tmp_path / "data"
    result = duban("ingest", "--crawl", on + "/list/index.html", "--no-extract", data=data)
    assert result.returncode == 4
    assert one_line(result) == (f"duban: error: {on}{article}: redirects off the site to {off}{article}; "
                                "not followed (the crawl stays on 127.0.0.1)")
    assert not [hit for hit in _Hits.hits if hit.startswith("127.0.0.2")]  # not even robots.txt
    assert documents(data) == []


@pytest.mark.slow
def test_a_single_url_may_redirect_off_site_and_says_so(two_hosts, tmp_path):
    on, off, article = two_hosts
    data = tmp_path / "data"
    result = duban("ingest", on + article, "--no-extract", data=data)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"duban: note: {on}{article}: redirected off its site to {off}{article}; ingested from there"]
    assert [d["source"] for d in documents(data)] == [on + article]
