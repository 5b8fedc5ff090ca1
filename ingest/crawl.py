"""The frontier: a listing page → the article pages and attachments it links to, same site only.

``crawl()`` reads the listing (and its next pages, 下一页 / index_1.html), keeps links that
look like articles or supported attachments on the listing's host, and fetches each one
once through ``Fetcher``, which owns robots.txt, delay, cache and errors. Attachments
linked from an article page (附件: ...pdf) are fetched right after their article. Links
are kept in page order, which on government listings is newest first.

Links come from ``html.links()``; ``classify_link()`` is the pure rule that sorts them.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from ..errors import DubanError, InputError
from ..records import RawDocument
from .fetch import Fetcher, site
from .html import links

ARTICLE = "article"
ATTACHMENT = "attachment"
NEXT_PAGE = "next"

# Only these are parsed downstream (ingest/pdf.py, ingest/docx.py); .doc/.xls/.wps are skipped.
ATTACHMENT_SUFFIXES = (".pdf", ".docx")
PAGE_SUFFIXES = frozenset({"", ".html", ".htm", ".shtml", ".jsp", ".asp", ".aspx", ".php"})
# A title is longer than a menu entry: 政务公开 (4), 机构概况 (4) vs
# 市民政局2018年一季度工作情况 (seed 003).
MIN_TITLE_CHARS = 8

# URL shapes of article pages on Chinese government sites.
ARTICLE_PATH = re.compile(
    r"/t\d{8}_\d+\.s?html?$"  # TRS CMS: /xxgk/202009/t20200908_123456.html
    r"|/art/\d{4}/"  # Jiangsu/Zhejiang sites: /art/2018/4/10/art_123_456.html
    r"|content_\d+"  # www.gov.cn: /zhengce/content/2021-11/16/content_5651234.htm
    r"|\.shtml$"  # static article pages on many city sites
    r"|/20\d{2}-?\d{2}(?:-?\d{2})?/"  # date folders: /2021-11/16/, /202111/
    r"|/\d{5,}\.s?html?$",  # numeric ids: /news/1234567.html
    re.IGNORECASE,
)
INDEX_NAME = re.compile(r"^(?:index|default|main|list)(?:_\d+)?\.\w+$", re.IGNORECASE)
PAGINATION_NAME = re.compile(r"^(?:index|list|default)_\d+\.\w+$", re.IGNORECASE)
NEXT_TEXTS = frozenset({"下一页", "下页", "后页", "next"})
# Menu and pager entries that are never articles, whatever their URL looks like.
NAV_TEXTS = frozenset(
    {"首页", "网站首页", "返回首页", "上一页", "上页", "前页", "尾页", "末页", "更多", "返回", "打印", "关闭", "登录", "注册"}
)


def crawl(fetcher: Fetcher, url: str, max_pages: int = 50) -> Iterator[RawDocument | DubanError]:
    """Yield each article or attachment reached from the listing ``url``, or its FetchError.

    At most ``max_pages`` documents are fetched (failures count, so a broken site ends);
    the listing pages themselves are not yielded and are limited to ``max_pages`` too.
    A ``url`` that is not an HTML page is yielded as the one document.
    """
    listings, seen_listings = deque([url]), {url}
    seen: set[str] = {url}
    fetched = 0
    for _ in range(max_pages):
        if not listings:
            return
        listing_url = listings.popleft()
        try:
            listing = fetcher.get(listing_url, scope=url)
            page_links = _classified(listing, url) if _is_html(listing) else None
        except DubanError as exc:  # FetchError, or InputError for a page that cannot be parsed
            yield exc
            continue
        seen.add(listing.url or listing_url)
        if page_links is None:
            if listing_url == url:
                yield listing
            return
        targets = []
        for link, kind in page_links:
            if kind == NEXT_PAGE and link not in seen_listings:
                seen_listings.add(link)
                listings.append(link)
            elif kind in (ARTICLE, ATTACHMENT) and link not in seen:
                seen.add(link)
                targets.append(link)
        for target in targets:
            # Checked before each fetch, so nothing is fetched only to be dropped.
            for item in _fetch_with_attachments(fetcher, target, url, seen):
                fetched += 1
                yield item
                if fetched >= max_pages:
                    return


def classify_link(link: str, text: str, listing_url: str) -> str | None:
    """What an absolute, fragment-free ``link`` with anchor ``text`` is, seen from ``listing_url``.

    Returns ``ARTICLE``, ``ATTACHMENT``, ``NEXT_PAGE`` or None (off-site, not http, the
    listing itself, navigation, unsupported files, or nothing that looks like an article).
    """
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or site(link) != site(listing_url):
        return None
    if link == listing_url.split("#")[0]:
        return None
    name = PurePosixPath(unquote(parts.path)).name
    suffix = PurePosixPath(name).suffix.lower()
    label = text.strip().strip("<>«»[]【】 ").lower()
    # Download links often hide the file type in the anchor text: 附件1:申请表.docx
    if suffix in ATTACHMENT_SUFFIXES or label.endswith(ATTACHMENT_SUFFIXES):
        return ATTACHMENT
    if label in NEXT_TEXTS or (label.isdigit() and PAGINATION_NAME.match(name)):
        return NEXT_PAGE
    if label in NAV_TEXTS or suffix not in PAGE_SUFFIXES:
        return None
    if parts.path in ("", "/") or parts.path.endswith("/") or INDEX_NAME.match(name):
        return None
    if ARTICLE_PATH.search(parts.path) or len(label) >= MIN_TITLE_CHARS:
        return ARTICLE
    return None


def _fetch_with_attachments(
    fetcher: Fetcher, target: str, listing_url: str, seen: set[str]
) -> Iterator[RawDocument | DubanError]:
    """The document at ``target``, then the attachments its page links to (one level)."""
    try:
        document = fetcher.get(target, scope=listing_url)
    except DubanError as exc:
        yield exc
        return
    seen.add(document.url or target)
    yield document
    if not _is_html(document):
        return
    try:
        page_links = _classified(document, listing_url)
    except InputError:
        return  # the parser reports this page's problem when it reads the yielded document
    attachments = [link for link, kind in page_links if kind == ATTACHMENT and link not in seen]
    for link in attachments:
        seen.add(link)
        try:
            yield fetcher.get(link, scope=listing_url)
        except DubanError as exc:
            yield exc


def _classified(page: RawDocument, listing_url: str) -> list[tuple[str, str | None]]:
    """Each link of ``page`` (made absolute against its final URL) with its kind.

    Raises InputError when the page cannot be decoded or parsed (from ``html.links``).
    """
    found = []
    for link, text in links(page.data, page.url or page.source, page.content_type):
        link = _requote(link)
        found.append((link, classify_link(link, text, listing_url)))
    return found


def _requote(url: str) -> str:
    """Percent-encode what a page wrote raw (Chinese file names, spaces), keep existing escapes.

    So /files/实录.pdf and /files/%E5%AE%9E%E5%BD%95.pdf are one link, and the URL kept
    on the document is the one a browser would send.
    """
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _is_html(raw: RawDocument) -> bool:
    if raw.content_type:
        return "html" in raw.content_type.lower()
    return PurePosixPath(raw.filename or "").suffix.lower() in PAGE_SUFFIXES
