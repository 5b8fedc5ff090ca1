"""``duban serve``: the ledger, search, commitments and documents as web pages and JSON.

    server = prepare(settings, host, port, edit, token)   # checks, binds, loads the index once
    run(server.app, server.sock)                          # until Ctrl-C
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .app import bind, create_app, run
from .security import Access, access_for

__all__ = ["Server", "create_app", "prepare", "run"]


@dataclass
class Server:
    app: object
    sock: object
    access: Access
    notes: list[str]


def prepare(settings, host: str, port: int, edit: bool, token: str | None) -> Server:
    """Check the data directory and the host, take the port, open the store and load the index.

    Each failure is one ``InputError`` line: a missing data directory, a non-loopback host
    without a token, a port in use.
    """
    from ..store import Store
    from .searcher import Searcher

    if settings.db_url.startswith("sqlite:///") and not Path(settings.db_url[len("sqlite:///"):]).is_file():
        raise InputError(str(settings.data_dir), "no duban database here; run `duban run corpus/` "
                         "first or pass --data-dir")
    access = access_for(host, edit, token)
    sock = bind(host, port)
    try:
        store = Store(settings.db_url, read_only=not edit)
        searcher = Searcher(settings, store)
    except BaseException:
        sock.close()
        raise
    return Server(create_app(settings, store, searcher, access), sock, access, searcher.notes)
