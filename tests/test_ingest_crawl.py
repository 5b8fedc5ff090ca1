"""ingest/crawl.py: which links a listing leads to, against tests/web_server.py; no network."""

from __future__ import annotations

import pytest
from web_server import DOCX_PATH, PDF_PATH, site  # noqa: F401

from duban.errors import DubanError, FetchError, InputError
from duban.ingest.crawl import ARTICLE, ATTACHMENT, NEXT_PAGE, classify_link, crawl
from duban.ingest.fetch import Fetcher
from duban.records import RawDocument

LISTING = "/list/index.html"


@pytest.fixture
def make_fetcher(tmp_path):
    fetchers = []

    def make() -> Fetcher:
        fetcher = Fetcher(tmp_path / "cache", delay=0, sleep=lambda seconds: None)
        fetchers.append(fetcher)
        return fetcher

    yield make
    for fetcher in fetchers:
        fetcher.close()


def _split(results: list) -> tuple[list[RawDocument], list[DubanError]]:
    assert all(isinstance(r, (RawDocument, DubanError)) for r in results)
    return [r for r in results if isinstance(r, RawDocument)], [r for r in results if isinstance(r, DubanError)]


def test_crawl_finds_articles_attachments_and_next_page(site, make_fetcher):
    documents, errors = _split(list(crawl(make_fetcher(), site.url(LISTING))))

    assert [d.url for d in documents] == [
        site.url("/art/2020/9/8/art_1_1001.html"),  # listed twice (once with #content): fetched once
        site.url("/xxgk/202111/t20211116_2001.html"),
        site.url("/art/2018/4/10/art_3_3001.html"),
        site.url(PDF_PATH),
        site.url("/xxgk/202006/t20200630_4001.html"),  # on page 2 (下一页), via the 302 /go/4001
        site.url(DOCX_PATH),  # 附件 of that article, relative to its final URL
    ]
    by_url = {d.url: d for d in documents}
    assert by_url[site.url("/xxgk/202006/t20200630_4001.html")].source == site.url("/go/4001")
    assert "一季度良好开局" in by_url[site.url("/art/2018/4/10/art_3_3001.html")].data.decode("gbk")

    # robots.txt keeps /private/ out; the withdrawn article on page 2 is a 404; the crawl goes on.
    assert [(type(e), e.source, e.reason) for e in errors] == [
        (FetchError, site.url("/private/t20200101_9001.html"), "disallowed by robots.txt"),
        (FetchError, site.url("/xxgk/202001/t20200101_404.html"), "HTTP 404"),
    ]
    # Navigation, the unsupported .doc, and the pager's 首页/尾页 were never requested.
    for path in ["/", "/jggk/", "/zwgk/index.html", "/files/低保申请表.doc", "/private/t20200101_9001.html"]:
        assert site.hits[path] == 0, path
    assert site.hits["/list/index_1.html"] >= 1


def test_crawl_stays_on_site(site, make_fetcher):
    # The off-site links (www.gov.cn article, example.org attachment) would be requested and
    # fail without network; none appears, so none was followed.
    results = list(crawl(make_fetcher(), site.url(LISTING)))
    assert all((r.url if isinstance(r, RawDocument) else r.source).startswith(site.base_url) for r in results)


def test_crawl_stops_at_max_pages(site, make_fetcher):
    before = site.hits["/art/2018/4/10/art_3_3001.html"]
    results = list(crawl(make_fetcher(), site.url(LISTING), max_pages=2))
    assert [r.url for r in results] == [
        site.url("/art/2020/9/8/art_1_1001.html"),
        site.url("/xxgk/202111/t20211116_2001.html"),
    ]
    assert site.hits["/art/2018/4/10/art_3_3001.html"] == before  # the third was not fetched


def test_crawl_second_run_comes_from_cache(site, make_fetcher):
    first = list(crawl(make_fetcher(), site.url(LISTING)))
    hits = sum(site.hits.values())
    again = make_fetcher()
    second = list(crawl(again, site.url(LISTING)))
    assert [d for d in second if isinstance(d, RawDocument)] == [d for d in first if isinstance(d, RawDocument)]
    # Failures are not cached: the 404 is asked again (robots.txt first, for the new fetcher).
    assert again.requests == 2
    assert sum(site.hits.values()) == hits + 2


