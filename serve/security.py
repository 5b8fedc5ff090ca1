"""Who may do what: loopback by default, a token for writes, read-only unless ``--edit``.

- A non-loopback ``--host`` without a token is refused at start (``check_bind``); on such a host
  every page also needs the token, since anyone on the network could otherwise read the ledger.
- Writes (any method but GET/HEAD/OPTIONS) are refused with 403 unless the server runs with
  ``--edit`` and the request carries the token: ``Authorization: Bearer TOKEN`` for scripts, or
  the session cookie that ``/login`` sets for a browser. Browser forms also carry a CSRF token
  (asgi-csrf's signed double-submit cookie, wrapped inside this guard in app.py).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie

from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse

from ..errors import InputError

SESSION_COOKIE = "duban_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Paths that stay open on a server that needs the token for reading.
OPEN_PATHS = ("/login", "/healthz", "/static/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


@dataclass(frozen=True)
class Access:
    """The server's access rules, fixed at start."""

    edit: bool
    token: str | None
    login_required: bool  # every page needs the token (non-loopback host)

    @property
    def session_value(self) -> str:
        """What the session cookie holds: an HMAC of the token, never the token itself."""
        return hmac.new(self.token.encode(), b"duban-session", hashlib.sha256).hexdigest()

    def authorised(self, headers: dict[bytes, bytes]) -> bool:
        if not self.token:
            return False
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.startswith("Bearer ") and secrets.compare_digest(auth[7:].strip(), self.token):
            return True
        cookie = SimpleCookie()
        cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        session = cookie.get(SESSION_COOKIE)
        return bool(session) and secrets.compare_digest(session.value, self.session_value)

    def check_token(self, given: str) -> bool:
        return bool(self.token) and secrets.compare_digest(given.strip(), self.token)


def access_for(host: str, edit: bool, token: str | None) -> Access:
    """The rules for a server on ``host``; a token is made up (and printed) for ``--edit``.

    Raises ``InputError`` for a non-loopback host without a token.
    """
    loopback = is_loopback(host)
    if not loopback and not token:
        raise InputError(f"--host {host}", "a non-loopback address needs a token; set DUBAN_TOKEN "
                         "(or bind 127.0.0.1 behind a reverse proxy)")
    if edit and not token:
        token = secrets.token_urlsafe(24)
    return Access(edit=edit, token=token, login_required=not loopback)


class Guard:
    """ASGI middleware applying ``Access`` before anything else sees the request."""

    def __init__(self, app, access: Access):
        self.app, self.access = app, access

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, method = scope["path"], scope["method"]
        headers = dict(scope.get("headers") or [])
        is_open = path.startswith(OPEN_PATHS) or path == "/logout"
        authorised = self.access.authorised(headers)
        if method not in SAFE_METHODS and not is_open:
            if not self.access.edit:
                return await _refuse(scope, receive, send, "read-only server: start `duban serve --edit` to allow changes")
            if not authorised:
                return await _refuse(scope, receive, send, "this change needs the token: log in at /login "
                                     "or send Authorization: Bearer TOKEN")
        if self.access.login_required and not authorised and not is_open:
            if path.startswith("/api/"):
                response = JSONResponse({"error": "this server needs the token (Authorization: Bearer TOKEN)"},
                                        status_code=401)
            else:
                target = path + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
                response = RedirectResponse("/login?" + _next(target), status_code=303)
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _next(target: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": target})


async def _refuse(scope, receive, send, reason: str) -> None:
    await PlainTextResponse(f"403 Forbidden: {reason}\n", status_code=403)(scope, receive, send)


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this server only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
