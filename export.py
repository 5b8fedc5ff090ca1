"""Records → JSONL, JSON, Excel-safe CSV and XLSX, with the field names of shared/spec/records.md.

Spreadsheet safety: a text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage
return could run as a formula when opened (OWASP "CSV injection"). In CSV such cells get a
leading apostrophe; in XLSX they are stored as typed strings with Excel's quote prefix, so the
text is shown exactly and never evaluated. Numbers are left alone. CSV is UTF-8 with a BOM so
Excel opens Chinese correctly.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from typing import Iterable

from . import __version__
from .errors import InputError
from .records import DOCUMENT_FIELDS, STATUS_LABELS

FORMATS = ("jsonl", "json", "csv", "xlsx")

FIELDS = {
    "documents": [*DOCUMENT_FIELDS, "url", "version"],
    "figures": [
        "id", "document_id", "source", "title", "date", "region", "region_code", "level", "text",
        "value", "low", "high", "approx", "unit", "qualifier", "kind", "subject", "sentence", "start", "end",
    ],
    "commitments": [
        "id", "document_id", "source", "title", "date", "region", "region_code", "level", "province",
        "city", "county", "speaker", "topic", "text", "sentence", "start", "end", "quantity",
        "deadline_text", "deadline", "origin", "ledger_ref", "responsible", "status",
        "status_source", "status_reason", "due_state", "progress", "evidence",
    ],
    # `duban ask --export`: the answers contract, with the commitment fields where they apply.
    "answers": [
        "rank", "score", "kind", "region", "text", "sentence", "document_id", "source", "title",
        "date", "channels", "speaker", "topic", "quantity", "deadline_text", "deadline", "value",
        "unit",
    ],
}

# The 督查台账 layout supervision offices keep: (header, field or callable).
LEDGER_COLUMNS = [
    ("序号", None),
    ("地区", "region"),
    ("承诺事项", "text"),
    ("目标数量", lambda r: (r.get("quantity") or {}).get("value")),
    ("单位", lambda r: (r.get("quantity") or {}).get("unit")),
    ("完成时限", "deadline_text"),
    ("截止日期", "deadline"),
    ("主题", "topic"),
    ("发言人", "speaker"),
    ("出处", lambda r: r.get("title") or r.get("source")),  # an untitled page still says where it is
    ("发布日期", "date"),
    ("原文", "sentence"),
    ("责任单位", "responsible"),
    ("进度状态", lambda r: STATUS_LABELS.get(r.get("status"), r.get("status"))),
    ("佐证材料", lambda r: _evidence_cell(r.get("evidence"))),
    ("核验说明", "status_reason"),
    ("预警", lambda r: WARNINGS[warning_of(r)][0] if warning_of(r) else None),
]
LEDGER_WIDTHS = [6, 10, 48, 10, 8, 12, 12, 10, 10, 30, 12, 70, 14, 10, 60, 40, 12]

# 预警: label and cell colour. Red overdue, yellow due soon or behind 序时进度, blue unassessed.
WARNINGS = {
    "overdue": ("逾期", "FFC7CE"),
    "attention": ("临期或滞后", "FFEB9C"),
    "unassessed": ("未核验", "BDD7EE"),
}
DONE = ("met", "exceeded")


def warning_of(row: dict) -> str | None:
    """Which 预警 a commitment row earns, or None; a finished commitment earns none."""
    if row.get("status") in DONE:
        return None
    if row.get("due_state") == "overdue":
        return "overdue"
    if row.get("due_state") == "due_soon" or (row.get("progress") or {}).get("state") == "behind":
        return "attention"
    if row.get("status") in (None, "pending", "no_evidence"):  # nothing found yet, or never tracked
        return "unassessed"
    return None


def _evidence_cell(links: list[dict] | None) -> str | None:
    """The best evidence as a quote with its source: 「…」（标题 2024-01-01 URL）."""
    if not links:
        return None
    best = links[0]
    where = " ".join(str(x) for x in (best.get("title"), best.get("date"),
                                      best.get("url") or best.get("source")) if x)
    return f"「{best.get('sentence')}」（{where}）" + (f" 等{len(links)}条" if len(links) > 1 else "")

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV cell value that cannot run as a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _flat(row: dict, fields: list[str]) -> dict:
    """Nested quantity → quantity (its text), quantity_value, quantity_unit, for flat formats."""
    out = {}
    for f in fields:
        value = row.get(f)
        if f == "quantity":
            q = value or {}
            out["quantity"] = q.get("text")
            out["quantity_value"] = q.get("value")
            out["quantity_unit"] = q.get("unit")
        elif isinstance(value, dict) or (isinstance(value, (list, tuple)) and value
                                         and isinstance(value[0], dict)):
            out[f] = json.dumps(value, ensure_ascii=False)  # progress, evidence
        elif isinstance(value, (list, tuple)):
            out[f] = "+".join(map(str, value))
        else:
            out[f] = value
    return out


def _link(row: dict) -> str | None:
    """Where 出处 points: the page's URL, else the source when it is a URL."""
    for candidate in (row.get("url"), row.get("source")):
        if candidate and str(candidate).startswith(("http://", "https://")):
            return candidate
    return None


