"""The pages and their JSON twins. Each handler reads the URL, asks the store or the index, and
renders; the work is in ledger.py, asking.py and views.py."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse

from ..errors import DubanError, InputError
from ..export import write
from ..index import hit_dict
from ..records import STATUSES
from . import ledger
from .asking import AskQuery
from .security import SESSION_COOKIE, safe_next
from .uploads import keep
from .views import (answer_groups, evidence_timeline, metadata_fields, quote_in_sentence, sentence_rows,
                    warning_label)

DOWNLOAD_NAME = "督查台账"


def _state(request: Request):
    return request.app.state


def render(request: Request, name: str, context: dict, status_code: int = 200):
    state = _state(request)
    context = {"access": state.access, "csrftoken": lambda: request.scope["csrftoken"](), **context}
    return state.templates.TemplateResponse(request, name, context, status_code=status_code)


# -- the ledger ---------------------------------------------------------------------------------
COUNTED = [f.param for f in ledger.FACETS] + ["region_path"]


def _ledger(request: Request, everything: bool = False):
    """The view the URL asks for, its page of records (every record with ``everything``) and
    the number of records in the view."""
    query = ledger.LedgerQuery.from_params(request.query_params)
    store = _state(request).store
    offset, limit = (0, None) if everything else (query.offset, query.per_page)
    records, total = store.ledger_page(query.store_filters(), query.sort, offset, limit)
    return query, records, total


def _facets(request: Request, query: ledger.LedgerQuery) -> dict[str, dict]:
    return _state(request).store.ledger_counts(query.store_filters(), COUNTED)


def ledger_page(request: Request):
    query, records, total = _ledger(request)
    counts = _facets(request, query)
    return render(request, "ledger.html", {
        "query": query, "page": ledger.page_of(records, total, query),
        "facets": ledger.facet_values(counts, query),
        "regions": ledger.region_tree(counts["region_path"], query.filters.get("region")),
        "sorts": ledger.SORTS, "label": ledger.label, "titles": ledger.TITLES, "warning": warning_label,
    })


def ledger_api(request: Request):
    query, records, total = _ledger(request)
    page = ledger.page_of(records, total, query)
    facets = {facet.param: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
              for facet, values in ledger.facet_values(_facets(request, query), query)}
    return JSONResponse({
        "filters": query.filters, "sort": query.sort, "total": page.total, "page": page.number,
        "pages": page.pages, "per_page": query.per_page, "facets": facets, "results": page.records,
    })


def download(request: Request):
    """The current view (every page of it) through export.py: same columns, BOM, formula guard."""
    fmt = request.path_params["fmt"]
    if fmt not in ("xlsx", "csv"):
        raise HTTPException(404, f"no download format {fmt}; use xlsx or csv")
    query, records, _ = _ledger(request, everything=True)
    folder = Path(tempfile.mkdtemp(prefix="duban-download-"))
    path = folder / f"{DOWNLOAD_NAME}.{fmt}"
    about = {"筛选条件": query.filters} if query.filters else None
    write(records, "commitments", fmt, path, about)
    return FileResponse(path, filename=path.name, background=BackgroundTask(_remove, folder))


def _remove(folder: Path) -> None:
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


# asgi-csrf 0.11 cannot read multipart bodies with python-multipart ≥ 0.0.13 (it passes the
# removed ``FileClass`` argument), so it skips these paths and the route checks the same signed
# double-submit token itself: the form's field against the cookie asgi-csrf validated.
MULTIPART_FORMS = ("/ledger/import",)


def _check_csrf(request: Request, form) -> None:
    given = str(form.get("csrftoken", ""))
    if not given or not secrets.compare_digest(given, request.scope["csrftoken"]()):
        raise HTTPException(403, "multipart/form-data POST field did not match cookie (reload the form)")


async def import_ledger_file(request: Request):
    """The 台账 form (``--edit`` only): keep the file under <data>/uploads/, then import it with
    track's importer under the writer lock; a bad file stores nothing."""
    from ..lock import writer_lock
    from ..track import import_ledger

    state = _state(request)
    form = await request.form()
    if not request.headers.get("authorization", "").startswith("Bearer "):
        _check_csrf(request, form)
    upload, region = form.get("file"), str(form.get("region", "")).strip() or None
    if upload is None or isinstance(upload, str):
        raise InputError("file", "choose a .xlsx or .csv 台账 to import")
    path = keep(state.settings.data_dir / "uploads", upload.filename, await upload.read(),
                state.settings.max_bytes)

    def run():
        with writer_lock(state.settings.data_dir, lambda note: None):
            return import_ledger(state.store, path, region)

    added, unchanged = await run_in_threadpool(run)
    return render(request, "imported.html", {"name": upload.filename, "added": added, "unchanged": unchanged})


