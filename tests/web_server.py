"""A government-style web site on 127.0.0.1 for the fetch and crawl tests (no network).

Serves tests/data/site/ (see its README) plus a PDF and a DOCX built at start-up from seed
text, and a few routes that misbehave on purpose. Import the ``site`` fixture into a test
module: ``from web_server import site  # noqa: F401``.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

SITE = Path(__file__).parent / "data" / "site"
PDF_PATH = "/files/延安市民政局专场新闻发布会实录.pdf"
DOCX_PATH = "/xxgk/202006/fj/六盘水市民政兜底保障政策问答.docx"
GBK_PAGES = frozenset({"/art/2018/4/10/art_3_3001.html", "/list/gbk/index.html", "/list/gbk/index_1.html"})
SLOW_SECONDS = 1.5
STREAM_BYTES = 4000

# Seed 002 (延安市民政局专场新闻发布会, 2021-11-12), the PDF attachment's text.
PDF_TEXT = [
    "延安市民政局专场发布会实录",
    "一是坚决服务脱贫攻坚大局。充分发挥社会救助兜底保障作用,在省内率先建立特困供养标准",
    "自然增长机制,率先将城乡低保、特困供养和临时救助审批权下放至乡镇(街道办)。",
]
# Seed 004 (六盘水市民政局, 2020-06-30), the DOCX attachment's text.
DOCX_TEXT = [
    "实施社会救助兜底脱贫行动。结合实际制定实施方案,会同相关部门开展监测摸底确定对象,"
    "确保符合条件的贫困人口全部纳入兜底保障范围。",
    "加强特殊困难群体关爱帮扶。严格落实重残重病人员“单人保”政策,确保应保尽保。",
]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Site:
    root: Path
    base_url: str = ""
    hits: Counter = field(default_factory=Counter)  # path (unquoted, no query) → requests
    log: list = field(default_factory=list)  # (path, time.monotonic() when the request came)

    def url(self, path: str) -> str:
        return self.base_url + quote(path, safe="/?=&%")


def build_site(root: Path) -> Path:
    """Copy tests/data/site to ``root`` and add the generated PDF and DOCX."""
    shutil.copytree(SITE, root)
    _write_pdf(root / PDF_PATH.lstrip("/"), PDF_TEXT)
    _write_docx(root / DOCX_PATH.lstrip("/"), DOCX_TEXT)
    return root


def _write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    for i, line in enumerate(lines):
        pdf.drawString(40, 780 - 20 * i, line)
    pdf.save()


def _write_docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing and answers with ``send``; test servers subclass it."""

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _handler(site: Site, failed_once: set[str], lock: threading.Lock) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            with lock:
                site.hits[path] += 1
                site.log.append((path, time.monotonic()))
                first_time = path not in failed_once
                failed_once.add(path)
            head, _, name = path.rpartition("/")
            if path == "/go/4001":
                self.send(302, b"", {"Location": "/xxgk/202006/t20200630_4001.html"})
            elif head == "/loop":  # /loop/a → /loop/b → /loop/a
                self.send(302, b"", {"Location": "/loop/" + ("b" if name == "a" else "a")})
            elif head == "/hop":  # /hop/5 → /hop/4 → ... → /hop/0, which is a page
                if name == "0":
                    self.send(200, "<p>终点</p>".encode(), {"Content-Type": CONTENT_TYPES[".html"]})
                else:
                    self.send(302, b"", {"Location": f"/hop/{int(name) - 1}"})
            elif head == "/flaky":  # 500 on the first request of each name, then the page
                self._send_status_then_page(first_time, 500, {})
            elif head == "/busy":  # 429 with Retry-After: 3 the first time, then the page
                self._send_status_then_page(first_time, 429, {"Retry-After": "3"})
            elif head == "/always500":
                self.send(500, b"error", {"Content-Type": CONTENT_TYPES[".txt"]})
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self.send(200, b"late", {"Content-Type": CONTENT_TYPES[".txt"]})
            elif path == "/stream":  # no Content-Length: the body ends when the connection closes
                self.send_response(200)
                self.send_header("Content-Type", CONTENT_TYPES[".txt"])
                self.end_headers()
                self.wfile.write(b"x" * STREAM_BYTES)
            elif path == "/download":  # the real name only in Content-Disposition (RFC 6266)
                body = (site.root / PDF_PATH.lstrip("/")).read_bytes()
                disposition = "attachment; filename*=UTF-8''" + quote("民政工作报告.pdf")
                self.send(200, body, {"Content-Type": CONTENT_TYPES[".pdf"], "Content-Disposition": disposition})
            else:
                self._send_file(path)

        def _send_status_then_page(self, fail: bool, status: int, headers: dict[str, str]) -> None:
            if fail:
                self.send(status, b"try again", {"Content-Type": CONTENT_TYPES[".txt"], **headers})
            else:
                self.send(200, "<p>恢复正常</p>".encode(), {"Content-Type": CONTENT_TYPES[".html"]})

        def _send_file(self, path: str) -> None:
            file = (site.root / path.lstrip("/")).resolve()
            if not file.is_file() or site.root.resolve() not in file.parents:
                self.send(404, b"not found", {"Content-Type": CONTENT_TYPES[".txt"]})
                return
            content_type = "text/html; charset=gbk" if path in GBK_PAGES else CONTENT_TYPES[file.suffix]
            self.send(200, file.read_bytes(), {"Content-Type": content_type})

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a /slow request still sleeping must not hold up shutdown

    def handle_error(self, request, client_address) -> None:
        # A client that gave up (size cap, timeout) closes the socket mid-answer: expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path) -> Iterator[Site]:
    """Serve ``root`` (a tree like the one build_site makes) on 127.0.0.1 at a free port."""
    served = Site(root)
    server = Server(("127.0.0.1", 0), _handler(served, set(), threading.Lock()))
    served.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The test site, served for the whole test module."""
    with serve(build_site(tmp_path_factory.mktemp("web") / "site")) as served:
        yield served
