"""The region a text is about, read from the places it names, for a page that states no issuer.

A page with no publisher, no region in its title and no site name may still name its places
throughout: a city bureau's table of its districts (眉山天府新区, 东坡区, 彭山区, …: tests/real p06),
a province's story naming it twice (c17). The region is then the deepest division that holds at
least ``_SHARE`` of the place names the text writes, named ``_MINIMUM`` times or more counting
those inside it; a name in passing (a county's story naming the city once) decides nothing.

A township counts as itself only where the text names it as the issuer somewhere (狮山镇人民政府,
板桥店镇党政办: the rule of ingest/metadata.py), otherwise for its county: a county's page names
its towns. When no division holds, national bodies named more often than any province make the
text national. A text that
states its own scope (全街道上下, 全市民政系统; the lowest, when it names several) is that
scope's: the division found, or the nearest above it, whose name ends with the scope's word,
else the one such division named inside it (b14); a 街道's plan naming its city (l03, 全街道上下
… 临沂) stays unresolved, since the 街道 itself is not named.
"""

from __future__ import annotations

import re
from collections import Counter

from ..lexicon import regions
from ..records import Region

__all__ = ["COUNTY_SCOPES", "TOWNSHIP_SCOPES", "county_of_scope", "in_own_scope", "region_by_mentions", "region_of_scope",
           "stated_scope"]

_SHARE = 0.6
_MINIMUM = 2
_LEVELS = ("province", "city", "county", "district", "township")
# How a text states its own scope: 全街道上下, 全市民政系统, 我镇, 本街道; not 全市场, 全区域, 安全区.
# A text names higher scopes beside its own (全区 in a 街道's plan, 全省 in a county's): its own is
# the lowest it names.
_SCOPE_RANK = {"街道": 0, "镇": 0, "乡": 0, "区": 1, "县": 1, "旗": 1, "市": 2, "州": 2, "省": 3, "自治区": 3}
TOWNSHIP_SCOPES = frozenset(w for w, rank in _SCOPE_RANK.items() if rank == 0)
COUNTY_SCOPES = frozenset(w for w, rank in _SCOPE_RANK.items() if rank == 1)
# A 街道 speaks of itself as 街道上下 too (街道上下团结一心、拼抢实干, tests/real ai14).
_OWN_SCOPE = re.compile(r"(?<![安健完齐保])(?:全|我|本)(?P<scope>街道|自治区|省|州|市|县|旗|区|镇|乡)(?![域场份级长委])"
                        r"|(?<![\u4e00-\u9fff])(?P<alone>街道)(?=上下)")


def region_by_mentions(text: str, is_issuer, national: re.Pattern, nation: Region,
                       mentions: list[tuple[int, int, Region | None]] | None = None) -> Region | None:
    """The division ``text`` is about (module docstring), or ``nation``, or None.
    ``is_issuer(text, end)`` says whether the township named up to ``end`` is named as the
    issuer; ``national`` matches a national body (国务院, 交通运输部). ``mentions``: the text's
    ``find_mentions(text, short_names=True)`` where the caller has read them already."""
    if mentions is None:
        mentions = regions.find_mentions(text, short_names=True)
    found = [(end, region) for _, end, region in mentions if region is not None]
    issuers = {region for end, region in found if region.level == "township" and is_issuer(text, end)}
    counted = [r if r.level != "township" or r in issuers else (_parent(r) or r) for _, r in found]
    support: Counter[Region] = Counter()
    for region in counted:
        support.update(set(_lineage(region)))
    held = [r for r, n in support.items() if n >= _MINIMUM and n >= _SHARE * len(counted)]
    if not held:
        return _national(len(national.findall(text)), support, nation, text)
    deepest = max(held, key=lambda r: (_LEVELS.index(r.level), support[r]))
    return in_own_scope(deepest, set(support), text)


def _national(bodies: int, support: Counter[Region], nation: Region, text: str) -> Region | None:
    """``nation`` when national bodies are named twice or more and more often than any one
    province (十届全国人大 … 代表国务院 … 在北京, tests/real q09; 交通运输部 five times beside five
    provinces named once, q14), unless the text states a scope of its own: a region's opinion
    quoting 中共中央、国务院 (现结合我区实际, u11) is not national."""
    provinces = [n for r, n in support.items() if r.level == "province"]
    if _OWN_SCOPE.search(text):
        return None
    return nation if bodies >= _MINIMUM and bodies > max(provinces, default=0) else None


def _lineage(region: Region) -> list[Region]:
    """``region`` and the divisions above it, nearest last."""
    names = [n for n in (region.province, region.city, region.county) if n]
    found = [regions.resolve(n, " ".join(names)) for n in names]
    return [r for r in found if r is not None and r != region] + [region]


def _parent(region: Region) -> Region | None:
    above = _lineage(region)[:-1]
    return above[-1] if above else None


def stated_scope(text: str) -> str | None:
    """The lowest scope ``text`` states as its own (全县, 我县, 本街道: 县, 街道), or None; of two
    of one rank, the first stated: 陆川全县上下付出了艰苦的努力 … 2016年在全区是首批脱贫的县 is the
    county's, 全区 the autonomous region it stands in (tests/real bb13 dev). Read in text order,
    so the answer never hangs on a set's hash order."""
    scopes = [m["scope"] or m["alone"] for m in _OWN_SCOPE.finditer(text)]
    return min(scopes, key=_SCOPE_RANK.get) if scopes else None


def region_of_scope(text: str) -> Region | None:
    """The region a headline-less excerpt speaks for: the scope it states (``stated_scope``:
    不断增进全州人民福祉) and one division of that kind named twice or more (绿化凉山行动,
    “三江”凉山段: 凉山彝族自治州, tests/real k14)."""
    scope = stated_scope(text)
    if scope is None:
        return None
    named = [r for _, _, r in regions.find_mentions(text, short_names=True) if r is not None and r.name.endswith(scope)]
    return named[0] if len(set(named)) == 1 and len(named) >= 2 else None


def county_of_scope(text: str) -> Region | None:
    """The county a text speaking as one (全县, 我县, 全区) names by its short name alone, the one
    division of that kind it names so: 黑山 in a 县政府常务会议's story (tests/real aa04 dev), 龙游 in
    its report (aj12). A 全市 is a county-level city's only where it names it twice: a prefecture
    speaks as 全市 too, and names its county-level cities (榆树 in 长春市's report, ar11 dev)."""
    scope = stated_scope(text)
    if scope not in COUNTY_SCOPES and scope != "市":
        return None
    named = regions.counties_by_short_name(text, scope)
    return named[0] if len(set(named)) == 1 and len(named) >= (2 if scope == "市" else 1) else None


def in_own_scope(found: Region, named: set[Region], text: str) -> Region | None:
    """The division of the lowest scope the text states: ``found`` or the nearest above it whose
    name ends with the scope's word, else the one such division among those ``named`` inside
    ``found`` (全市民政系统 in a story naming 江西 and 九江: 九江市, tests/real b14); None when
    there is none or several."""
    scope = stated_scope(text)
    if scope is None:
        return found
    above = [r for r in reversed(_lineage(found)) if r.name.endswith(scope)]
    if above:
        return above[0]
    below = [r for r in named if r.name.endswith(scope) and found in _lineage(r)]
    return below[0] if len(below) == 1 else None