# -- one commitment, one document -------------------------------------------------------------
def _commitment(request: Request) -> tuple[dict, dict]:
    store = _state(request).store
    found = store.query_records("commitments", ids=[request.path_params["commitment_id"]])
    if not found:
        raise HTTPException(404, f"{request.path_params['commitment_id']}: no such commitment")
    record = found[0]
    return record, store.get_document(record["document_id"])


def commitment_page(request: Request):
    record, doc = _commitment(request)
    sentence = next((s for s in doc["sentences"] if s["idx"] == record.get("sentence_index")), None)
    pieces = quote_in_sentence(doc["text"], sentence, record["start"], record["end"]) if sentence else (
        "", record["text"], "")
    return render(request, "commitment.html", {
        "c": record, "doc": doc, "pieces": pieces, "label": ledger.label, "warning": warning_label(record),
        "timeline": evidence_timeline(record.get("evidence")), "statuses": STATUSES,
        "history": _state(request).store.status_history(record["id"]),
    })


def commitment_api(request: Request):
    record, _ = _commitment(request)
    return JSONResponse({**record, "status_history": _state(request).store.status_history(record["id"])})


async def set_status(request: Request):
    """The status form (``--edit`` only; the guard and asgi-csrf have checked token and CSRF)."""
    commitment_id = request.path_params["commitment_id"]
    form = await request.form()
    status = str(form.get("status", ""))
    if status not in STATUSES:
        raise InputError(f"status={status}", f"choose one of {', '.join(STATUSES)}")
    by, note = (str(form.get(k, "")).strip() or None for k in ("by", "note"))
    def run():
        from ..lock import writer_lock

        with writer_lock(_state(request).settings.data_dir, lambda note: None):
            _state(request).store.set_status(commitment_id, status, "manual", by, note)

    await run_in_threadpool(run)
    return RedirectResponse(f"/commitments/{quote(commitment_id)}#history", status_code=303)


def _document(request: Request) -> dict:
    store = _state(request).store
    try:
        doc_id = store.resolve_id(request.path_params["document_id"])
    except InputError as exc:
        raise HTTPException(404, str(exc)) from None
    return store.get_document(doc_id)


def document_page(request: Request):
    doc = _document(request)
    raw = request.query_params.get("s", "")
    linked = int(raw) if raw.isdigit() else None
    store = _state(request).store
    return render(request, "document.html", {
        "doc": doc, "fields": metadata_fields(doc), "rows": sentence_rows(doc, linked), "linked": linked,
        "commitments": store.query_records("commitments", doc=doc["id"]),
        "figures": store.query_records("figures", doc=doc["id"]), "label": ledger.label,
    })


def document_api(request: Request):
    doc = _document(request)
    return JSONResponse({k: v for k, v in doc.items() if k != "raw_text"})


# -- search -------------------------------------------------------------------------------------
async def _answer(request: Request):
    query = AskQuery.from_params(request.query_params)
    if not query.q:
        return query, None
    answer = await _state(request).searcher.ask(query.q, query.overrides(), query.k, query.without)
    return query, answer


async def ask_page(request: Request):
    query, answer = await _answer(request)
    return render(request, "ask.html", {
        "query": query, "answer": answer,
        "groups": answer_groups(answer, hit_dict) if answer else [],
        "chips": query.chips(answer.filters) if answer else [], "notes": _state(request).searcher.notes,
    })


async def ask_api(request: Request):
    query, answer = await _answer(request)
    if answer is None:
        raise InputError("q", "ask a question: /api/ask?q=...")
    return JSONResponse(answer.to_dict())


# -- operations ---------------------------------------------------------------------------------
def healthz(request: Request):
    state = _state(request)
    return JSONResponse({"status": "ok", "documents": state.store.count("documents"),
                         "commitments": state.store.count("commitments"),
                         "units": state.searcher.units(), "edit": state.access.edit})


async def login(request: Request):
    access = _state(request).access
    nxt = safe_next(request.query_params.get("next"))
    if request.method == "GET":
        return render(request, "login.html", {"next": nxt, "failed": False})
    form = await request.form()
    nxt = safe_next(form.get("next"))
    if not access.check_token(str(form.get("token", ""))):
        return render(request, "login.html", {"next": nxt, "failed": True}, status_code=403)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(SESSION_COOKIE, access.session_value, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


async def logout(request: Request):
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- errors -------------------------------------------------------------------------------------
async def input_error(request: Request, exc: DubanError):
    return await error(request, HTTPException(400, str(exc)))


async def error(request: Request, exc: HTTPException):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return render(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                  status_code=exc.status_code)
