"""The ledger view: which commitments a URL asks for, their facets with counts, sort and page.

Pure functions over the commitment dicts of ``Store.query_records`` (fields of
shared/spec/records.md). Query parameters carry the names of those fields, so a view is a
bookmarkable URL (``/?region=费县&status=not_met``) and the JSON API takes the same ones.
``region``, ``level`` and ``topic`` are handed to the store, which owns region matching
(enclosing divisions and code prefixes); the other filters are applied here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping
from urllib.parse import urlencode

from ..errors import InputError
from ..records import STATUS_LABELS

NONE = "none"  # the parameter value that selects records whose field is empty
PER_PAGE = 50
MAX_PER_PAGE = 500
STORE_FILTERS = ("region", "level", "topic", "status", "due_state")
SORTS = {
    "": "原文顺序", "deadline": "完成时限（早→晚）", "-deadline": "完成时限（晚→早）", "region": "地区",
}

# Labels of the values supervision staff read (status: the spreadsheet labels of the contract).
LABELS = {
    "level": {"national": "国家", "province": "省级", "city": "市级", "county": "县级",
              "district": "区级", "township": "乡镇"},
    "status": STATUS_LABELS,
    "due_state": {"overdue": "已逾期", "due_soon": "即将到期", "on_track": "按期推进", "none": "无时限"},
    "doc_type": {"interview": "访谈", "press_conference": "新闻发布会", "work_report": "工作报告",
                 "work_plan": "工作计划", "government_report": "政府工作报告", "notice": "通知",
                 "news": "新闻", "other": "其他"},
    "origin": {"extracted": "文中提取", "ledger": "台账导入"},
    "kind": {"achieved": "实绩", "target": "目标", "standard": "标准", "other": "其他"},
}


def _year(record: dict) -> str | None:
    return (record.get("deadline") or "")[:4] or None


@dataclass(frozen=True)
class Facet:
    param: str
    title: str
    value: Callable[[dict], str | None]


# The flat facets, in the order the page shows them; the region tree comes first (``region_tree``).
FACETS = (
    Facet("level", "级别", lambda r: r.get("level")),
    Facet("topic", "主题", lambda r: r.get("topic")),
    Facet("status", "进度状态", lambda r: r.get("status")),
    Facet("due_state", "预警", lambda r: r.get("due_state")),
    Facet("deadline", "完成年份", _year),
    Facet("doc_type", "文件类型", lambda r: r.get("doc_type")),
    Facet("origin", "来源", lambda r: r.get("origin")),
)
PARAMS = ("region", *(f.param for f in FACETS), "document_id")
TITLES = {"region": "地区", "document_id": "文件", **{f.param: f.title for f in FACETS}}


def label(param: str, value: str | None) -> str:
    """What a facet value reads as on the page."""
    if value in (None, "", NONE):
        return "（未核验）" if param == "status" else "（未填）"
    return LABELS.get(param, {}).get(value, value)


@dataclass(frozen=True)
class LedgerQuery:
    """One view of the ledger, as read from the URL."""

    filters: dict[str, str] = field(default_factory=dict)  # spec field → value, "none" for empty
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> LedgerQuery:
        """Parse query parameters; an unknown sort or a bad page number is an ``InputError``."""
        filters = {p: params[p].strip() for p in PARAMS if params.get(p, "").strip()}
        sort = params.get("sort", "")
        if sort not in SORTS:
            raise InputError(f"sort={sort}", f"unknown sort; choose one of {', '.join(s for s in SORTS if s)}")
        page = _positive(params, "page", 1)
        per_page = min(_positive(params, "per_page", PER_PAGE), MAX_PER_PAGE)
        return cls(filters=filters, sort=sort, page=page, per_page=per_page)

    def store_filters(self) -> dict[str, str]:
        """The filters ``Store.query_records`` applies itself."""
        return {k: v for k, v in self.filters.items() if k in STORE_FILTERS and v != NONE}

    def params(self, **changes) -> dict[str, str]:
        """The URL parameters of this view with ``changes`` (None removes a parameter)."""
        values = dict(self.filters)
        if self.sort:
            values["sort"] = self.sort
        if self.page != 1:
            values["page"] = str(self.page)
        if self.per_page != PER_PAGE:
            values["per_page"] = str(self.per_page)
        for key, value in changes.items():
            if value is None or value == "":
                values.pop(key, None)
            else:
                values[key] = str(value)
        return values

    def url(self, path: str = "/", **changes) -> str:
        """A link to this view with ``changes``; a changed filter goes back to page 1."""
        if any(k in PARAMS for k in changes):
            changes.setdefault("page", None)
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path

    def with_page(self, page: int) -> LedgerQuery:
        return replace(self, page=page)


def _positive(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"{name}={raw}", "must be a whole number of 1 or more")
    return int(raw)


def _matches(record: dict, param: str, wanted: str) -> bool:
    if param in STORE_FILTERS and wanted != NONE:
        return True  # applied by the store
    if param == "document_id":
        return record.get("document_id") == wanted
    facet = next(f for f in FACETS if f.param == param) if param != "region" else None
    value = facet.value(record) if facet else record.get("region")
    return (value in (None, "")) if wanted == NONE else value == wanted


def apply_filters(records: Iterable[dict], query: LedgerQuery) -> list[dict]:
    """The records that pass the filters the store did not apply."""
    return [r for r in records if all(_matches(r, p, v) for p, v in query.filters.items())]


def sort_records(records: list[dict], sort: str) -> list[dict]:
    """Records in the asked order; records without a deadline go last either way."""
    if sort == "deadline":
        return sorted(records, key=lambda r: (r.get("deadline") is None, r.get("deadline") or ""))
    if sort == "-deadline":
        dated = sorted((r for r in records if r.get("deadline")), key=lambda r: r["deadline"], reverse=True)
        return dated + [r for r in records if not r.get("deadline")]
    if sort == "region":
        return sorted(records, key=lambda r: _region_path(r))
    return list(records)


@dataclass(frozen=True)
class Page:
    records: list[dict]
    total: int
    number: int
    pages: int


def paginate(records: list[dict], query: LedgerQuery) -> Page:
    pages = max(1, -(-len(records) // query.per_page))
    number = min(query.page, pages)
    start = (number - 1) * query.per_page
    return Page(records[start:start + query.per_page], len(records), number, pages)


@dataclass(frozen=True)
class FacetValue:
    value: str  # the parameter value ("none" for empty)
    label: str
    count: int
    selected: bool


def facet_counts(records: list[dict], query: LedgerQuery) -> list[tuple[Facet, list[FacetValue]]]:
    """Each flat facet's values with their counts among ``records``, commonest first."""
    out = []
    for facet in FACETS:
        counts = Counter(facet.value(r) or NONE for r in records)
        chosen = query.filters.get(facet.param)
        values = [FacetValue(v, label(facet.param, v), n, v == chosen)
                  for v, n in sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))]
        if values:
            out.append((facet, values))
    return out


@dataclass
class RegionNode:
    name: str
    count: int = 0
    selected: bool = False
    children: dict[str, RegionNode] = field(default_factory=dict)


def _region_path(record: dict) -> tuple[str, ...]:
    """province → city → county, then the record's own region when it is below those."""
    path = [n for n in (record.get("province"), record.get("city"), record.get("county")) if n]
    region = record.get("region")
    if region and region not in path:
        path.append(region)
    return tuple(path)


def region_tree(records: list[dict], selected: str | None = None) -> list[RegionNode]:
    """Regions as a tree with the number of records at or under each node."""
    root = RegionNode("")
    for record in records:
        node = root
        for name in _region_path(record) or (NONE,):
            node = node.children.setdefault(name, RegionNode(name, selected=name == selected))
            node.count += 1
    return sorted(root.children.values(), key=lambda n: -n.count)
