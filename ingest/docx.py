"""DOCX → text: body paragraphs and tables in document order, through python-docx.

Tables matter here: 工作计划 and 任务分工 attachments list targets, owners and deadlines in
table rows, so each row becomes one line with its cells separated by spaces. Headers, footers
and text boxes are left out.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from ..errors import InputError
from ..records import RawDocument
from .sniff import Extracted


def extract(raw: RawDocument) -> Extracted:
    """Paragraph and table-row texts separated by blank lines.

    The file's core properties are not used as hints: their title and author are usually
    left over from a template (Administrator, 微软用户).
    """
    try:
        document = docx.Document(io.BytesIO(raw.data))
        blocks = [_table_rows(item) if isinstance(item, Table) else item.text.split("\n")
                  for item in document.iter_inner_content()]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise InputError(raw.source, f"damaged Word file ({type(exc).__name__}); open and save it again") from exc
    lines = (line.strip() for block in blocks for line in block)
    return Extracted("\n\n".join(line for line in lines if line))


def _table_rows(table: Table) -> list[str]:
    """One line per row; a merged cell appears once, not once per grid column it spans."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        rows.append(" ".join(cells))
    return rows