def test_crawl_listing_failure_is_one_error(site, make_fetcher):
    results = list(crawl(make_fetcher(), site.url("/list/missing.html")))
    assert len(results) == 1 and isinstance(results[0], FetchError)
    assert results[0].reason == "HTTP 404"


def test_crawl_unreadable_listing_is_one_input_error(site, make_fetcher):
    results = list(crawl(make_fetcher(), site.url("/list/broken.html")))
    assert [(type(r), r.source) for r in results] == [(InputError, site.url("/list/broken.html"))]


def test_crawl_of_an_attachment_yields_it(site, make_fetcher):
    results = list(crawl(make_fetcher(), site.url(PDF_PATH)))
    assert [r.filename for r in results] == ["延安市民政局专场新闻发布会实录.pdf"]


def test_crawl_reads_a_short_gbk_pager_by_its_header_charset(site, make_fetcher):
    # Detection alone reads the GBK bytes of a bare 下一页 as Big5; the header says gbk.
    results = list(crawl(make_fetcher(), site.url("/list/gbk/index.html")))
    assert [r.url for r in results] == [site.url("/art/2018/4/10/art_3_3001.html")]


LISTING_URL = "http://www.linyi.gov.cn/mzj/zwft/index.html"


@pytest.mark.parametrize(
    "link, text, kind",
    [
        ("http://www.linyi.gov.cn/art/2020/9/8/art_1_1001.html", "访谈", ARTICLE),
        ("http://www.linyi.gov.cn/xxgk/202009/t20200908_123456.html", "", ARTICLE),
        ("http://linyi.gov.cn/xxgk/202009/t20200908_123456.html", "", ARTICLE),  # www. or not
        ("http://www.linyi.gov.cn/zhengce/content_5651234.htm", "", ARTICLE),
        ("http://www.linyi.gov.cn/news/mzdt.shtml", "", ARTICLE),
        ("http://www.linyi.gov.cn/show.jsp?id=12", "市民政局2018年一季度工作情况", ARTICLE),
        ("http://www.linyi.gov.cn/about.html", "关于我们", None),
        ("http://www.linyi.gov.cn/files/shiLu.PDF", "", ATTACHMENT),
        ("http://www.linyi.gov.cn/down.jsp?id=9", "附件1:低保申请表.docx", ATTACHMENT),
        ("http://www.linyi.gov.cn/files/sqb.doc", "低保申请表(旧版 Word 文档)", None),
        ("http://www.linyi.gov.cn/files/photo.jpg", "孙百迎局长接受访谈现场照片", None),
        ("http://www.linyi.gov.cn/mzj/zwft/index_1.html", "下一页", NEXT_PAGE),
        ("http://www.linyi.gov.cn/mzj/zwft/index_2.html", "3", NEXT_PAGE),
        ("http://www.linyi.gov.cn/mzj/zwft/index_9.html", "尾页", None),
        ("http://www.linyi.gov.cn/mzj/zwft/index.html", "政务访谈", None),
        ("http://www.linyi.gov.cn/", "首页", None),
        ("http://www.linyi.gov.cn/mzj/tzgg.shtml", "更多", None),
        ("http://www.linyi.gov.cn/jggk/", "机构概况与领导分工一览", None),
        ("http://www.linyi.gov.cn/zwgk/index.html", "政府信息公开目录与年度报告", None),
        ("http://www.gov.cn/xxgk/202009/t20200908_1.html", "国务院关于加强民政工作的意见", None),
        ("javascript:void(0)", "无障碍浏览模式切换按钮", None),
        ("mailto:mzj@linyi.gov.cn", "联系我们:市民政局办公室", None),
    ],
)
def test_classify_link(link, text, kind):
    assert classify_link(link, text, LISTING_URL) == kind
