"""PDF → text with paragraphs, every page, through pdfplumber (pdfminer.six underneath).

Government PDFs (工作报告, 通知 attachments) are single-column, justified, with paragraphs
marked by a two-character first-line indent and page numbers like "— 3 —" at the foot. Lines
are re-joined into paragraphs from their geometry: a paragraph starts on an indented line,
after a line that stops short of the right margin, or after extra vertical space; this also
joins a paragraph that runs over a page break. Chinese lines join without a space.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTPage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from ..records import RawDocument
from .sniff import Extracted

# A gap wider than 0.4 em is a space. pdfplumber's default, a fixed 3 pt, reads the widened
# spacing of justified Chinese lines as spaces (全 市 民 政); a real space is about 0.5 em.
_SPACE_RATIO = 0.4
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$")
_CID = re.compile(r"\(cid:\d+\)")


def extract(raw: RawDocument) -> Extracted:
    """Text of every page, paragraphs separated by blank lines.

    Raises ``InputError`` for password-protected, damaged and image-only PDFs. Pages without
    a text layer in an otherwise readable PDF are listed in the warnings.
    """
    pages = _page_lines(raw)
    empty = [str(n) for n, lines in enumerate(pages, start=1) if not lines]
    if len(empty) == len(pages):
        raise InputError(raw.source, "no text layer (scanned PDF?); run OCR first")
    text = "\n\n".join(_paragraphs(pages))
    if sum(map(len, _CID.findall(text))) * 2 > len(text):  # mostly unmapped glyph ids
        raise InputError(raw.source, "fonts without a Unicode map (text reads as (cid:N)); run OCR first")
    warnings = (f"pages {', '.join(empty)} have no text layer (scanned?); their text is missing",) if empty else ()
    return Extracted(text, None, {}, warnings)


def _page_lines(raw: RawDocument) -> list[list[dict]]:
    """Per page, its text lines (text, x0, x1, top, bottom) top to bottom."""
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(raw.data)) as pdf:
            for page in pdf.pages:
                lines = [line for line in _text_lines(page) if line["text"].strip()]
                pages.append(_without_page_numbers(lines))
                page.close()  # frees the page's parsed objects; long reports have 100+ pages
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(raw.source, "password-protected PDF; save an unprotected copy first") from exc
        raise InputError(raw.source, f"damaged PDF ({_describe(cause)}); download or export it again") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on malformed input
        raise InputError(raw.source, f"damaged PDF ({_describe(exc)}); download or export it again") from exc
    return pages


def _text_lines(page: pdfplumber.page.Page) -> list[dict]:
    """``page.extract_text_lines(return_chars=False, x_tolerance_ratio=_SPACE_RATIO)``, from the
    characters alone: pdfplumber's ``page.chars`` converts every object on the page (curves and
    rectangles too), every attribute resolved (colours, colour spaces), and that was half of a
    PDF's parsing time. The line finder reads only what ``_chars`` gives."""
    textmap = chars_to_textmap(_chars(page), layout_bbox=page.bbox, layout_width=page.width,
                               layout_height=page.height, x_tolerance_ratio=_SPACE_RATIO)
    return textmap.extract_text_lines(strip=True, return_chars=False)


def _chars(page: pdfplumber.page.Page) -> list[dict]:
    """The page's characters in pdfplumber's order and coordinates (top-left origin, shifted by
    the MediaBox as ``Page.process_object`` does), with the keys its word and line finder reads."""
    height, doctop, (mb_x0, mb_top) = page.height, page.initial_doctop, page.mediabox[:2]
    chars = []
    for obj in _layout_chars(_text_layout(page)):
        top = (height - obj.y1) + mb_top
        x0, x1 = (obj.x0 + mb_x0, obj.x1 + mb_x0) if mb_x0 != 0 else (obj.x0, obj.x1)
        chars.append({"text": obj.get_text(), "x0": x0, "x1": x1, "top": top,
                      "bottom": (height - obj.y0) + mb_top, "doctop": doctop + top, "upright": obj.upright,
                      "size": obj.size, "width": obj.width, "height": obj.height})
    return chars


class _TextAggregator(PDFPageAggregator):
    """pdfminer's page aggregator without the objects duban never reads: paths (lines,
    rectangles, curves) and images are dropped, as pdfminer's own ``TextConverter`` drops them.
    Characters and the figures that hold them are built as before."""

    def paint_path(self, *args) -> None:
        pass

    def render_image(self, *args) -> None:
        pass


def _text_layout(page: pdfplumber.page.Page) -> LTPage:
    """The page's layout tree as ``page.layout`` builds it (no layout analysis: pdfplumber opens
    with ``laparams=None``), through ``_TextAggregator``: ``page.layout`` also turns every path
    into a curve object and tags every object with its marked-content id, which cost a tenth of
    a PDF's parsing time on the bench's PDFs and more on pages with ruled tables."""
    device = _TextAggregator(page.pdf.rsrcmgr, pageno=page.page_number)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


def _layout_chars(container: LTContainer):
    """The ``LTChar`` objects under ``container``, depth first (figures hold characters too)."""
    for obj in container:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from _layout_chars(obj)


def _without_page_numbers(lines: list[dict]) -> list[dict]:
    """Drops a page number printed as the first or last line of a page (— 3 —, 第3页 共9页)."""
    if lines and _PAGE_NUMBER.match(lines[-1]["text"].strip()):
        lines = lines[:-1]
    if lines and _PAGE_NUMBER.match(lines[0]["text"].strip()):
        lines = lines[1:]
    return lines


def _paragraphs(pages: list[list[dict]]) -> list[str]:
    paragraphs: list[str] = []
    continues = False  # does the previous line run on into the next one?
    for lines in pages:
        if not lines:
            continues = False
            continue
        left = min(line["x0"] for line in lines)
        right = max(line["x1"] for line in lines)
        previous = None
        for line in lines:
            size = max(line["bottom"] - line["top"], 1.0)
            text = line["text"].strip()
            indented = line["x0"] - left > 1.5 * size
            spaced = previous is not None and line["top"] - previous["bottom"] > 1.0 * size
            if paragraphs and continues and not indented and not spaced:
                paragraphs[-1] = _join(paragraphs[-1], text)
            else:
                paragraphs.append(text)
            continues = right - line["x1"] < 2 * size  # reaches the right margin
            previous = line
    return paragraphs


def _join(head: str, tail: str) -> str:
    """Two pieces of one paragraph: a space only between two Latin words (Chinese has none)."""
    if head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha():
        return f"{head} {tail}"
    return head + tail


def _describe(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]
