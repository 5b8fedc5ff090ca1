"""ingest/fetch.py against a local government-style site (tests/web_server.py); no network."""

from __future__ import annotations

import socket
import time

import pytest
from web_server import DOCX_PATH, PDF_PATH, SLOW_SECONDS, STREAM_BYTES, serve, site  # noqa: F401

from duban.errors import FetchError
from duban.ingest.fetch import MAX_REDIRECTS, Fetcher

ARTICLE = "/art/2020/9/8/art_1_1001.html"
GBK_ARTICLE = "/art/2018/4/10/art_3_3001.html"
REDIRECTED = "/xxgk/202006/t20200630_4001.html"


class FakeTime:
    """A monotonic clock that only moves when slept on or advanced, recording each sleep."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(tmp_path, fake_time):
    """Fetchers on one cache dir with the fake clock: delays and backoffs cost no real time."""
    fetchers = []

    def make(**options) -> Fetcher:
        options = {"delay": 1.0, "sleep": fake_time.sleep, "clock": fake_time.clock, **options}
        fetcher = Fetcher(tmp_path / "cache", **options)
        fetchers.append(fetcher)
        return fetcher

    yield make
    for fetcher in fetchers:
        fetcher.close()


def test_fetch_utf8_article_as_raw_document(site, make_fetcher):
    url = site.url(ARTICLE)
    raw = make_fetcher().get(url)
    assert (raw.source, raw.url) == (url, url)
    assert raw.content_type == "text/html; charset=utf-8"
    assert raw.filename == "art_1_1001.html"
    assert "累计将12.2万名建档立卡贫困人口纳入低保" in raw.data.decode("utf-8")


def test_fetch_gbk_page_bytes_untouched_with_charset(site, make_fetcher):
    raw = make_fetcher().get(site.url(GBK_ARTICLE))
    assert raw.content_type == "text/html; charset=gbk"
    assert raw.data == (site.root / GBK_ARTICLE.lstrip("/")).read_bytes()
    assert "全市共为20.05万名城乡低保对象发放低保救助金1.98亿元" in raw.data.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        raw.data.decode("utf-8")


def test_fetch_redirect_records_final_url(site, make_fetcher):
    fetcher = make_fetcher()
    raw = fetcher.get(site.url("/go/4001"))
    assert raw.source == site.url("/go/4001")
    assert raw.url == site.url(REDIRECTED)
    assert raw.filename == "t20200630_4001.html"
    assert "六盘水市民政兜底脱贫新闻发布会" in raw.data.decode("utf-8")
    assert fetcher.requests == 3  # robots.txt, the 302, the page


def test_fetch_redirect_loop_is_fetch_error(site, make_fetcher):
    url = site.url("/loop/a")
    with pytest.raises(FetchError, match="redirect loop") as caught:
        make_fetcher().get(url)
    assert str(caught.value).startswith(url + ": redirect loop")
    assert caught.value.exit_code == 4


def test_fetch_redirect_chain_is_capped(site, make_fetcher):
    assert make_fetcher().get(site.url(f"/hop/{MAX_REDIRECTS}")).url == site.url("/hop/0")
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        make_fetcher().get(site.url(f"/hop/{MAX_REDIRECTS + 1}"))


def test_fetch_http_404_is_fetch_error(site, make_fetcher):
    url = site.url("/xxgk/202001/t20200101_404.html")
    with pytest.raises(FetchError) as caught:
        make_fetcher().get(url)
    assert str(caught.value) == f"{url}: HTTP 404"
    assert caught.value.source == url


def test_fetch_retries_500_with_backoff(site, make_fetcher, fake_time):
    raw = make_fetcher(delay=0).get(site.url("/flaky/report"))
    assert "恢复正常" in raw.data.decode("utf-8")
    assert site.hits["/flaky/report"] == 2
    assert fake_time.sleeps == [1.0]  # first backoff; delay=0 adds none


def test_fetch_honours_short_retry_after(site, make_fetcher, fake_time):
    make_fetcher(delay=0).get(site.url("/busy/report"))
    assert site.hits["/busy/report"] == 2
    assert fake_time.sleeps == [3.0]  # Retry-After: 3 beats the 1 s backoff


def test_fetch_gives_up_after_retries(site, make_fetcher, fake_time):
    with pytest.raises(FetchError, match="HTTP 500$"):
        make_fetcher(delay=0, retries=2).get(site.url("/always500/report"))
    assert site.hits["/always500/report"] == 3
    assert fake_time.sleeps == [1.0, 2.0]


def test_fetch_timeout_is_fetch_error(site, make_fetcher):
    url = site.url("/slow")
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as caught:
        make_fetcher(timeout=0.5, retries=0).get(url)
    assert time.monotonic() - started < SLOW_SECONDS
    assert url in str(caught.value)


def test_fetch_connection_refused_is_retried_then_fetch_error(make_fetcher):
    with socket.socket() as probe:  # a port nobody listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/t20200101_1.html"
    fetcher = make_fetcher(retries=1)
    with pytest.raises(FetchError, match="connection failed") as caught:
        fetcher.get(url)
    assert url in str(caught.value) and "\n" not in str(caught.value)
    assert fetcher.requests == 2  # robots.txt is where it fails, tried twice


def test_fetch_robots_disallow_and_read_once(site, make_fetcher):
    robots_before = site.hits["/robots.txt"]
    fetcher = make_fetcher()
    url = site.url("/private/t20200101_9001.html")
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert str(caught.value) == f"{url}: disallowed by robots.txt"
    fetcher.get(site.url(ARTICLE), refresh=True)
    fetcher.get(site.url(GBK_ARTICLE), refresh=True)
    assert site.hits["/private/t20200101_9001.html"] == 0
    assert site.hits["/robots.txt"] - robots_before == 1


def test_fetch_missing_robots_means_allowed(tmp_path, make_fetcher):
    (tmp_path / "site" / "t20240101_1.html").parent.mkdir()
    (tmp_path / "site" / "t20240101_1.html").write_text("<p>民政</p>", encoding="utf-8")
    with serve(tmp_path / "site") as bare:
        raw = make_fetcher().get(bare.url("/t20240101_1.html"))
        assert bare.hits["/robots.txt"] == 1
    assert raw.data.decode("utf-8") == "<p>民政</p>"


def test_fetch_robots_crawl_delay_raises_the_delay(tmp_path, make_fetcher, fake_time):
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: duban\nCrawl-delay: 3\n", encoding="utf-8")
    (root / "a.html").write_text("a", encoding="utf-8")
    with serve(root) as slow_site:
        make_fetcher(delay=1.0).get(slow_site.url("/a.html"))
    assert fake_time.sleeps == [3.0]


def test_fetch_per_host_delay(site, make_fetcher, fake_time):
    fetcher = make_fetcher(delay=1.0)
    fetcher.get(site.url(ARTICLE), refresh=True)  # robots.txt at t=0, then waits 1 s
    fake_time.now += 0.3  # the caller spends 0.3 s before the next request
    fetcher.get(site.url(GBK_ARTICLE), refresh=True)
    fake_time.now += 5.0
    fetcher.get(site.url(REDIRECTED), refresh=True)  # long enough ago: no wait
    assert fake_time.sleeps == [1.0, pytest.approx(0.7)]


def test_fetch_delay_counts_from_the_end_of_a_slow_answer(site, make_fetcher, fake_time, monkeypatch):
    fetcher = make_fetcher(delay=1.0)
    answer = fetcher._stream

    def slow(source, url):
        fake_time.now += 0.8  # the server takes 0.8 s to answer
        return answer(source, url)

    monkeypatch.setattr(fetcher, "_stream", slow)
    fetcher.get(site.url(ARTICLE), refresh=True)  # robots.txt, then the page a whole second after it ended
    assert fake_time.sleeps == [1.0]


def test_fetch_cache_prevents_refetch(site, make_fetcher):
    urls = [site.url(ARTICLE), site.url(GBK_ARTICLE), site.url("/go/4001")]
    first = [make_fetcher().get(url) for url in urls]
    hits_after_first = sum(site.hits.values())

    again = make_fetcher()
    second = [again.get(url) for url in urls]
    assert second == first  # bytes, final URL, Content-Type and filename all kept
    assert again.requests == 0
    assert sum(site.hits.values()) == hits_after_first

    again.get(urls[0], refresh=True)
    assert again.requests == 2  # robots.txt (new fetcher) and the page
    assert sum(site.hits.values()) == hits_after_first + 2


def test_fetch_size_cap_announced_and_streamed(site, make_fetcher):
    fetcher = make_fetcher(max_bytes=1000)
    with pytest.raises(FetchError, match="over the 1000-byte limit"):
        fetcher.get(site.url(ARTICLE))  # Content-Length says so before the body is read
    with pytest.raises(FetchError, match="over the 1000-byte limit"):
        fetcher.get(site.url("/stream"))  # no Content-Length: counted while streaming
    assert len(make_fetcher(max_bytes=STREAM_BYTES).get(site.url("/stream"), refresh=True).data) == STREAM_BYTES


def test_fetch_attachment_filenames(site, make_fetcher):
    fetcher = make_fetcher()
    pdf = fetcher.get(site.url(PDF_PATH))
    assert pdf.filename == "延安市民政局专场新闻发布会实录.pdf"
    assert pdf.data.startswith(b"%PDF") and pdf.content_type == "application/pdf"
    assert fetcher.get(site.url(DOCX_PATH)).data.startswith(b"PK")
    # /download?id=7 names the file only in Content-Disposition: filename*=UTF-8''...
    assert fetcher.get(site.url("/download?id=7")).filename == "民政工作报告.pdf"


@pytest.mark.parametrize("url", ["ftp://example.gov.cn/a.pdf", "mailto:mzj@example.gov.cn", "corpus/a.txt"])
def test_fetch_rejects_non_http_urls(url, make_fetcher):
    fetcher = make_fetcher()
    with pytest.raises(FetchError, match="not an http") as caught:
        fetcher.get(url)
    assert caught.value.source == url
    assert fetcher.requests == 0
