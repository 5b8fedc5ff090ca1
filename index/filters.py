"""What a search is restricted to, applied the same way in the dense and the lexical channel.

Hard fields remove units; ``prefer_*`` fields (what the wording of a question suggests:
承诺 → commitments, 多少 → figures, 养老 → 养老服务) only raise matching units in the ranking,
because a sentence that answers the question may not have been extracted as a record, or may
carry another topic label.

A period (``since``/``until``) keeps a unit when its document was published inside it, or when
one of its plan years (index/years.py: the years its document and commitment are about) falls in
the period's years: 2023年 finds the 2023 plan published on 2022-12-21. A unit with neither a date
nor a plan year passes: its year is unknown, not outside the range (seeds 001 and 004 have none).
``published_only`` compares the publication day alone (an undated unit passes): tracking looks
for evidence published after a promise, and a plan about the promise's years is not one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

UNIT_KINDS = ("commitment", "figure", "sentence")
REGION_COLUMNS = ("region", "province", "city", "county")
# The unit fields a ``where`` clause (``chroma_where``) compares.
WHERE_COLUMNS = ("unit", *REGION_COLUMNS, "level", "topic", "kind", "day", "plan_from", "plan_to")


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()  # a unit matches when its region or any enclosing division is named
    levels: tuple[str, ...] = ()  # province, city, county, district, township
    topics: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # commitment, figure, sentence
    kinds: tuple[str, ...] = ()  # figure kinds: achieved, target, standard, other
    since: date | None = None
    until: date | None = None
    prefer_units: tuple[str, ...] = ()
    prefer_topics: tuple[str, ...] = ()
    published_only: bool = False  # set by code (tracking), never read from a question or a flag

    def merged(self, overrides: dict | None) -> Filters:
        """These filters with explicit values (command-line flags) replacing parsed ones."""
        values = {k: v for k, v in (overrides or {}).items() if v not in (None, (), [])}
        values = {k: tuple(v) if isinstance(v, (list, tuple)) else v for k, v in values.items()}
        for key in ("regions", "levels", "topics", "units", "kinds"):
            if isinstance(values.get(key), str):
                values[key] = (values[key],)
        return replace(self, **values)

    def cleared(self, names) -> Filters:
        """These filters with the named fields back to their defaults (no restriction)."""
        unknown = set(names) - set(self.__dataclass_fields__)
        if unknown:
            raise ValueError(f"not a filter: {', '.join(sorted(unknown))}")
        return replace(self, **{n: self.__dataclass_fields__[n].default for n in names})

    def to_dict(self) -> dict:
        return {
            "regions": list(self.regions), "levels": list(self.levels), "topics": list(self.topics),
            "units": list(self.units), "kinds": list(self.kinds),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "prefer_units": list(self.prefer_units), "prefer_topics": list(self.prefer_topics),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Filters:
        """The inverse of ``to_dict`` (an answer read back from ``duban serve``'s JSON)."""
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("since", "until"):
            if values.get(key):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)

    def _period(self) -> tuple[int, int, int, int] | None:
        """(first day, last day, first year, last year) of the period, or None without one."""
        if self.since is None and self.until is None:
            return None
        low = _day(self.since) if self.since else 0
        high = _day(self.until) if self.until else 99991231
        return low, high, low // 10000, high // 10000

    def chroma_where(self) -> dict | None:
        """The hard filters as a Chroma ``where`` clause (None when there are none)."""
        clauses: list[dict] = []
        if self.regions:
            names = list(self.regions)
            clauses.append({"$or": [{c: {"$in": names}} for c in REGION_COLUMNS]})
        for column, values in (("level", self.levels), ("topic", self.topics),
                               ("unit", self.units), ("kind", self.kinds)):
            if values:
                clauses.append({column: {"$in": list(values)}})
        period = self._period()
        if period:
            low, high, first, last = period
            published = {"$and": [{"day": {"$gte": low}}, {"day": {"$lte": high}}]}
            clauses.append({"$or": [{"day": 0}, published]} if self.published_only else {"$or": [
                {"$and": [{"day": 0}, {"plan_from": 0}]}, published,
                {"$and": [{"plan_from": {"$gt": 0}}, {"plan_from": {"$lte": last}}, {"plan_to": {"$gte": first}}]},
            ]})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def mask(self, columns: dict[str, np.ndarray]) -> np.ndarray | None:
        """The hard filters over metadata columns: a boolean array (None when there are none).
        It evaluates ``chroma_where()``, so the dense matrix, the lexical channel and Chroma read
        one definition of each filter."""
        where = self.chroma_where()
        if where is None:
            return None
        keep = _evaluate(where, columns)
        return None if keep.all() else keep

    def preferred(self, unit: str, topic: str) -> bool:
        return (not self.prefer_units or unit in self.prefer_units) and (
            not self.prefer_topics or topic in self.prefer_topics)

    @property
    def has_preferences(self) -> bool:
        return bool(self.prefer_units or self.prefer_topics)


# Chroma's comparison operators, over a numpy column.
_COMPARE = {"$in": np.isin, "$gt": np.greater, "$gte": np.greater_equal, "$lte": np.less_equal}


def _evaluate(where: dict, columns: dict[str, np.ndarray]) -> np.ndarray:
    """A Chroma ``where`` clause (the subset ``chroma_where`` writes) as a boolean array over
    ``columns``."""
    (key, value), = where.items()
    if key in ("$and", "$or"):
        combine = np.logical_and if key == "$and" else np.logical_or
        return combine.reduce([_evaluate(part, columns) for part in value])
    if not isinstance(value, dict):
        return columns[key] == value
    (operator, operand), = value.items()
    return _COMPARE[operator](columns[key], operand)


def _day(value: date) -> int:
    return value.year * 10000 + value.month * 100 + value.day


def day_of(iso: str | None) -> int:
    """YYYYMMDD as an int (what range filters compare), 0 when unknown."""
    return int(iso[:10].replace("-", "")) if iso else 0
