"""HTTP only: URL → ``RawDocument`` (bytes, final URL, headers). Never parses the body.

Politeness and safety live here so that every caller gets them:

- robots.txt is read once per scheme+host and obeyed (``Crawl-delay`` too, when it asks
  for more than ``delay``); a robots.txt answering 4xx means "no rules", 401/403 means
  "keep out", as in ``urllib.robotparser.RobotFileParser.read``.
- at least ``delay`` seconds pass between the end of one request to a host and the start
  of the next (robots.txt, redirect hops and retries included), on a monotonic clock, so
  that a slow server is not asked again the moment it answers.
- connection errors, timeouts, 5xx and 429 are retried ``retries`` times with exponential
  backoff; a short ``Retry-After`` is honoured, a long one ends the attempt.
- redirects are followed by hand, so that each hop passes robots.txt and the delay, and
  a loop is reported as such.
- bodies over ``max_bytes`` are refused, whether the size is announced or streamed.

Answers are cached on disk under ``cache_dir`` by URL hash (body + metadata), so a
re-run of the same crawl makes no network requests; ``get(url, refresh=True)`` bypasses it.
Every failure is a ``FetchError(url, reason)``.
"""

from __future__ import annotations

import email.message
import email.utils
import hashlib
import json
import os
import time
import urllib.robotparser
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from ..errors import FetchError
from ..records import RawDocument

