"""A 督查台账 (XLSX or CSV) → commitments with ``origin: ledger``.

Columns are found by their header (``data/headers.tsv``); the task column is required. Rows are
grouped by their 出处 and 发布日期: each group becomes one stored pseudo-document
(``doc_type: ledger``) whose sentences are the tasks, so every imported commitment keeps where
it came from (the file, the row, the source it names) and the date it was made, which tracking
needs. The group's id comes from the file's bytes and the group key: re-importing the same file
changes nothing. A row without a task is an error naming its row, and then nothing is stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..records import Commitment, Extraction, ParsedDocument, Quantity, Sentence, STATUS_LABELS

DATA = Path(__file__).with_name("data")
LEDGER_VERSION = "ledger-1"  # stored as the extractor version: `duban extract` leaves these alone
STATUS_OF_LABEL = {**{v: k for k, v in STATUS_LABELS.items()}, **{k: k for k in STATUS_LABELS},
                   "完成": "met", "已完成": "met", "未完成": "not_met", "部分完成": "partly"}


def _headers() -> dict[str, str]:
    out = {}
    for line in (DATA / "headers.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, names = line.split("\t")
            out.update({h: name for h in names.split(",")})
    return out


HEADERS = _headers()


@dataclass
class LedgerRow:
    line: int  # row number in the file, header = 1
    values: dict[str, str]


@dataclass
class Ledger:
    """What a file holds: its pseudo-documents with their commitments, and set statuses."""

    groups: list[tuple[ParsedDocument, Extraction]] = field(default_factory=list)


def read_rows(path: Path) -> list[list[str]]:
    """The cells of a .xlsx or .csv file as text, row by row."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from exc
    if suffix == ".csv":
        return list(csv.reader(io.StringIO(_decode(path, data))))
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
            raise InputError(str(path), f"not a readable XLSX file ({type(exc).__name__})") from exc
        ws = wb["督查台账"] if "督查台账" in wb.sheetnames else wb.worksheets[0]
        return [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    raise InputError(str(path), "unsupported ledger format; give a .xlsx or .csv file")


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(str(path), "CSV is neither UTF-8 nor GB18030; save it as UTF-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def _columns(header: list[str], path: Path) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = HEADERS.get(re.sub(r"[\s（）()]", "", name or ""))
        if key and key not in columns:
            columns[key] = index
    if "task" not in columns:
        raise InputError(str(path), "no task column; name one 承诺事项, 任务, 工作任务, 重点任务 or 任务内容")
    return columns


def parse_rows(rows: list[list[str]], path: Path) -> list[LedgerRow]:
    """Header row → named values per row; InputError listing every row without a task."""
    if not rows:
        raise InputError(str(path), "empty ledger")
    columns = _columns(rows[0], path)
    out, missing = [], []
    for line, cells in enumerate(rows[1:], start=2):
        cells = [c.strip() if isinstance(c, str) else _cell(c) for c in cells]
        if not any(cells):
            continue
        values = {k: cells[i] if i < len(cells) else "" for k, i in columns.items()}
        if not values["task"]:
            missing.append(line)
        out.append(LedgerRow(line, values))
    if missing:
        raise InputError(f"{path}: row {missing[0]}", "no task (承诺事项/任务 is empty); fill it or delete the row"
                         + (f"; also rows {', '.join(map(str, missing[1:]))}" if len(missing) > 1 else ""))
    return out


def _date(text: str) -> date | None:
    m = re.match(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", text or "")
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _quantity(values: dict[str, str], task: str) -> Quantity | None:
    from ..extract.figures import find_figures

    figures = find_figures(task)
    if values.get("quantity_value"):
        try:
            value = float(values["quantity_value"])
        except ValueError:
            value = None
        written = next((f for f in figures if value is not None and abs(f.value - value) < 1e-9), None)
        if written:  # the task states it with its qualifier (3万张以上): keep that
            return Quantity(value=written.value, unit=written.unit, text=written.text)
        if value is not None:
            unit = values.get("quantity_unit") or None
            return Quantity(value=value, unit=unit, text=f"{values['quantity_value']}{unit or ''}")
    return Quantity(value=figures[0].value, unit=figures[0].unit, text=figures[0].text) if figures else None


def _deadline(values: dict[str, str], task: str, made: date | None) -> tuple[str | None, date | None]:
    from ..extract.timex import find_times, resolve_period

    if values.get("deadline") and _date(values["deadline"]):
        return values.get("deadline_text") or values["deadline"], _date(values["deadline"])
    for phrase in (values.get("deadline_text"), *[t.text for t in find_times(task, made)]):
        period = resolve_period(phrase, made) if phrase else None
        if period:
            return phrase, period[1]
    return values.get("deadline_text") or None, None


def _region(name: str, context: str):
    """A region by name; 上海市普陀区 (an enclosing division written first) settles an ambiguous one."""
    from ..lexicon.regions import resolve

    found = resolve(name, context)
    for cut in range(2, len(name) - 1):
        if found is not None:
            break
        parent = resolve(name[:cut])
        found = resolve(name[cut:], name[:cut]) if parent is not None else None
    return found


def build(path: Path, data: bytes, rows: list[LedgerRow], region_hint: str | None = None) -> Ledger:
    """Rows grouped by (出处, 发布日期) → pseudo-documents with one commitment per row."""
    from ..extract.topics import topic_of

    context = "\n".join(" ".join(r.values.values()) for r in rows)
    groups: dict[tuple[str, str], list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault((row.values.get("source", ""), row.values.get("date", "")), []).append(row)
    ledger = Ledger()
    for (source, day), members in groups.items():
        made = _date(day)
        text, sentences, commitments = "", [], []
        for i, row in enumerate(members):
            task = row.values["task"]
            start = len(text)
            sentences.append(Sentence(index=i, start=start, end=start + len(task), text=task))
            text += task + "\n"
            name = row.values.get("region") or region_hint
            region = _region(name, context) if name else None
            if name and region is None:
                raise InputError(f"{path}: row {row.line}", f"unknown or ambiguous region {name!r}; write it in full (上海市普陀区)")
            deadline_text, deadline = _deadline(row.values, task, made)
            status = row.values.get("status") or None
            if status and status not in STATUS_OF_LABEL:
                raise InputError(f"{path}: row {row.line}", f"unknown 进度状态 {status!r}; use one of {', '.join(STATUS_LABELS.values())}")
            commitments.append(Commitment(
                text=task, start=start, end=start + len(task), sentence_index=i, topic=topic_of(task),
                region=region, quantity=_quantity(row.values, task), deadline_text=deadline_text,
                deadline=deadline, status=STATUS_OF_LABEL.get(status) if status else None,
                origin="ledger", ledger_ref=row.values.get("ref") or str(row.line - 1),
                responsible=row.values.get("responsible") or None))
        key = hashlib.sha256(data + f"\0{source}\0{day}".encode()).hexdigest()
        regions = {c.region for c in commitments}
        doc = ParsedDocument(
            source=f"{path}" + (f"#{source}" if len(groups) > 1 and source else ""), sha256=key,
            format=path.suffix.lower().lstrip("."), raw_text=text, text=text,
            title=source or None, date=made, doc_type="ledger",
            region=regions.pop() if len(regions) == 1 else None, sentences=sentences)
        ledger.groups.append((doc, Extraction(commitments=commitments,
                                              sentence_topics=[c.topic for c in commitments])))
    return ledger


def import_ledger(store, path: Path, region: str | None = None) -> tuple[int, int]:
    """Read, check and store a ledger file; returns (commitments added, unchanged).

    Everything is checked before anything is stored, so a bad file stores nothing.
    """
    path = Path(path)
    rows = parse_rows(read_rows(path), path)
    ledger = build(path, path.read_bytes(), rows, region)
    added = unchanged = 0
    for doc, extraction in ledger.groups:
        doc_id, created = store.save_document(doc)
        if not created:
            unchanged += len(extraction.commitments)
            continue
        store.save_extraction(doc, extraction, LEDGER_VERSION)
        for i, c in enumerate(extraction.commitments):
            if c.status:
                store.set_status(f"{doc_id}-c{i}", c.status, source="ledger", note="台账进度状态")
        added += len(extraction.commitments)
    return added, unchanged
