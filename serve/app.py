"""The Starlette application and the server around it (``duban serve``).

Middleware, outermost first: ``Guard`` (read-only, token, login), then asgi-csrf (signed
double-submit cookie on every form post), then the routes. Templates autoescape everything.
"""

from __future__ import annotations

import errno
import secrets
import socket
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import DubanError, InputError
from . import routes
from .security import Access, Guard

HERE = Path(__file__).parent


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    return Jinja2Templates(env=env)


def create_app(settings, store, searcher, access: Access) -> Starlette:
    """The web app over an open ``Store`` and a ``Searcher`` (the loaded index) of ``settings``."""
    from asgi_csrf import asgi_csrf

    app = Starlette(
        routes=[
            Route("/", routes.ledger_page),
            Route("/api/commitments", routes.ledger_api),
            Route("/download/commitments.{fmt}", routes.download),
            Route("/commitments/{commitment_id}", routes.commitment_page),
            Route("/api/commitments/{commitment_id}", routes.commitment_api),
            Route("/commitments/{commitment_id}/status", routes.set_status, methods=["POST"]),
            Route("/ledger/import", routes.import_ledger_file, methods=["POST"]),
            Route("/documents/{document_id}", routes.document_page),
            Route("/api/documents/{document_id}", routes.document_api),
            Route("/ask", routes.ask_page),
            Route("/api/ask", routes.ask_api),
            Route("/healthz", routes.healthz),
            Route("/login", routes.login, methods=["GET", "POST"]),
            Route("/logout", routes.logout, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(Guard, access=access),
            # A fresh secret per start: forms rendered before a restart must be reloaded.
            Middleware(asgi_csrf, signing_secret=secrets.token_hex(32), cookie_samesite="Strict",
                       skip_if_scope=lambda scope: scope["path"] in routes.MULTIPART_FORMS),
        ],
        exception_handlers={HTTPException: routes.error, DubanError: routes.input_error},
    )
    app.state.settings, app.state.store, app.state.searcher, app.state.access = settings, store, searcher, access
    app.state.templates = templates()
    return app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or one line saying why not (the port is taken, the host unknown)."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(128)
        return sock
    except socket.gaierror as exc:
        raise InputError(f"--host {host}", f"unknown host ({exc.strerror})") from exc
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"{host}:{port}", "the port is in use; choose another --port") from exc
        raise InputError(f"{host}:{port}", f"cannot listen ({exc.strerror})") from exc


def run(app: Starlette, sock: socket.socket) -> None:
    """Serve until Ctrl-C, with uvicorn's access log line per request on stdout."""
    import uvicorn

    config = uvicorn.Config(app, log_level="info", access_log=True, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
