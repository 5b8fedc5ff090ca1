"""HTML pages → article text with paragraph breaks, the page's metadata hints, and its links.

Chinese government sites are built on a few CMSs (TRS WCM, Hanweb, 大汉, 拓尔思) whose pages
share one layout: a top bar (无障碍浏览, 长者模式, login), a nav bar, a breadcrumb (当前位置:
首页 > ...), an info table (索引号, 发布机构, 公开日期) or a line (发布时间: ... 来源: ...),
the title, the article in ``div#zoom`` / ``div.TRS_Editor`` / ``div.pages_content``, a share
and print bar, related links, and a footer (主办单位, ICP备案号, 公网安备). The article
container is found by those names first and by text density second; the title, info block and
article are kept together, and structural chrome around them is dropped. Textual chrome that
survives (字体: 大 中 小, 打印本页) is clean.py's job.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from bs4 import ParserRejectedMarkup

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

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def extract(raw: RawDocument) -> Extracted:
    """Article text of a page (paragraphs separated by blank lines) and its hints.

    Hints: ``title``, ``page_title`` (the <title>, usually with the site name), ``date``
    (as written), ``publisher``, ``site``, ``column``, ``url``; only those the page has.
    """
    text, encoding = decode_text(raw.data, raw.source, html_charset(raw.data, raw.content_type))
    soup = _soup(text, raw.source)
    hints = _hints(soup, raw.url)
    frames = _frame_sources(soup, raw.url)
    for tag in _named(soup, _DROP_TAGS):
        tag.decompose()
    for node in [n for n in soup.descendants if isinstance(n, (Comment, Doctype))]:
        node.extract()
    if frames and (soup.body is None or not soup.body.get_text(strip=True)):
        raise InputError(raw.source, f"frame-only page; ingest the frame's URL: {frames[0]}")
    if soup.head is not None:
        soup.head.decompose()
    body = soup.body or soup
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
    soup = _soup(html, base_url)
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, base_tag["href"]) if base_tag else base_url
    found = []
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"].strip()
        if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:")):
            continue
        text = " ".join(anchor.get_text(" ").split())
        title = " ".join(str(anchor.get("title", "")).split())
        found.append((urljoin(base, href).split("#")[0], title if len(title) > len(text) else text))
    return found


def _soup(text: str, source: str) -> BeautifulSoup:
    try:
        return BeautifulSoup(text, "lxml")
    except ParserRejectedMarkup as exc:
        raise InputError(source, f"cannot parse HTML ({exc})") from exc


def _hints(soup: BeautifulSoup, url: str | None) -> dict[str, str]:
    metas = {}
    for meta in _named(soup, {"meta"}):
        name = meta.get("name") or meta.get("property")
        content = " ".join(str(meta.get("content", "")).split())
        if name and content:
            metas.setdefault(str(name).lower(), content)
    hints = {}
    for key, names in _META_HINTS.items():
        value = next((metas[n.lower()] for n in names if n.lower() in metas), None)
        if value:
            hints[key] = value
    if soup.title and soup.title.get_text(strip=True):
        hints["page_title"] = " ".join(soup.title.get_text().split())
    if "title" not in hints:
        heading = _title_node(soup, hints.get("page_title")) or _first_h1(soup)
        if heading is not None:
            hints["title"] = " ".join(heading.get_text().split())
        elif "page_title" in hints:
            hints["title"] = hints["page_title"]
    if url:
        hints["url"] = url
    return hints


def _frame_sources(soup: BeautifulSoup, url: str | None) -> list[str]:
    """Frame URLs, the one named like a content frame (main, content, body) first."""
    frames = [f for f in _named(soup, {"frame", "iframe"}) if f.get("src") is not None]
    frames.sort(key=lambda f: not _CONTENT_FRAME.search(f"{f.get('name', '')} {f.get('id', '')}"))
    return [urljoin(url or "", str(f["src"])) for f in frames]


def _article_block(body: Tag, hints: dict[str, str]) -> Tag:
    """The smallest element holding both the article container and the title heading.

    Chrome and link lists around the article inside it (breadcrumb, share bar, 相关链接)
    are removed in place; the article itself and the title are never pruned.
    """
    sizes = _measure(body)
    article = _article_node(body, sizes)
    if article is None:
        block, kept = body, set()
    else:
        heading = _title_node(body, hints.get("title")) or _title_node(body, hints.get("page_title"))
        block = _common_ancestor(article, heading) if heading is not None else article
        kept = {id(t) for t in (article, *article.parents, *article.descendants)}
        if heading is not None:
            kept |= {id(t) for t in (heading, *heading.parents, *heading.descendants)}
    removed: set[int] = set()  # not tag.decomposed: Tag.__getattr__ searches the subtree for it
    for tag in list(_tags(block)):
        if id(tag) not in removed and id(tag) not in kept and (_is_chrome(tag) or _link_dense(tag, sizes)):
            removed.update(map(id, tag.descendants))
            tag.decompose()
    return block


def _info_block(body: Tag, block: Tag) -> Tag | None:
    """The 政府信息公开 table (索引号, 发布机构, 公开日期 ...) when it sits outside the article.

    Pages under the disclosure regulation carry one, often above the article wrapper, and
    metadata.py and dates.py read 索引号 and dates from it. The innermost element naming two labels wins.
    """
    inside = {id(t) for t in (block, *block.descendants)}
    around = {id(t) for t in block.parents}
    counts: dict[int, int] = {}
    first = None
    for string in body.strings:
        squashed = _squash(string)
        labels = sum(label in squashed for label in _INFO_LABELS)
        if not labels or id(string.parent) in inside:
            continue
        first = first or string
        for parent in string.parents:
            counts[id(parent)] = counts.get(id(parent), 0) + labels
    if first is None:
        return None
    return next((p for p in first.parents if p.name in ("table", "ul", "dl", "div")
                 and counts[id(p)] >= 2 and id(p) not in around), None)


def _article_node(body: Tag, sizes: dict[int, tuple[int, int]]) -> Tag | None:
    """The named article container with the most non-link text, or the densest text block."""
    def plain(tag: Tag) -> int:
        total, linked = sizes[id(tag)]
        return total - linked

    for names in _ARTICLE_NAMES:
        named = [t for t in _tags(body) if any(names.match(n) for n in _names(t))
                 and not _is_chrome(t) and plain(t) > 0]
        if named:
            best = max(named, key=plain)
            # the innermost container holding nearly all of that text: div.content > div.text
            inside = {id(t) for t in best.descendants}
            inner = [t for t in named if id(t) in inside and plain(t) >= 0.8 * plain(best)]
            return inner[-1] if inner else best
    scored = [(_direct_text_length(t), t) for t in _tags(body)
              if t.name in ("div", "td", "section", "article") and not _is_chrome(t)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _title_node(root: Tag, title: str | None) -> Tag | None:
    """The first heading-like element whose text is the page title (not the site's logo)."""
    if not title:
        return None
    wanted = _squash(title)
    for tag in _tags(root):
        if tag.name not in ("h1", "h2", "h3", "h4") and not any("title" in n.lower() for n in _names(tag)):
            continue
        text = _squash(tag.get_text())
        if len(text) >= 4 and (text == wanted or (len(text) >= 8 and text in wanted)):
            return tag
    return None


def _first_h1(root: Tag) -> Tag | None:
    """An <h1> with real text outside the page chrome (where sites put their logo in <h1>)."""
    for tag in _named(root, {"h1"}):
        if len(_squash(tag.get_text())) >= 6 and not any(_is_chrome(p) for p in (tag, *tag.parents)):
            return tag
    return None


def _common_ancestor(a: Tag, b: Tag) -> Tag:
    ancestors_of_a = {id(a)} | {id(p) for p in a.parents}
    for node in [b, *b.parents]:
        if id(node) in ancestors_of_a:
            return node
    return a


def _tags(root: Tag):
    return (node for node in root.descendants if isinstance(node, Tag))


def _named(root: Tag, names: set[str]) -> list[Tag]:
    """``root.find_all(names)`` without bs4's general matcher, which cost more than parsing."""
    return [tag for tag in _tags(root) if tag.name in names]


def _measure(root: Tag) -> dict[int, tuple[int, int]]:
    """For every element under ``root``: (characters of text, characters inside <a>), spaces aside.

    Each string counts for its parent, then one pass from the last element back to ``root``
    adds every element's figures to its parent's (children come after their parent in document
    order). A get_text() per element is quadratic on long pages, and walking each string's
    ancestors costs its depth.
    """
    tags = [root, *_tags(root)]
    total: dict[int, int] = {id(t): 0 for t in tags}
    for string in root.strings:
        total[id(string.parent)] += len(_squash(string))
    linked = dict.fromkeys(total, 0)
    for tag in reversed(tags):
        key = id(tag)
        if tag.name == "a":  # everything inside a link is linked text
            linked[key] = total[key]
        if tag is not root:
            total[id(tag.parent)] += total[key]
            linked[id(tag.parent)] += linked[key]
    return {key: (total[key], linked[key]) for key in total}


def _names(tag: Tag) -> list[str]:
    classes = tag.get("class") or []
    return [str(tag.get("id") or ""), *classes]


def _is_chrome(tag: Tag) -> bool:
    return any(_is_chrome_name(name) for name in _names(tag))


@functools.lru_cache(maxsize=4096)
def _is_chrome_name(name: str) -> bool:
    return any(_CHROME_PARTS.match(part) for part in re.split(r"[-_\s]+", name) if part)


def _link_dense(tag: Tag, sizes: dict[int, tuple[int, int]]) -> bool:
    """Link lists (相关链接, 上一篇/下一篇, 友情链接): most of the text sits in <a>."""
    if tag.name not in ("div", "ul", "ol", "table", "dl", "p", "section"):
        return False
    total, linked = sizes[id(tag)]
    return total > 0 and linked / total > 0.6


def _direct_text_length(tag: Tag) -> int:
    """Text in the element's own paragraphs (<p>, <br>-separated text), not nested blocks."""
    own = [c for c in tag.children if isinstance(c, NavigableString)]
    paragraphs = [c for c in tag.children if isinstance(c, Tag) and c.name == "p"]
    return sum(len(_squash(str(s))) for s in own) + sum(len(_squash(p.get_text())) for p in paragraphs)


def _squash(text: str) -> str:
    return "".join(text.split())


def _render(block: Tag) -> str:
    """Text with one paragraph per block element, paragraphs separated by a blank line."""
    parts: list[str] = []
    _walk(block, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, (Comment, Doctype)):
                # a line break inside source HTML between two Chinese characters is no space
                parts.append(_CJK_LINE_BREAK.sub("", str(child)).replace("\n", " "))
        elif isinstance(child, Tag):
            if child.name in _BLOCK_TAGS:
                parts.append("\n")
            elif child.name in _CELL_TAGS:
                parts.append(" ")
            _walk(child, parts)
            if child.name in _BLOCK_TAGS:
                parts.append("\n")
