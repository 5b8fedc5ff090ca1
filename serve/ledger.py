"""The ledger view: which commitments a URL asks for, their facets with counts, and the page.

Query parameters carry the names of the fields of shared/spec/records.md, so a view is a
bookmarkable URL (``/?region=费县&status=not_met``) and the JSON API takes the same ones. The
store filters, counts and pages in SQL (``Store.ledger_page`` / ``ledger_counts``): reading every
commitment per request took 1.1 s at 32k commitments (bench/serve.py's corpus). This module
turns the URL into those calls and their answers into what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urlencode

from ..errors import InputError
from ..records import STATUS_LABELS

NONE = "none"  # the parameter value that selects records whose field is empty
PER_PAGE = 50
MAX_PER_PAGE = 500
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


@dataclass(frozen=True)
class Facet:
    param: str  # a field of the contract, and of store.LEDGER_FIELDS
    title: str


# The flat facets, in the order the page shows them; the region tree comes first (``region_tree``).
FACETS = (
    Facet("level", "级别"), Facet("topic", "主题"), Facet("status", "进度状态"), Facet("due_state", "预警"),
    Facet("deadline", "完成年份"), Facet("doc_type", "文件类型"), Facet("origin", "来源"),
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

    def store_filters(self) -> dict[str, str | None]:
        """The filters for ``Store.ledger_page``: field → value, None for "empty"."""
        return {k: (None if v == NONE else v) for k, v in self.filters.items()}

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

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


def _positive(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"{name}={raw}", "must be a whole number of 1 or more")
    return int(raw)


@dataclass(frozen=True)
class Page:
    records: list[dict]
    total: int
    number: int
    pages: int


def page_of(records: list[dict], total: int, query: LedgerQuery) -> Page:
    return Page(records, total, query.page, max(1, -(-total // query.per_page)))


@dataclass(frozen=True)
class FacetValue:
    value: str  # the parameter value ("none" for empty)
    label: str
    count: int
    selected: bool


def facet_values(counts: dict[str, dict], query: LedgerQuery) -> list[tuple[Facet, list[FacetValue]]]:
    """Each flat facet's values (from ``Store.ledger_counts``), commonest first."""
    out = []
    for facet in FACETS:
        chosen = query.filters.get(facet.param)
        merged: dict[str, int] = {}
        for value, n in counts.get(facet.param, {}).items():
            key = value or NONE  # NULL and "" are both "empty"
            merged[key] = merged.get(key, 0) + n
        values = [FacetValue(v, label(facet.param, v), n, v == chosen)
                  for v, n in sorted(merged.items(), key=lambda vn: (-vn[1], vn[0]))]
        if values:
            out.append((facet, values))
    return out


@dataclass
class RegionNode:
    name: str
    count: int = 0
    selected: bool = False
    children: dict[str, RegionNode] = field(default_factory=dict)


def _region_path(province, city, county, region) -> tuple[str, ...]:
    """province → city → county, then the record's own region when it is below those."""
    path = [n for n in (province, city, county) if n]
    if region and region not in path:
        path.append(region)
    return tuple(path)


def region_tree(path_counts: dict[tuple, int], selected: str | None = None) -> list[RegionNode]:
    """Regions as a tree with the number of records at or under each node, from
    ``Store.ledger_counts(...)["region_path"]``."""
    root = RegionNode("")
    for columns, n in path_counts.items():
        node = root
        for name in _region_path(*columns) or (NONE,):
            node = node.children.setdefault(name, RegionNode(name, selected=name == selected))
            node.count += n
    return sorted(root.children.values(), key=lambda n: -n.count)
