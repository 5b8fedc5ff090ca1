"""HTML pages → article text with paragraph breaks, the page's metadata hints, and its links.

Chinese government sites are built on a few CMSs (TRS WCM, Hanweb, 大汉, 拓尔思) whose pages
share one layout: a top bar (无障碍浏览, 长者模式, login), a nav bar, a breadcrumb (当前位置:
首页 > ...), an info table (索引号, 发布机构, 公开日期) or a line (发布时间: ... 来源: ...),
the title, the article in ``div#zoom`` / ``div.TRS_Editor`` / ``div.pages_content``, a share
and print bar, related links, and a footer (主办单位, ICP备案号, 公网安备). The article
container is found by those names first and by text density second; the title, info block and
article are kept together, and structural chrome around them is dropped. Textual chrome that
survives (字体: 大 中 小, 打印本页) is clean.py's job.

The page is parsed by lxml's HTML parser (libxml2), the parser BeautifulSoup called here before,
and read as BeautifulSoup read it: a string is an element's text or a tail, a removed element or
a comment leaves the strings on either side of it apart, and the strings inside ``<script>``,
``<style>``, ``<template>``, ``<rt>`` and ``<rp>`` are not the text of the elements around them.
Building BeautifulSoup's tree took 20 times lxml's parse, and half of a page's extraction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urljoin

from lxml import etree

from ..errors import InputError
from ..records import RawDocument
from .sniff import Extracted, decode_text, html_charset

# Never article text, whatever the page layout.
_DROP_TAGS = {"script", "style", "noscript", "noframes", "template", "nav", "header", "footer", "aside",
              "iframe", "frame", "form", "button", "select", "input", "textarea", "svg", "object"}

# id/class names of article containers on gov CMSs: the editor's own body div first
# (TRS WCM writes div.TRS_Editor, Hanweb div#zoom), then the generic wrappers.
_ARTICLE_NAMES = (
    re.compile(r"^(zoom|trs_editor|pages_content|article_?content|art_?con|content_?text|"
               r"con_?text|detail_?content|news_?content|text_?content|zw|zwnr|main_?text)$",
               re.IGNORECASE),
    re.compile(r"^(article|detail|content|text|conn?|view|main)$", re.IGNORECASE),
)

# id/class name parts of chrome blocks: nav bars, breadcrumbs, share/print bars, footers.
_CHROME_PARTS = re.compile(
    r"^(nav|navbar|menu|header|footer|foot|copyright|breadcrumbs?|crumbs?|position|location|"
    r"dqwz|share|bdsharebuttonbox|print|toolbar|sidebar|search|login|friendlink|links|wza|topbar)$",
    re.IGNORECASE,
)

_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr",
               "table", "section", "article", "main", "blockquote", "pre", "dl", "dd", "dt",
               "center", "hr", "tbody", "thead", "caption", "figure", "figcaption", "address"}
_CELL_TAGS = {"td", "th"}

# Meta names used by TRS/Hanweb pages (and the Dublin Core-ish ones some sites copy).
_META_HINTS = {
    "title": ("ArticleTitle", "og:title", "dc.title"),
    "date": ("PubDate", "firstpublishedtime", "publishdate", "dc.date", "article:published_time"),
    "publisher": ("ContentSource", "source", "dc.publisher"),
    "site": ("SiteName", "og:site_name"),
    "column": ("ColumnName",),
}

_CONTENT_FRAME = re.compile(r"main|content|body|right|article", re.IGNORECASE)

_INFO_LABELS = ("索引号", "发布机构", "发文机关", "公开日期", "成文日期", "发布日期", "文号", "主题分类")

# BeautifulSoup's own string classes: what these elements hold is not their ancestors' text.
_OWN_STRINGS = {"script", "style", "template", "rt", "rp"}

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def extract(raw: RawDocument) -> Extracted:
    """Article text of a page (paragraphs separated by blank lines) and its hints.

    Hints: ``title``, ``page_title`` (the <title>, usually with the site name), ``date``
    (as written), ``publisher``, ``site``, ``column``, ``url``; only those the page has.
    """
    text, encoding = decode_text(raw.data, raw.source, html_charset(raw.data, raw.content_type))
    root = _parse(text, raw.source)
    if root is None:  # nothing but comments
        return Extracted("", encoding, {"url": raw.url} if raw.url else {})
    hints = _hints(root, raw.url)
    frames = _frame_sources(root, raw.url)
    for tag in _named(root, _DROP_TAGS):
        _remove(tag)
    body = _first(root, "body")
    if frames and (body is None or not _text(body, strip=True)):
        raise InputError(raw.source, f"frame-only page; ingest the frame's URL: {frames[0]}")
    head = _first(root, "head")
    if head is not None:
        _remove(head)
    body = body if body is not None else root
    block = _article_block(body, hints)
    info = _info_block(body, block)
    text = "\n\n".join(filter(None, (_render(info) if info is not None else "", _render(block))))
    return Extracted(text, encoding, hints)


def links(html: bytes | str, base_url: str, content_type: str | None = None) -> list[tuple[str, str]]:
    """(absolute URL without fragment, anchor text) for each ``<a href>``, in page order.

    The ``title`` attribute wins when it is longer, because listings cut long titles short
    (民政局2018年一季度...). ``javascript:`` and ``mailto:`` links are left out.
    """
    if isinstance(html, bytes):
        html, _ = decode_text(html, base_url, html_charset(html, content_type))
    root = _parse(html, base_url)
    if root is None:
        return []
    base_tag = next((b for b in _named(root, {"base"}) if b.get("href") is not None), None)
    base = urljoin(base_url, base_tag.get("href")) if base_tag is not None else base_url
    found = []
    for anchor in _named(root, {"a"}):
        if anchor.get("href") is None:
            continue
        href = anchor.get("href").strip()
        if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:")):
            continue
        text = " ".join(" ".join(_strings(anchor)).split())
        title = " ".join(str(anchor.get("title", "")).split())
        found.append((urljoin(base, href).split("#")[0], title if len(title) > len(text) else text))
    return found


def _parse(text: str, source: str) -> etree._Element | None:
    """The page's <html> element; None for a page of comments alone. ``huge_tree``: without it
    libxml2 builds no element below a nesting depth of 256 and cuts a text past 10 MB, which
    BeautifulSoup's parse (libxml2's events, lxml building no tree) did not."""
    parser = etree.HTMLParser(recover=True, huge_tree=True)
    try:
        parser.feed(text.removeprefix("\ufeff"))
        return parser.close()
    except etree.XMLSyntaxError:
        return None  # "Document is empty": libxml2 made no element
    except (etree.ParserError, LookupError) as exc:
        raise InputError(source, f"cannot parse HTML ({exc})") from exc


def _hints(root: etree._Element, url: str | None) -> dict[str, str]:
    metas = {}
    for meta in _named(root, {"meta"}):
        name = meta.get("name") or meta.get("property")
        content = " ".join(str(meta.get("content", "")).split())
        if name and content:
            metas.setdefault(str(name).lower(), content)
    hints = {}
    for key, names in _META_HINTS.items():
        value = next((metas[n.lower()] for n in names if n.lower() in metas), None)
        if value:
            hints[key] = value
    title = _first(root, "title")
    if title is not None and _text(title, strip=True):
        hints["page_title"] = " ".join(_text(title).split())
    if "title" not in hints:
        heading = _title_node(root, hints.get("page_title"), True)
        heading = heading if heading is not None else _first_h1(root)
        if heading is not None:
            hints["title"] = " ".join(_text(heading).split())
        elif "page_title" in hints:
            hints["title"] = hints["page_title"]
    if url:
        hints["url"] = url
    return hints


def _frame_sources(root: etree._Element, url: str | None) -> list[str]:
    """Frame URLs, the one named like a content frame (main, content, body) first."""
    frames = [f for f in _named(root, {"frame", "iframe"}) if f.get("src") is not None]
    frames.sort(key=lambda f: not _CONTENT_FRAME.search(f"{f.get('name', '')} {f.get('id', '')}"))
    return [urljoin(url or "", str(f.get("src"))) for f in frames]


def _article_block(body: etree._Element, hints: dict[str, str]) -> etree._Element:
    """The smallest element holding both the article container and the title heading.

    Chrome and link lists around the article inside it (breadcrumb, share bar, 相关链接)
    are removed in place; the article itself and the title are never pruned.
    """
    sizes = _measure(body)
    article = _article_node(body, sizes)
    if article is None:
        block, kept = body, set()
    else:
        heading = _title_node(body, hints.get("title"))
        heading = heading if heading is not None else _title_node(body, hints.get("page_title"))
        block = _common_ancestor(article, heading) if heading is not None else article
        kept = {article, *article.iterancestors(), *_tags(article)}
        if heading is not None:
            kept |= {heading, *heading.iterancestors(), *_tags(heading)}
    removed: set[etree._Element] = set()
    for tag in list(_tags(block)):
        if tag not in removed and tag not in kept and (_is_chrome(tag) or _link_dense(tag, sizes)):
            removed.update(_tags(tag))
            _remove(tag)
    return block


def _info_block(body: etree._Element, block: etree._Element) -> etree._Element | None:
    """The 政府信息公开 table (索引号, 发布机构, 公开日期 ...) when it sits outside the article.

    Pages under the disclosure regulation carry one, often above the article wrapper, and
    metadata.py reads 索引号 and dates from it. The innermost element naming two labels wins.
    """
    inside = {block, *_tags(block)}
    around = set(block.iterancestors())
    counts: dict[etree._Element, int] = {}
    first = None
    for string, parent in _strings_in(body):
        squashed = _squash(string)
        labels = sum(label in squashed for label in _INFO_LABELS)
        if not labels or parent in inside:
            continue
        first = first if first is not None else parent
        for element in (parent, *parent.iterancestors()):
            counts[element] = counts.get(element, 0) + labels
    if first is None:
        return None
    return next((p for p in (first, *first.iterancestors()) if p.tag in ("table", "ul", "dl", "div")
                 and counts[p] >= 2 and p not in around), None)


def _article_node(body: etree._Element, sizes: dict[etree._Element, tuple[int, int]]) -> etree._Element | None:
    """The named article container with the most non-link text, or the densest text block."""
    def plain(tag: etree._Element) -> int:
        total, linked = sizes[tag]
        return total - linked

    for names in _ARTICLE_NAMES:
        named = [t for t in _tags(body) if any(names.match(n) for n in _names(t))
                 and not _is_chrome(t) and plain(t) > 0]
        if named:
            best = max(named, key=plain)
            # the innermost container holding nearly all of that text: div.content > div.text
            inside = set(_tags(best))
            inner = [t for t in named if t in inside and plain(t) >= 0.8 * plain(best)]
            return inner[-1] if inner else best
    scored = [(_direct_text_length(t), t) for t in _tags(body)
              if t.tag in ("div", "td", "section", "article") and not _is_chrome(t)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _title_node(root: etree._Element, title: str | None, itself: bool = False) -> etree._Element | None:
    """The first heading-like element whose text is the page title (not the site's logo);
    ``root`` itself is a candidate when ``itself`` (the whole page: <html> may be named so)."""
    if not title:
        return None
    wanted = _squash(title)
    for tag in _tags(root, itself):
        if tag.tag not in ("h1", "h2", "h3", "h4") and not any("title" in n.lower() for n in _names(tag)):
            continue
        text = _squash(_text(tag))
        if len(text) >= 4 and (text == wanted or (len(text) >= 8 and text in wanted)):
            return tag
    return None


def _first_h1(root: etree._Element) -> etree._Element | None:
    """An <h1> with real text outside the page chrome (where sites put their logo in <h1>)."""
    for tag in _named(root, {"h1"}):
        if len(_squash(_text(tag))) >= 6 and not any(_is_chrome(p) for p in (tag, *tag.iterancestors())):
            return tag
    return None


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element:
    ancestors_of_a = {a, *a.iterancestors()}
    for node in (b, *b.iterancestors()):
        if node in ancestors_of_a:
            return node
    return a


def _tags(root: etree._Element, itself: bool = False) -> Iterator[etree._Element]:
    """The elements under ``root`` in document order (comments and processing instructions aside)."""
    return root.iter(etree.Element) if itself else root.iterdescendants(etree.Element)


def _named(root: etree._Element, names: set[str]) -> list[etree._Element]:
    """The elements of the page named ``names``, <html> included."""
    return list(root.iter(*names))


def _first(root: etree._Element, name: str) -> etree._Element | None:
    return next(root.iter(name), None)


def _remove(tag: etree._Element) -> None:
    """Takes ``tag`` out of the page. An empty comment holds its place and its tail, so that the
    strings before and after it stay two strings, as they were (see _render)."""
    marker = etree.Comment()
    marker.tail = tag.tail
    tag.getparent().replace(tag, marker)


def _strings_in(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(string, the element it stands in) for the text under ``root`` in document order: what
    BeautifulSoup's ``root.strings`` gave. A string inside an _OWN_STRINGS element belongs to the
    innermost such element around it and is the text of that element alone."""
    wanted = root.tag if root.tag in _OWN_STRINGS else None
    inside = next((e.tag for e in (root, *root.iterancestors()) if e.tag in _OWN_STRINGS), None)
    return _strings_of(root, wanted, inside)


def _strings_of(element: etree._Element, wanted: str | None,
                inside: str | None) -> Iterator[tuple[str, etree._Element]]:
    if element.text and inside == wanted:
        yield element.text, element
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions are no text
            yield from _strings_of(child, wanted, child.tag if child.tag in _OWN_STRINGS else inside)
        if child.tail and inside == wanted:
            yield child.tail, element


def _strings(root: etree._Element) -> Iterator[str]:
    return (string for string, _ in _strings_in(root))


def _text(tag: etree._Element, strip: bool = False) -> str:
    """BeautifulSoup's ``tag.get_text(strip=strip)``."""
    if strip:
        return "".join(s.strip() for s in _strings(tag))
    return "".join(_strings(tag))


def _measure(root: etree._Element) -> dict[etree._Element, tuple[int, int]]:
    """For every element under ``root``: (characters of text, characters inside <a>), spaces aside.

    One pass over the strings instead of a get_text() per element, which is quadratic on
    long pages.
    """
    total: dict[etree._Element, int] = {t: 0 for t in _tags(root, True)}
    linked = dict(total)
    for string, parent in _strings_in(root):
        size = len(_squash(string))
        if not size:
            continue
        in_link = False
        for element in (parent, *parent.iterancestors()):  # innermost first: above an <a> is linked
            if element not in total:
                break
            in_link = in_link or element.tag == "a"
            total[element] += size
            if in_link:
                linked[element] += size
    return {key: (total[key], linked[key]) for key in total}


def _names(tag: etree._Element) -> list[str]:
    classes = (tag.get("class") or "").split()
    return [str(tag.get("id") or ""), *classes]


def _is_chrome(tag: etree._Element) -> bool:
    return any(_is_chrome_name(name) for name in _names(tag))


@functools.lru_cache(maxsize=4096)
def _is_chrome_name(name: str) -> bool:
    return any(_CHROME_PARTS.match(part) for part in re.split(r"[-_\s]+", name) if part)


def _link_dense(tag: etree._Element, sizes: dict[etree._Element, tuple[int, int]]) -> bool:
    """Link lists (相关链接, 上一篇/下一篇, 友情链接): most of the text sits in <a>."""
    if tag.tag not in ("div", "ul", "ol", "table", "dl", "p", "section"):
        return False
    total, linked = sizes[tag]
    return total > 0 and linked / total > 0.6


def _direct_text_length(tag: etree._Element) -> int:
    """Text in the element's own paragraphs (<p>, <br>-separated text), not nested blocks."""
    own = [tag.text or "", *(_pi_text(c) for c in tag if c.tag is etree.PI), *(c.tail or "" for c in tag)]
    paragraphs = [c for c in tag if c.tag == "p"]
    return sum(len(_squash(s)) for s in own) + sum(len(_squash(_text(p))) for p in paragraphs)


def _pi_text(node: etree._Element) -> str:
    """A processing instruction as BeautifulSoup kept it among the strings: target and data."""
    return f"{node.target} {node.text or ''}"


def _squash(text: str) -> str:
    return "".join(text.split())


def _render(block: etree._Element) -> str:
    """Text with one paragraph per block element, paragraphs separated by a blank line."""
    parts: list[str] = []
    _walk(block, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _walk(node: etree._Element, parts: list[str]) -> None:
    """Every string under ``node`` (of every kind but comments) with a line break around each
    block and a space before each cell."""
    _flat(node.text, parts)
    for child in node:
        if isinstance(child.tag, str):
            if child.tag in _BLOCK_TAGS:
                parts.append("\n")
            elif child.tag in _CELL_TAGS:
                parts.append(" ")
            _walk(child, parts)
            if child.tag in _BLOCK_TAGS:
                parts.append("\n")
        elif child.tag is etree.PI:
            _flat(_pi_text(child), parts)
        _flat(child.tail, parts)


def _flat(string: str | None, parts: list[str]) -> None:
    """One string on one line: a line break inside source HTML between two Chinese characters
    is no space, and the others are spaces."""
    if string:
        parts.append(_CJK_LINE_BREAK.sub("", string).replace("\n", " "))
