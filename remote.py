"""``duban ask --server URL``: the question asked of a running ``duban serve`` over its JSON API.

The server has the index and the embedder loaded already, so the answer costs one HTTP request
instead of a process that opens both. ``GET <URL>/api/ask`` takes the question and the explicit
filters as parameters (serve/asking.py) and returns the ``answers`` contract of
shared/spec/records.md, which ``answer_from_dict`` turns back into an ``Answer``. A server on a
non-loopback host needs its token: ``DUBAN_TOKEN`` is sent as ``Authorization: Bearer``.
"""

from __future__ import annotations

import os
from datetime import date

import httpx

from . import __version__
from .errors import FetchError, UsageError

TIMEOUT = 60.0  # seconds; the server answers in well under one, but may be busy
# ask's Filters fields → the API's parameters (serve/asking.py PARAM_FIELDS and DATE_FIELDS).
_PARAMS = {"regions": "region", "levels": "level", "topics": "topic", "units": "kind",
           "since": "since", "until": "until"}


def ask_server(url: str, question: str, overrides: dict, k: int) -> dict:
    """The server's answer as JSON (``Answer.to_dict``); ``FetchError`` when there is none."""
    if overrides.get("kinds"):
        raise UsageError("--kind", "figure kinds are not a filter of duban serve's /api/ask; "
                                   "ask without --server, or filter the JSON")
    if not url.startswith(("http://", "https://")):
        raise UsageError(url, "not a server URL; expected http://host:port of a running duban serve")
    endpoint = url.rstrip("/") + "/api/ask"
    headers = {"User-Agent": f"duban/{__version__}", "Accept": "application/json"}
    if os.environ.get("DUBAN_TOKEN"):
        headers["Authorization"] = f"Bearer {os.environ['DUBAN_TOKEN']}"
    try:
        response = httpx.get(endpoint, params=_params(question, overrides, k), headers=headers,
                             timeout=TIMEOUT)
    except httpx.InvalidURL as exc:
        raise UsageError(url, f"not a server URL ({exc}); expected http://host:port") from exc
    except httpx.HTTPError as exc:
        raise FetchError(endpoint, f"cannot reach duban serve ({type(exc).__name__}: {exc})") from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code != 200 or not isinstance(body, dict) or "results" not in body:
        detail = body.get("error") if isinstance(body, dict) else response.text[:200]
        raise FetchError(endpoint, f"duban serve answered {response.status_code}: {detail or 'not an answer'}")
    return body


def _params(question: str, overrides: dict, k: int) -> list[tuple[str, str]]:
    pairs = [("q", question), ("k", str(k))]
    for name, param in _PARAMS.items():
        value = overrides.get(name)
        if isinstance(value, date):
            pairs.append((param, value.isoformat()))
        elif value:
            pairs += [(param, v) for v in value]
    return pairs