def write(rows: Iterable[dict], table: str, fmt: str, out: Path, about: dict | None = None) -> int:
    """Write ``rows`` of ``table`` to ``out`` in ``fmt``; returns the number of rows.

    The file is written next to its destination and renamed into place, so an interrupted
    export never leaves half a file where the previous one was.
    """
    if fmt not in FORMATS:
        raise InputError(str(out), f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = list(rows)
    fields = FIELDS[table]
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    writer = {"jsonl": _write_jsonl, "json": _write_json, "csv": _write_csv, "xlsx": _write_xlsx}[fmt]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        writer(rows, table, fields, tmp, about or {})
        tmp.replace(out)
    except OSError as exc:
        raise InputError(str(out), f"cannot write ({exc.strerror or exc}); choose another file") from exc
    finally:
        if tmp.is_file():  # interrupted or failed: no half file is left beside the previous one
            tmp.unlink()
    return len(rows)


def _pick(rows: list[dict], fields: list[str]) -> list[dict]:
    return [{f: r.get(f) for f in fields} for r in rows]


def _write_jsonl(rows, table, fields, path: Path, about) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in _pick(rows, fields):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_json(rows, table, fields, path: Path, about) -> None:
    path.write_text(json.dumps(_pick(rows, fields), ensure_ascii=False, indent=2), encoding="utf-8")


def _write_csv(rows, table, fields, path: Path, about) -> None:
    flat = [_flat(r, fields) for r in rows]
    header = list(flat[0]) if flat else list(_flat({}, fields))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        for row in flat:
            writer.writerow({k: neutralise(v) for k, v in row.items()})


def _write_xlsx(rows, table, fields, path: Path, about) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    if table in ("commitments", "answers"):
        ws.title = "督查台账"
        headers = [h for h, _ in LEDGER_COLUMNS]
        widths = LEDGER_WIDTHS
        values = [
            [i + 1] + [get(r) if callable(get) else r.get(get) for _, get in LEDGER_COLUMNS[1:]]
            for i, r in enumerate(rows)
        ]
        link_col = headers.index("出处") + 1
    else:
        ws.title = table
        flat = [_flat(r, fields) for r in rows]
        headers = list(flat[0]) if flat else list(_flat({}, fields))
        widths = [40 if h in ("sentence", "title", "source") else 14 for h in headers]
        values = [[row[h] for h in headers] for row in flat]
        link_col = headers.index("source") + 1 if "source" in headers else None

    ws.append(headers)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r_index, (row, record) in enumerate(zip(values, rows), start=2):
        for c_index, value in enumerate(row, start=1):
            cell = ws.cell(row=r_index, column=c_index)
            _set_cell(cell, value)
            cell.alignment = wrap
        if table == "commitments" and warning_of(record):
            colour = WARNINGS[warning_of(record)][1]
            ws.cell(row=r_index, column=len(headers)).fill = PatternFill("solid", fgColor=colour)
        target = _link(record)
        if link_col and target:
            cell = ws.cell(row=r_index, column=link_col)
            cell.hyperlink = target
            cell.font = Font(color="0563C1", underline="single")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(values) + 1)}"

    notes = wb.create_sheet("说明")
    lines = [("导出时间", datetime.now().isoformat(timespec="seconds")), ("duban 版本", __version__),
             ("表", table), ("记录数", len(rows))]
    lines += [(str(k), v if isinstance(v, (int, float)) else json.dumps(v, ensure_ascii=False)
               if not isinstance(v, str) else v) for k, v in about.items()]
    for key, value in lines:
        notes.append([key, None])
        _set_cell(notes.cell(row=notes.max_row, column=2), value)
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 80
    wb.save(path)


def _set_cell(cell, value) -> None:
    """Store text as text: a leading '=' must never become a formula."""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_DANGEROUS):
            cell.quotePrefix = True
