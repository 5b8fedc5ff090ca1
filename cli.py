"""The ``duban`` command line: thin wrappers over pipeline.py, store.py, index/ and export.py.

Every command takes ``--data-dir`` and ``--db`` (or DUBAN_DATA / DUBAN_DB). Errors duban
raises on purpose (errors.py) become one line on stderr, ``duban: error: <source>: <reason>``,
and the error's exit code; progress bars go to stderr so stdout stays clean for ``--json``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from . import __version__
from .config import Settings, load_settings
from . import validate
from .errors import DubanError, IncompleteIndex, InputError, UsageError
from .records import DOCUMENT_FIELDS, HitRecord
from .store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

TABLES = ("documents", "commitments", "figures")
EXAMPLE_QUESTIONS = (
    "哪些县承诺新增养老床位？各多少张？什么时候完成？",
    "低保标准提高到多少？",
    "明年社工站建设有什么计划？",
)


class _Group(TyperGroup):
    """Turns DubanError into one line and its exit code, and Ctrl-C into exit 130."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DubanError as exc:
            err.print(f"duban: error: {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("duban: interrupted; every document stored so far is complete")
            raise typer.Exit(130) from None


app = typer.Typer(cls=_Group, no_args_is_help=True, add_completion=False,
                  help="Turn Chinese government texts into a searchable ledger of commitments.")

# -- shared options ---------------------------------------------------------------------------
DataDir = typer.Option(None, "--data-dir", help="Where duban keeps its state (env DUBAN_DATA; default ./duban-data).")
Db = typer.Option(None, "--db", help="Database path or SQLAlchemy URL (env DUBAN_DB; default <data>/duban.db).")
ChromaUrl = typer.Option(None, "--chroma-url", help="A Chroma server, e.g. http://localhost:8000 (env DUBAN_CHROMA_URL).")
Model = typer.Option(None, "--model", help="sentence-transformers model name or directory (env DUBAN_EMBED_MODEL).")
AsJson = typer.Option(False, "--json", help="Print JSON instead of a table.")
Region = typer.Option(None, "--region", help="Region name or 6-digit code (enclosing divisions match too).")
Level = typer.Option(None, "--level", help="province, city, county, district or township.")
Topic = typer.Option(None, "--topic", help="One topic of shared/spec/records.md, e.g. 养老服务.")
Kind = typer.Option(None, "--kind", help="Figure kind: achieved, target, standard, other.")
DueBefore = typer.Option(None, "--due-before", help="Only commitments due on or before this ISO date.")
Doc = typer.Option(None, "--doc", help="Only records of this document (id, id prefix or source).")
Engine = typer.Option(None, "--engine", help="Run as tasks on a cluster: dask (a local one, a worker per core, unless --address).")
Address = typer.Option(None, "--address", help="The cluster's Dask scheduler, e.g. tcp://head:8786 (with --engine dask).")


def _settings(data_dir, db, chroma_url=None, model=None, max_bytes=None) -> Settings:
    return load_settings(data_dir=data_dir, db=db, chroma_url=chroma_url, embed_model=model,
                         max_bytes=max_bytes)


def _writing(settings: Settings):
    """The data directory's writer lock (lock.py), saying so on stderr when it has to wait."""
    from .lock import writer_lock

    return writer_lock(settings.data_dir, lambda note: err.print(f"duban: {escape(note)}", soft_wrap=True))


@contextmanager
def _cluster(engine: str | None, address: str | None) -> Iterator:
    """The cluster of ``--engine``/``--address`` (engine.py), or None: the single-process path."""
    from .engine import open_cluster

    with open_cluster(engine, address) as cluster:
        yield cluster


def _reader(settings: Settings) -> Store:
    """The store opened read-only, for commands that only read."""
    return Store(settings.db_url, read_only=True)


@contextmanager
def _progress() -> Iterator:
    """A callback ``(stage, done, total)`` drawing one rich bar per stage on stderr."""
    bars = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars:
        yield update


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _table(title: str | None, columns: list[str], rows: list[list]) -> None:
    table = Table(title=title, show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[escape("" if v is None else str(v)) for v in row])
    out.print(table)


# -- ingest, extract, index -------------------------------------------------------------------
def _ingest(settings: Settings, store: Store, sources: list[str], crawl: bool, max_pages: int,
            extract: bool, index: bool, cluster=None, retry_failed: bool = False) -> int:
    from .pipeline import ingest_sources

    with _progress() as progress:
        if cluster is None:
            report = ingest_sources(store, settings, sources, crawl=crawl, max_pages=max_pages,
                                    progress=progress, retry_failed=retry_failed)
        else:
            from . import distribute

            report = distribute.ingest(cluster, settings, sources, crawl, max_pages, progress)
        _report_ingest(report)
        if report.failed and not (report.added or report.unchanged):
            return report.exit_code  # every input failed: nothing to extract, no model to load
        failures: list[DubanError] = []
        if extract:
            _report_extract(store, _extract(settings, store, progress, failures, cluster), failures)
        if extract and index:
            _update_index(settings, store, progress, cluster=cluster)
    return max([report.exit_code] + [e.exit_code for e in failures])


def _report_ingest(report) -> None:
    for note in report.notes:
        err.print(f"duban: note: {escape(note)}", soft_wrap=True)
    for error in report.failed:
        err.print(f"duban: error: {escape(str(error))}", soft_wrap=True)
    out.print(f"ingested {len(report.added)} new, {len(report.unchanged)} unchanged, "
              f"{len(report.failed)} failed")


def _report_extract(store: Store, n: int, failures: list[DubanError] = ()) -> None:
    for error in failures:
        err.print(f"duban: error: {escape(str(error))}", soft_wrap=True)
    out.print(f"extracted {n} document(s): {store.count('commitments')} commitments, "
              f"{store.count('figures')} figures in the ledger"
              + (f"; {len(failures)} set aside (duban documents --failed)" if failures else ""))


def _extract(settings: Settings, store: Store, progress, failures: list, cluster=None,
             force: bool = False, retry_failed: bool = False) -> int:
    """Extraction in this process (pipeline.py) or as tasks on ``cluster`` (distribute.py)."""
    if cluster is None:
        from .pipeline import extract_pending

        return extract_pending(store, force=force, progress=progress, retry_failed=retry_failed, failures=failures)
    from . import distribute

    return distribute.extract(cluster, store, settings, force=force, retry_failed=retry_failed,
                              failures=failures, progress=progress)


def _update_index(settings: Settings, store: Store, progress, rebuild: bool = False, cluster=None):
    idx = _open_index(settings, store, recover=rebuild, cluster=cluster)
    counts = idx.update(progress, rebuild=rebuild)
    _print_notes(idx)
    embedder = idx.embedder.name if idx.embedder else "none (lexical search only)"
    out.print(f"indexed {counts['indexed_documents']} document(s), removed {counts['removed_documents']}: "
              f"{counts['units']} units searchable; embedder {embedder}")
    return idx


@app.command()
def ingest(
    sources: list[str] = typer.Argument(..., help="Files, folders (recursive) or http(s) URLs."),
    crawl: bool = typer.Option(False, "--crawl", help="Treat each URL as a listing page and follow its articles and attachments."),
    max_pages: int = typer.Option(50, "--max-pages", min=1, help="Most pages to fetch per crawled listing."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Run extraction after ingesting."),
    index: bool = typer.Option(True, "--index/--no-index", help="Update the search index after extracting."),
    parse_only: bool = typer.Option(False, "--parse-only", help="Only fetch, parse and store (the same as --no-extract)."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Refuse inputs larger than this (env DUBAN_MAX_BYTES; default 50 MB)."),
    engine: Optional[str] = Engine, address: Optional[str] = Address,
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Also parse again the inputs set aside (duban documents --failed)."),
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """Ingest documents into the database (then extract and index them)."""
    settings = _settings(data_dir, db, max_bytes=validate.positive_size(max_bytes, "--max-bytes"))
    with _writing(settings), _cluster(engine, address) as cluster:
        code = _ingest(settings, Store(settings.db_url), sources, crawl, max_pages, extract and not parse_only,
                       index, cluster, retry_failed)
    raise typer.Exit(code)


@app.command()
def extract(force: bool = typer.Option(False, "--force", help="Redo documents already extracted."),
            retry_failed: bool = typer.Option(False, "--retry-failed", help="Also retry the documents set aside (duban documents --failed)."),
            engine: Optional[str] = Engine, address: Optional[str] = Address,
            data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """Extract figures, commitments and mentions from documents not yet extracted."""
    settings = _settings(data_dir, db)
    failures: list[DubanError] = []
    with _writing(settings), _cluster(engine, address) as cluster, _progress() as progress:
        store = Store(settings.db_url)
        n = _extract(settings, store, progress, failures, cluster, force=force, retry_failed=retry_failed)
        _report_extract(store, n, failures)
    raise typer.Exit(max((e.exit_code for e in failures), default=0))


@app.command("index")
def index_cmd(
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and build it again (needed to switch models)."),
    check: bool = typer.Option(False, "--check", help="Only report disagreements between database and index."),
    model: Optional[str] = Model, chroma_url: Optional[str] = ChromaUrl,
    engine: Optional[str] = Engine, address: Optional[str] = Address,
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """Bring the semantic index up to date with the database."""
    settings = _settings(data_dir, db, chroma_url, model)
    if check:
        from .index import Index

        problems = Index(settings, _reader(settings)).check()
        for problem in problems:
            out.print(escape(problem))
        out.print("index agrees with the database" if not problems else f"{len(problems)} problem(s)")
        raise typer.Exit(1 if problems else 0)
    with _writing(settings), _cluster(engine, address) as cluster, _progress() as progress:
        _update_index(settings, Store(settings.db_url), progress, rebuild=rebuild, cluster=cluster)


# -- looking at the store ---------------------------------------------------------------------
@app.command()
def documents(failed: bool = typer.Option(False, "--failed", help="Only the documents set aside, with the reason."),
              as_json: bool = AsJson, data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """List the documents in the database."""
    if failed:
        rows = _reader(_settings(data_dir, db)).failed_documents()
        if as_json:
            return _print_json(rows)
        return _table(f"{len(rows)} document(s) set aside; duban extract --retry-failed retries them "
                      "(duban ingest --retry-failed those set aside while parsing)",
                      ["id", "stage", "reason", "source"],
                      [[(r["id"] or "")[:10], r["stage"], r["reason"], r["source"]] for r in rows])
    docs = _reader(_settings(data_dir, db)).list_documents()
    if as_json:
        return _print_json(docs)
    _table(f"{len(docs)} document(s)", ["id", "date", "type", "region", "level", "title", "source"],
           [[d["id"][:10], d["date"], d["doc_type"], d["region"], d["level"], d["title"], d["source"]]
            for d in docs])


@app.command()
def show(ref: str = typer.Argument(..., help="Document id, id prefix or source."),
         raw: bool = typer.Option(False, "--raw", help="Show what cleaning cut from the raw text, and why."),
         as_json: bool = AsJson, data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """One document: metadata, speaker turns and cleaned text by sentence."""
    store = _reader(_settings(data_dir, db))
    doc = store.get_document(store.resolve_id(ref, validate.source_forms(ref)))
    if raw:
        return _show_removed(doc, as_json)
    if as_json:
        return _print_json({k: v for k, v in doc.items() if k != "raw_text"})
    for key in (*DOCUMENT_FIELDS, "region_source", "url", "version", "index_no", "format", "encoding",
                "spam", "warnings"):
        if doc.get(key) not in (None, "", []):
            out.print(f"[bold]{key}[/]: {escape(str(doc[key]))}")
    if doc["turns"]:
        out.print(f"[bold]speaker turns[/]: {len(doc['turns'])}")
        for turn in doc["turns"]:
            quote = doc["text"][turn["start"]:turn["end"]].replace("\n", " ")
            out.print(f"  {escape(turn['speaker'] or '?')} ({turn['role']}): {escape(quote[:60])}…")
    out.print("[bold]text[/]:")
    for sentence in doc["sentences"]:
        out.print(f"[dim]{sentence['idx']:>4}[/] {escape(sentence['text'])}")


def _show_removed(doc: dict, as_json: bool) -> None:
    """Every span cleaning removed (chrome, ad, spam, pinyin, repeat, after_end), re-derived from
    the stored raw text: cleaning is deterministic, so this is what ingest cut."""
    from .ingest.clean import clean_text

    removed = clean_text(doc["raw_text"] or "").removed
    if as_json:
        return _print_json([{"kind": r.kind, "text": r.text} for r in removed])
    out.print(f"[bold]{len(removed)} removal(s)[/] from {escape(doc['source'])}")
    for r in removed:
        out.print(f"  [dim]{r.kind:<9}[/] {escape(r.text[:120])}")


def _records(table: str, settings: Settings, region, level, topic, kind, due_before, doc, **tracking) -> list[dict]:
    validate.choice(level, validate.LEVELS, "--level")
    validate.choice(kind, validate.FIGURE_KINDS, "--kind")
    if topic is not None:
        validate.choice(topic, validate.topics(), "--topic")
    due = validate.iso_date(due_before, "--due-before")
    store = _reader(settings)
    return store.query_records(table, region=region, level=level, topic=topic, kind=kind,
                               due_before=due.isoformat() if due else None,
                               doc=store.resolve_id(doc, validate.source_forms(doc)) if doc else None,
                               **tracking)


def _quantity(record: dict) -> str:
    q = record.get("quantity")
    return q["text"] if q else ""


@app.command()
def commitments(commitment_id: Optional[str] = typer.Argument(None, metavar="[ID]", help="Show one commitment with its evidence timeline and status history."),
                region: Optional[str] = Region, level: Optional[str] = Level,
                topic: Optional[str] = Topic, due_before: Optional[str] = DueBefore,
                doc: Optional[str] = Doc,
                status: Optional[str] = typer.Option(None, "--status", help="met, exceeded, partly, not_met, no_evidence or pending."),
                due: Optional[str] = typer.Option(None, "--due", help="Due state: overdue, due_soon, on_track or none."),
                as_json: bool = AsJson,
                data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """The commitment ledger: who promised what, how much, by when, with the quote and status."""
    from .records import DUE_STATES, STATUSES

    if commitment_id:
        return _show_commitment(_reader(_settings(data_dir, db)), commitment_id, as_json)
    validate.choice(status, STATUSES, "--status")
    validate.choice(due, DUE_STATES, "--due")
    rows = _records("commitments", _settings(data_dir, db), region, level, topic, None, due_before, doc,
                    status=status, due_state=due)
    if as_json:
        return _print_json(rows)
    _table(f"{len(rows)} commitment(s)", ["id", "region", "topic", "promise", "quantity", "deadline", "status", "source"],
           [[r["id"], r["region"], r["topic"], r["text"], _quantity(r),
             " ".join(filter(None, [r["deadline_text"], r["deadline"] and f"({r['deadline']})"])),
             " ".join(filter(None, [_status_label(r["status"]), r.get("due_state") if r.get("due_state") not in (None, "none", "on_track") else None])),
             r["title"] or r["source"]] for r in rows])


def _status_label(status: str | None) -> str:
    from .records import STATUS_LABELS

    return STATUS_LABELS.get(status, status or "")


@app.command("show-commitment")
def show_commitment(commitment_id: str = typer.Argument(..., help="Commitment id (from `duban commitments`)."),
                    as_json: bool = AsJson, data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """One commitment: the promise, its evidence timeline and its status history."""
    _show_commitment(_reader(_settings(data_dir, db)), commitment_id, as_json)


def _show_commitment(store: Store, commitment_id: str, as_json: bool) -> None:
    rows = store.query_records("commitments", ids=[commitment_id])
    if not rows:
        raise InputError(commitment_id, "no such commitment; `duban commitments` lists them")
    row, history = rows[0], store.status_history(commitment_id)
    if as_json:
        return _print_json(dict(row, history=history))
    out.print(f"[bold]{escape(row['text'])}[/]  [dim]{escape(row['id'])}[/]")
    out.print(f"  {escape(row['region'] or '')} · {escape(row['title'] or row['source'] or '')} {escape(row['date'] or '')}"
              f" · 期限 {escape(row['deadline'] or '无')} · {escape(row.get('origin') or '')}"
              + (f" 序号 {escape(row['ledger_ref'])}" if row.get("ledger_ref") else ""))
    out.print(f"  状态 [bold]{escape(_status_label(row['status']))}[/] ({escape(row.get('status_source') or '-')}, "
              f"{escape(row.get('due_state') or '-')}): {escape(row.get('status_reason') or '')}")
    for e in sorted(row["evidence"], key=lambda e: e.get("date") or ""):
        out.print(f"  · {escape(e.get('date') or '')} {escape(e.get('title') or e.get('source') or '')}"
                  f" [{escape(e['verdict'])}] 「{escape(e['sentence'].strip())}」 {escape(e['reason'])}")
    for h in history:
        out.print(f"  ↳ {escape(h['at'])} {escape(h['status'])} ({escape(h['source'])}"
                  f"{', ' + escape(h['by']) if h.get('by') else ''}) {escape(h.get('reason') or '')}")


status_app = typer.Typer(cls=_Group, no_args_is_help=True, help="Set a commitment's status by hand.")
app.add_typer(status_app, name="status")


@status_app.command("set")
def status_set(commitment_id: str = typer.Argument(..., help="Commitment id."),
               status: str = typer.Option(..., "--status", help="met, exceeded, partly, not_met, no_evidence or pending."),
               note: Optional[str] = typer.Option(None, "--note", help="Why, in words."),
               by: Optional[str] = typer.Option(None, "--by", help="Who sets it."),
               data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """A manual status: it wins over tracking and survives re-extraction and re-tracking."""
    from .records import STATUSES

    validate.choice(status, STATUSES, "--status")
    Store(_settings(data_dir, db).db_url).set_status(commitment_id, status, by=by, note=note)
    out.print(f"{escape(commitment_id)}: {escape(_status_label(status))} (manual)")


ledger_app = typer.Typer(cls=_Group, no_args_is_help=True, help="Import a 督查台账 kept elsewhere.")
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("import")
def ledger_import(file: Path = typer.Argument(..., help="A .xlsx or .csv 台账; the first row is the header."),
                  region: Optional[str] = typer.Option(None, "--region", help="Region of rows without a 地区."),
                  data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """Each row becomes a commitment (origin ledger); re-importing the same file changes nothing."""
    from .track import import_ledger

    added, unchanged = import_ledger(Store(_settings(data_dir, db).db_url), file, region)
    out.print(f"imported {added} commitment(s) from {escape(str(file))}, {unchanged} unchanged")


def _track(settings: Settings, store: Store, idx, as_of: date, cluster=None) -> None:
    from .track import track_store

    with _progress() as progress:
        if cluster is None:
            report = track_store(store, idx, as_of, progress)
        else:
            from .distribute import tracker

            report = track_store(store, idx, as_of, progress, tracker=tracker(cluster, settings, idx))
    _table(f"tracked {len(report.results)} commitment(s) as of {as_of}; {report.changed} status change(s)",
           ["status", "commitments"], [[_status_label(k), v] for k, v in report.counts().most_common()])
    due = Counter(t.due_state for t in report.results.values())
    _table(None, ["due", "commitments"], due.most_common())


@app.command()
def track(as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge due dates against this day (YYYY-MM-DD; default today)."),
          lexical: bool = typer.Option(False, "--lexical", help="Search candidates with BM25 only (no embedding model)."),
          model: Optional[str] = Model, chroma_url: Optional[str] = ChromaUrl,
          engine: Optional[str] = Engine, address: Optional[str] = Address,
          data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """Find later evidence for every commitment and give each a status (also run by `duban run`)."""
    from .index import Index

    settings = _settings(data_dir, db, chroma_url, model)
    store = Store(settings.db_url)
    day = validate.iso_date(as_of, "--as-of") or date.today()
    with _cluster(engine, address) as cluster:
        with _progress() as progress:
            idx = Index(settings, store, dense=False) if lexical else _open_index(settings, store, cluster=cluster)
            idx.update(progress)
        _track(settings, store, idx, day, cluster)


@app.command()
def figures(region: Optional[str] = Region, level: Optional[str] = Level,
            topic: Optional[str] = Topic, kind: Optional[str] = Kind, doc: Optional[str] = Doc,
            as_json: bool = AsJson, data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """Every figure with its normalized value, unit, kind and sentence."""
    rows = _records("figures", _settings(data_dir, db), region, level, topic, kind, None, doc)
    if as_json:
        return _print_json(rows)
    _table(f"{len(rows)} figure(s)", ["region", "text", "value", "unit", "kind", "subject", "sentence"],
           [[r["region"], r["text"], r["value"], r["unit"], r["kind"], r["subject"], r["sentence"]]
            for r in rows])


@app.command()
def export(
    table: str = typer.Argument(..., help="documents, commitments or figures."),
    fmt: str = typer.Option("xlsx", "--format", "-f", help="xlsx, csv (UTF-8 with BOM), jsonl or json."),
    out_path: Path = typer.Option(..., "--out", "-o", help="File to write."),
    region: Optional[str] = Region, level: Optional[str] = Level, topic: Optional[str] = Topic,
    kind: Optional[str] = Kind, due_before: Optional[str] = DueBefore, doc: Optional[str] = Doc,
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """Write a table to a spreadsheet or JSON file, fields as in shared/spec/records.md."""
    from .export import FORMATS, write

    validate.choice(table, TABLES, "table")
    validate.choice(fmt, FORMATS, "--format")
    filters = {k: v for k, v in dict(region=region, level=level, topic=topic, kind=kind,
                                     due_before=due_before, doc=doc).items() if v}
    unusable = {"documents": set(filters), "commitments": {"kind"}, "figures": {"due_before"}}[table]
    if unusable & set(filters):  # never claim a filter in 说明 that was not applied
        flag = "--" + sorted(unusable & set(filters))[0].replace("_", "-")
        raise UsageError(flag, f"does not apply to {table}; see `duban export --help`")
    settings = _settings(data_dir, db)
    if table == "documents":
        rows = _reader(settings).list_documents()
    else:
        rows = _records(table, settings, region, level, topic, kind, due_before, doc)
    n = write(rows, table, fmt, out_path, about={"筛选条件": filters} if filters else None)
    out.print(f"wrote {n} {table} to {escape(str(out_path))}")


# -- questions --------------------------------------------------------------------------------
def _show_answer(answer) -> None:
    from .index import group_by_region

    for fields, words in answer.relaxed.items():
        out.print(f"[yellow]the {fields} read from the question left nothing: relaxed it, showing "
                  f"results whose text names {escape('/'.join(words))}[/]")

    if not answer.results:
        out.print(f"[bold]{escape(answer.question)}[/]\n  nothing relevant found"
                  f" (filters: {escape(json.dumps(_active(answer.filters.to_dict()), ensure_ascii=False))})")
        return
    out.print(f"[bold]{escape(answer.question)}[/]")
    for region, hits in group_by_region(answer.results).items():
        out.print(f"[bold cyan]{escape(region or '(地区不明)')}[/]")
        for hit in hits:
            record = hit.record or HitRecord(row={})
            facts = [hit.kind]
            if record.quantity:
                facts.append(f"数量 {record.quantity.text}")
            if hit.kind == "figure" and record.value is not None:
                facts.append(f"{record.text} = {record.value:g} {record.unit or ''}".strip())
            if record.deadline_text or record.deadline:
                facts.append(f"期限 {record.deadline_text or ''} {record.deadline or ''}".strip())
            out.print(f"  {hit.rank}. {escape(hit.text)}  [dim]({escape('; '.join(facts))})[/]")
            out.print(f"     「{_highlight(hit.sentence, answer.question)}」")
            out.print(f"     [dim]{escape(hit.title or hit.source or '')} {escape(hit.date or '')} · "
                      f"{'+'.join(hit.channels)} · score {hit.score:.3f}[/]")


def _active(filters: dict) -> dict:
    return {k: v for k, v in filters.items() if v not in (None, [], ())}


def _highlight(sentence: str, question: str) -> str:
    """The sentence with the question's words (two characters or more) in bold."""
    from .index.highlight import matched_spans

    return "".join(f"[bold yellow]{escape(text)}[/]" if matched else escape(text)
                   for text, matched in matched_spans(sentence, question))


def _open_index(settings: Settings, store: Store, recover: bool = False, cluster=None):
    """The index; with a cluster, passages are embedded on its workers (distribute.py)."""
    from .index import Index

    embedder = None
    if cluster is not None:
        from .distribute import remote_embedder

        embedder = remote_embedder(cluster, settings)
    idx = Index(settings, store, recover=recover, embedder=embedder)
    _print_notes(idx)
    return idx


def _print_notes(idx) -> None:
    """The index's notes (fallbacks, repairs) on stderr, each once."""
    for note in idx.notes:
        err.print(f"duban: {escape(note)}", soft_wrap=True)
    idx.notes.clear()


@app.command()
def ask(
    question: str = typer.Argument(..., help="A question in Chinese, e.g. 临沂市各县承诺新增多少养老床位？"),
    region: Optional[list[str]] = typer.Option(None, "--region", help="Only these regions (repeatable)."),
    level: Optional[list[str]] = typer.Option(None, "--level", help="province, city, county, district, township."),
    topic: Optional[list[str]] = typer.Option(None, "--topic", help="Only these topics."),
    unit: Optional[list[str]] = typer.Option(None, "--unit", help="commitment, figure or sentence."),
    kind: Optional[list[str]] = typer.Option(None, "--kind", help="Figure kinds: achieved, target, standard, other."),
    since: Optional[str] = typer.Option(None, "--since", help="Documents dated on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Documents dated on or before (YYYY-MM-DD)."),
    k: int = typer.Option(10, "-k", min=1, help="How many answers."),
    as_json: bool = AsJson,
    strict: bool = typer.Option(False, "--strict", help="Refuse to answer (exit 4) when the index is incomplete."),
    export_to: Optional[Path] = typer.Option(None, "--export", help="Also write the answers to FILE.xlsx, .csv, .jsonl or .json."),
    server: Optional[str] = typer.Option(None, "--server", envvar="DUBAN_SERVER",
                                         help="Ask a running `duban serve` at this URL, e.g. http://localhost:8000 (env DUBAN_SERVER)."),
    model: Optional[str] = Model, chroma_url: Optional[str] = ChromaUrl,
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """Answer a question from the index, grouped by region, each answer with its quote."""
    question = validate.question(question)
    overrides = dict(regions=region, levels=validate.choices(level, validate.LEVELS, "--level"),
                     topics=validate.choices(topic, validate.topics(), "--topic") if topic else topic,
                     units=validate.choices(unit, validate.UNIT_KINDS, "--unit"),
                     kinds=validate.choices(kind, validate.FIGURE_KINDS, "--kind"),
                     since=validate.iso_date(since, "--since"), until=validate.iso_date(until, "--until"))
    if server:
        answer = _ask_server(server, question, overrides, k)
    else:
        answer = _ask_local(_settings(data_dir, db, chroma_url, model), question, overrides, k, strict)
    if export_to:
        _export_answer(answer, export_to)
    if as_json:
        return _print_json(answer.to_dict())
    _show_answer(answer)


def _ask_local(settings: Settings, question: str, overrides: dict, k: int, strict: bool):
    """The answer from this data directory's index, warning (or with ``strict`` refusing) when
    the index is incomplete."""
    from .index import ask as ask_index

    idx = _open_index(settings, _reader(settings))
    missing = idx.incomplete()
    if missing and strict:
        raise IncompleteIndex(str(settings.index_dir), f"the index is incomplete ({missing}); run duban index")
    if missing:
        err.print(f"duban: warning: the index is incomplete ({escape(missing)}); answers may miss "
                  "documents; `duban index` repairs it", soft_wrap=True)
    answer = ask_index(idx, question, date.today(), overrides, k)
    _print_notes(idx)  # a channel the search had to do without
    answer.partial = bool(missing)
    return answer


def _ask_server(url: str, question: str, overrides: dict, k: int):
    """The answer of a running ``duban serve`` (remote.py), as an ``Answer``."""
    from .index.query import answer_from_dict
    from .remote import ask_server

    return answer_from_dict(ask_server(url, question, overrides, k))


def _export_answer(answer, path: Path) -> None:
    from .export import write
    from .index import hit_dict

    fmt = path.suffix.lower().lstrip(".")
    rows = [hit_dict(h) for h in answer.results]
    about = {"问题": answer.question, "筛选条件": _active(answer.filters.to_dict())}
    write(rows, "answers", fmt, path, about)
    err.print(f"wrote {len(rows)} answers to {escape(str(path))}")


@app.command("backup")
def backup_cmd(dest: Path = typer.Argument(..., help="A new folder for the copy (a data directory: use it with --data-dir)."),
               data_dir: Optional[Path] = DataDir, db: Optional[str] = Db) -> None:
    """A consistent copy of the database (SQLite's online backup) and the index, while others read."""
    from .backup import backup

    settings = _settings(data_dir, db)
    with _writing(settings):
        copied = backup(settings, dest)
    out.print(f"backed up {escape(copied['database'])} and {copied['index_files']} index file(s) to {escape(str(dest))}")


# -- evaluation and the main job --------------------------------------------------------------
@app.command("eval")
def eval_cmd(
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold annotations (JSONL, shared/gold/README.md format)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Folder of the gold documents (default: <gold dir>/docs or ../seeds)."),
    track_gold: Optional[Path] = typer.Option(None, "--track", help="Tracking gold (tests/track/gold.jsonl format, README 'Tracking')."),
    lexical: bool = typer.Option(False, "--lexical", help="With --track: search with BM25 only (no embedding model)."),
    baseline: bool = typer.Option(False, "--baseline", help="With --track: also score the BM25 top-1 + number-comparison baseline."),
    extracted: bool = typer.Option(False, "--extracted", help="With --track: use duban's own commitments from the plans instead of a 台账."),
    as_json: bool = AsJson,
) -> None:
    """Precision, recall and F1 of extraction, or of tracking with --track, against gold."""
    from .score import evaluate

    if track_gold is not None:
        from .track.evaluate import evaluate_track

        if not track_gold.is_file():
            raise InputError(str(track_gold), "no such gold file")
        if extracted:
            from .track.evaluate import evaluate_extracted

            return _print_json(evaluate_extracted(track_gold, dense=not lexical))
        result = evaluate_track(track_gold, dense=not lexical, baseline=baseline)
        return _print_json(result.to_dict()) if as_json else out.print(escape(result.format_table()))
    if gold is None:
        raise InputError("--gold", "give --gold FILE (extraction) or --track FILE (tracking)")
    if not gold.is_file():
        raise InputError(str(gold), "no such gold file")
    report = evaluate(gold, docs)
    if as_json:
        return _print_json(report.to_dict())
    out.print(escape(report.format_table()))


@app.command()
def run(
    sources: Optional[list[str]] = typer.Argument(None, help="What to ingest (default: corpus/)."),
    model: Optional[str] = Model, chroma_url: Optional[str] = ChromaUrl,
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """The main job: ingest, extract and index, then summarise and answer three example questions."""
    settings = _settings(data_dir, db, chroma_url, model)
    store = Store(settings.db_url)
    from .index import ask as ask_index
    from .pipeline import extract_pending, ingest_sources

    with _writing(settings), _progress() as progress:
        report = ingest_sources(store, settings, sources or ["corpus"], progress=progress)
        _report_ingest(report)
        failures: list[DubanError] = []
        _report_extract(store, extract_pending(store, progress=progress, failures=failures), failures)
        idx = _update_index(settings, store, progress)
    _summary(store)
    out.print()
    _track(settings, store, idx, date.today())
    for question in EXAMPLE_QUESTIONS:
        out.print()
        _show_answer(ask_index(idx, question, date.today(), {}, 5))
    raise typer.Exit(report.exit_code)


def _summary(store: Store) -> None:
    docs = store.list_documents()
    by_region = Counter(d["region"] or "(unresolved)" for d in docs)
    by_type = Counter(d["doc_type"] for d in docs)
    ledger = store.query_records("commitments")
    by_topic = Counter(r["topic"] for r in ledger)
    by_year = Counter((r["deadline"] or "")[:4] or "(no deadline)" for r in ledger)
    out.print()
    _table(f"{len(docs)} document(s) in {escape(store.url.split('/')[-1])}",
           ["region", "documents"], by_region.most_common())
    _table(None, ["type", "documents"], by_type.most_common())
    _table(f"{len(ledger)} commitment(s)", ["topic", "commitments"], by_topic.most_common())
    _table(None, ["deadline year", "commitments"], sorted(by_year.items()))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; a non-loopback one needs DUBAN_TOKEN."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    edit: bool = typer.Option(False, "--edit", help="Allow changes (status, 台账 import) with the token; read-only without."),
    model: Optional[str] = Model, chroma_url: Optional[str] = ChromaUrl,
    data_dir: Optional[Path] = DataDir, db: Optional[str] = Db,
) -> None:
    """The ledger, search, commitments and documents as web pages (and JSON under /api/)."""
    import os

    from .serve import prepare, run as run_server

    settings = _settings(data_dir, db, chroma_url, model)
    given = os.environ.get("DUBAN_TOKEN") or None
    server = prepare(settings, host, port, edit, given)
    for note in server.notes:
        err.print(f"duban: {escape(note)}", soft_wrap=True)
    mode = "edit" if edit else "read-only"
    err.print(f"duban: serving {escape(str(settings.data_dir))} ({mode}) at http://{host}:{port}/", soft_wrap=True)
    if server.access.token and not given:
        err.print(f"duban: token for changes (log in at /login): {server.access.token}", soft_wrap=True)
    run_server(server.app, server.sock)


def _version(value: bool) -> None:
    if value:
        out.print(f"duban {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """duban (督办): a ledger of what Chinese government bodies promised, searchable and exportable."""


def main() -> None:
    app()
