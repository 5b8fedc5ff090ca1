"""Builders for ingest test inputs: gov-style HTML pages, Chinese PDFs and DOCX from seed text.

Shared by tests/test_ingest_*.py and bench/ingest.py; every builder returns bytes.
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PAGE_TEMPLATE = Template((ROOT / "tests" / "data" / "formats" / "gov_page.html").read_text(encoding="utf-8"))


def seed_paragraphs(name: str) -> list[str]:
    """Non-empty lines of a seed in corpus/, e.g. ``seed_paragraphs("001")``."""
    path = next(CORPUS.glob(f"{name}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gov_page(title: str, paragraphs: list[str], charset: str = "utf-8", *, site: str = "临沂市人民政府",
             region: str = "临沂市", publisher: str = "临沂市民政局", date: str = "2020-09-08",
             index_no: str = "1360274559/mzj/2020-0000090") -> bytes:
    """A page laid out like a TRS/Hanweb government article page, encoded in ``charset``."""
    body = "\n".join(f'<p style="text-indent: 2em;">　　{escape(p)}</p>' for p in paragraphs)
    page = PAGE_TEMPLATE.substitute(charset=charset, site=site, region=region, title=escape(title),
                                    publisher=publisher, date=date, index_no=index_no, body=body)
    codec = "gb18030" if charset.lower() in ("gb2312", "gbk") else charset
    return page.encode(codec)


def chinese_pdf(pages: list[list[str]], encrypt=None) -> bytes:
    """A PDF in reportlab's built-in CID font STSong-Light: each page a list of paragraphs.

    Lines are filled to 30 汉字 of width with a two-character first-line indent, the way
    government documents are typeset; a page that fills up runs over onto a new page, and each
    page has a "— n —" page number at the foot.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    size, left, width, top, bottom = 12, 72, 360, 770, 80
    page_number, y = 1, top

    def wrap(text: str) -> list[tuple[float, str]]:
        lines, line, x = [], "", left + 2 * size
        for char in text:
            if pdfmetrics.stringWidth(line + char, "STSong-Light", size) > left + width - x:
                lines.append((x, line))
                line, x = "", left
            line += char
        return lines + [(x, line)]

    def new_page() -> None:
        nonlocal page_number, y
        pdf.drawCentredString(297, 40, f"— {page_number} —")
        pdf.showPage()
        pdf.setFont("STSong-Light", size)
        page_number, y = page_number + 1, top

    pdf.setFont("STSong-Light", size)
    for index, paragraphs in enumerate(pages):
        if index:
            new_page()
        for paragraph in paragraphs:
            for x, text in wrap(paragraph):
                if y < bottom:
                    new_page()
                pdf.drawString(x, y, text)
                y -= size * 1.5
    new_page()
    pdf.save()
    return buffer.getvalue()


def rectangle_pdf() -> bytes:
    """A PDF page with a drawn rectangle and no text, like a scan without OCR."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 400, 300, 200, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def word_document(title: str, paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A DOCX with a heading, the paragraphs, then an optional table."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