USER_AGENT = "duban/0.1 (+https://github.com/duban-project/duban; civic research crawler)"
MAX_REDIRECTS = 10
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is told "try later" by the user
BACKOFF_BASE = 1.0  # seconds before the first retry; doubles each time
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class Fetcher:
    """A polite HTTP client with an on-disk cache.

    ``sleep`` and ``clock`` are injectable so tests can check the delay without waiting.
    ``requests`` counts the network requests made (robots.txt, redirect hops and retries
    each count one); cache hits count none.
    """

    def __init__(
        self,
        cache_dir: Path,
        delay: float = 1.0,
        timeout: float = 10.0,
        retries: int = 2,
        max_bytes: int = 50 * 1024 * 1024,
        user_agent: str = USER_AGENT,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.cache_dir = Path(cache_dir)
        self.delay = delay
        self.retries = retries
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.requests = 0
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": user_agent}
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last_request: dict[str, float] = {}  # host → clock() when its last request ended

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, refresh: bool = False, scope: str | None = None) -> RawDocument:
        """Fetch ``url`` (from the cache unless ``refresh``), following redirects.

        Returns a ``RawDocument`` with ``source`` = ``url`` as given, ``url`` = the final URL,
        the Content-Type header, and a filename from Content-Disposition or the URL path.
        ``scope`` (a URL; the crawler passes its listing): every redirect must stay on that
        site, checked before the hop is requested, so nothing off-site is fetched, not even
        its robots.txt.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL; give an address like https://example.gov.cn/...")
        if not refresh:
            cached = self._read_cache(url)
            if cached is not None:
                _check_scope(url, cached.url or url, scope)
                return cached
        final_url, status, headers, body = self._follow(url, scope)
        if status >= 400:
            raise FetchError(url, f"HTTP {status}")
        self._write_cache(url, final_url, headers, body)
        return _raw(url, final_url, headers, body)

    # -- network -------------------------------------------------------------------------

    def _follow(self, url: str, scope: str | None = None) -> tuple[str, int, dict[str, str], bytes]:
        """Request ``url`` and each redirect target in turn; each hop must stay in ``scope``
        and pass robots.txt."""
        chain = [url]
        current = url
        while True:
            if not self._allowed(url, current):
                raise FetchError(url, "disallowed by robots.txt" + _hop_note(url, current))
            status, headers, body = self._request(url, current)
            if status not in REDIRECT_STATUSES or "location" not in headers:
                return current, status, headers, body
            target = urljoin(current, headers["location"]).split("#")[0]
            if target in chain:
                raise FetchError(url, "redirect loop: " + " -> ".join(chain + [target]))
            if len(chain) > MAX_REDIRECTS:
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"redirected to a non-http URL {target}")
            _check_scope(url, target, scope)
            chain.append(target)
            current = target

    def _request(self, source: str, url: str) -> tuple[int, dict[str, str], bytes]:
        """One GET with retries; returns status, lower-cased headers and the capped body."""
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._wait_turn(url)
            self.requests += 1
            try:
                status, headers, body = self._get_once(source, url)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchError(source, f"timed out ({type(exc).__name__}){_hop_note(source, url)}") from exc
                self._sleep(_backoff(attempt))
                continue
            except httpx.TransportError as exc:
                if last:
                    reason = f"connection failed ({type(exc).__name__}: {_one_line(exc)})"
                    raise FetchError(source, reason + _hop_note(source, url)) from exc
                self._sleep(_backoff(attempt))
                continue
            if status not in RETRY_STATUSES or last:
                return status, headers, body
            wait = _backoff(attempt)
            retry_after = _retry_after(headers.get("retry-after"))
            if retry_after is not None:
                if retry_after > MAX_RETRY_AFTER:
                    raise FetchError(source, f"HTTP {status}, server asks to retry after {retry_after:.0f} s; try later")
                wait = max(wait, retry_after)
            self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _get_once(self, source: str, url: str) -> tuple[int, dict[str, str], bytes]:
        try:
            return self._stream(source, url)
        finally:  # the delay counts from the end of this request, so a slow answer is not followed at once
            self._last_request[urlsplit(url).netloc.lower()] = self._clock()

    def _stream(self, source: str, url: str) -> tuple[int, dict[str, str], bytes]:
        with self._client.stream("GET", url) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            announced = headers.get("content-length", "")
            if announced.isdigit() and int(announced) > self.max_bytes:
                raise FetchError(source, f"response of {announced} bytes is over the {self.max_bytes}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(source, f"response is over the {self.max_bytes}-byte limit")
                chunks.append(chunk)
            return response.status_code, headers, b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        """Sleep until ``delay`` (or the host's Crawl-delay) has passed since its last request ended."""
        last = self._last_request.get(urlsplit(url).netloc.lower())
        if last is not None:
            wait = last + self._host_delay(url) - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _host_delay(self, url: str) -> float:
        robots = self._robots.get(_origin(url))
        crawl_delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        return max(self.delay, float(crawl_delay or 0))

    # -- robots.txt ----------------------------------------------------------------------

    def _allowed(self, source: str, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(source, origin)
        return self._robots[origin].can_fetch(self.user_agent, url)

    def _read_robots(self, source: str, origin: str) -> urllib.robotparser.RobotFileParser:
        robots_url = origin + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        # robots.txt may itself redirect (http → https); it is fetched without a robots check.
        current, chain = robots_url, [robots_url]
        while True:
            status, headers, body = self._request(source, current)
            target = urljoin(current, headers.get("location", ""))
            if status not in REDIRECT_STATUSES or target in chain or len(chain) > MAX_REDIRECTS:
                break
            chain.append(target)
            current = target
        if status in (401, 403):
            parser.disallow_all = True
        elif 400 <= status < 500 or status in REDIRECT_STATUSES:
            parser.allow_all = True
        elif status >= 500:
            raise FetchError(source, f"robots.txt of {origin} answered HTTP {status}; try later")
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    # -- cache ---------------------------------------------------------------------------

    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.body", folder / f"{key}.json"

    def _read_cache(self, url: str) -> RawDocument | None:
        body_path, meta_path = self._cache_paths(url)
        # The metadata file is written last, so its presence means the entry is complete.
        if not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None  # a damaged entry is refetched and overwritten
        return _raw(url, meta["final_url"], meta["headers"], body)

    def _write_cache(self, url: str, final_url: str, headers: dict[str, str], body: bytes) -> None:
        body_path, meta_path = self._cache_paths(url)
        meta = {"url": url, "final_url": final_url, "headers": headers, "fetched_at": time.time()}
        try:
            body_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, body)
            _write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            raise FetchError(url, f"cannot write the cache in {self.cache_dir} ({exc.strerror}); check the data dir") from exc


def _raw(source: str, final_url: str, headers: dict[str, str], body: bytes) -> RawDocument:
    return RawDocument(
        source=source,
        data=body,
        url=final_url,
        content_type=headers.get("content-type"),
        filename=_filename(final_url, headers.get("content-disposition")),
    )


def _filename(url: str, disposition: str | None) -> str | None:
    """The attachment's name from Content-Disposition, else the last segment of the URL path.

    Government download links are often ``/download?id=123`` with the real name only in
    the header, and the name is what tells the parser a PDF from a DOCX.
    """
    if disposition:
        message = email.message.Message()
        message["content-disposition"] = disposition
        name = message.get_filename()
        if name:
            return PurePosixPath(name.replace("\\", "/")).name
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return name or None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _backoff(attempt: int) -> float:
    return BACKOFF_BASE * 2**attempt


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def site(url: str) -> str:
    """The site a URL belongs to: its host, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _check_scope(source: str, target: str, scope: str | None) -> None:
    if scope is not None and site(target) != site(scope):
        raise FetchError(source, f"redirects off the site to {target}; not followed "
                                 f"(the crawl stays on {site(scope)})")


def _hop_note(source: str, url: str) -> str:
    return "" if url == source else f" (at {url})"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or "no detail"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
