"""The search view's URL: question, explicit filters, filters the reader removed, and the
removable filter chips built from what ``ask`` read from the question.

Parameters are the answer fields of shared/spec/records.md: ``region``, ``level``, ``topic``,
``kind`` (commitment, figure or sentence), plus ``since`` / ``until`` (the CLI's flags) and
``without`` (a filter read from the question that the reader removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from ..errors import InputError
from ..index.filters import UNIT_KINDS, Filters
from .ledger import LABELS

# URL parameter → Filters field.
PARAM_FIELDS = {"region": "regions", "level": "levels", "topic": "topics", "kind": "units"}
DATE_FIELDS = ("since", "until")
REMOVABLE = (*PARAM_FIELDS.values(), *DATE_FIELDS, "prefer_units", "prefer_topics")
FIELD_LABELS = {"regions": "地区", "levels": "级别", "topics": "主题", "units": "类型",
                "since": "起始日期", "until": "截止日期", "prefer_units": "优先类型",
                "prefer_topics": "优先主题"}
KIND_LABELS = {"commitment": "承诺", "figure": "数据", "sentence": "原句"}
MAX_K = 50


@dataclass(frozen=True)
class Chip:
    field: str
    label: str  # 地区: 费县
    remove_url: str


@dataclass(frozen=True)
class AskQuery:
    q: str
    k: int = 10
    explicit: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (Filters field, values) from the URL
    dates: tuple[tuple[str, date], ...] = ()
    without: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params) -> AskQuery:
        """From a multi-valued mapping (Starlette's ``QueryParams``); bad values raise InputError."""
        explicit = []
        for param, name in PARAM_FIELDS.items():
            values = tuple(v.strip() for v in params.getlist(param) if v.strip())
            if param == "kind" and set(values) - set(UNIT_KINDS):
                raise InputError(f"kind={','.join(values)}", f"choose from {', '.join(UNIT_KINDS)}")
            if values:
                explicit.append((name, values))
        dates = []
        for name in DATE_FIELDS:
            raw = params.get(name, "").strip()
            if raw:
                try:
                    dates.append((name, date.fromisoformat(raw)))
                except ValueError:
                    raise InputError(f"{name}={raw}", "not a date like 2024-12-31") from None
        without = tuple(dict.fromkeys(w for w in params.getlist("without") if w))
        if set(without) - set(REMOVABLE):
            raise InputError(f"without={','.join(without)}", f"choose from {', '.join(REMOVABLE)}")
        raw_k = params.get("k", "10").strip() or "10"
        if not raw_k.isdigit() or not 1 <= int(raw_k) <= MAX_K:
            raise InputError(f"k={raw_k}", f"must be a whole number from 1 to {MAX_K}")
        return cls(q=params.get("q", "").strip(), k=int(raw_k), explicit=tuple(explicit),
                   dates=tuple(dates), without=without)

    def overrides(self) -> dict:
        """Explicit filters for ``ask``: Filters field → values."""
        return {**dict(self.explicit), **dict(self.dates)}

    def params(self, explicit: dict | None = None, without: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        explicit = dict(self.explicit) if explicit is None else explicit
        pairs = [("q", self.q)]
        if self.k != 10:
            pairs.append(("k", str(self.k)))
        by_field = {f: p for p, f in PARAM_FIELDS.items()}
        for name, values in explicit.items():
            pairs += [(by_field[name], v) for v in values]
        pairs += [(name, value.isoformat()) for name, value in self.dates
                  if name not in (without if without is not None else self.without)]
        pairs += [("without", w) for w in (self.without if without is None else without)]
        return pairs

    def url(self, path: str = "/ask", **kwargs) -> str:
        return f"{path}?{urlencode(self.params(**kwargs))}"

    def chips(self, filters: Filters) -> list[Chip]:
        """One chip per value in force, each with the URL of this search without it."""
        chips = []
        for name in REMOVABLE:
            value = getattr(filters, name)
            values = value if isinstance(value, tuple) else ((value,) if value else ())
            if name not in PARAM_FIELDS.values() and values:  # a preference or a date: one chip
                text = "、".join(_value_label(name, v) for v in values)
                chips.append(Chip(name, f"{FIELD_LABELS[name]}: {text}", self._without(name, None, ())))
                continue
            for v in values:
                chips.append(Chip(name, f"{FIELD_LABELS[name]}: {_value_label(name, v)}", self._without(name, v, values)))
        return chips

    def _without(self, name: str, value, values: tuple) -> str:
        explicit = dict(self.explicit)
        rest = tuple(v for v in values if v != value)
        if name in PARAM_FIELDS.values() and rest:
            explicit[name] = rest  # keep the others as explicit filters
            return self.url(explicit=explicit)
        explicit.pop(name, None)
        return self.url(explicit=explicit, without=tuple(dict.fromkeys((*self.without, name))))


def _value_label(name: str, value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if name in ("units", "prefer_units"):
        return KIND_LABELS.get(value, value)
    if name == "levels":
        return LABELS["level"].get(value, value)
    return str(value)
