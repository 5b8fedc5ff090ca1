"""The one gazetteer: administrative names → ``Region`` (GB/T 2260 code, level, parents).

Data: the ``china_location.txt`` dictionary shipped with jionlp (PyPI ``jionlp``). It was
chosen over cpca because it carries, for every province, city and county, the 6-digit code *and*
the short name (临沂 for 临沂市, 恩施 for 恩施土家族苗族自治州), plus the township level
(镇 / 乡 / 街道 / 苏木), which cpca lacks; cpca's own loader also needs ``pkg_resources``
(setuptools) at import time. Only the data file is read, located with ``importlib`` without
importing jionlp itself (its import pulls in much more than a word list).

Townships have no 6-digit code of their own (GB/T 2260 stops at counties): a township
``Region`` carries its county's code, with ``level="township"``.

Lookups never guess: a name shared by several divisions (朝阳区 in 北京市 and 长春市, 城关镇 in
dozens of counties) resolves only when the context names exactly one candidate's parent.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..records import Region
from .words import two_char_words

__all__ = ["by_code", "children", "find_mentions", "resolve"]

_TOWN_SUFFIXES = ("街道", "苏木", "镇", "乡")
_COUNTY_SUFFIXES = ("区", "县", "市", "旗")
# Placeholders in the data, not divisions: 省直辖行政区划 (仙桃市 sits under it), 市直辖行政区划
# (东莞市's towns), 市辖区.
_PLACEHOLDER = re.compile(r"直辖|^市辖区$")
# Division names that are also everyday nouns ("城区养老机构", "老城区改造" in seed 002): they
# resolve by name but are not reported as mentions.
_COMMON_NOUNS = frozenset({"城区", "郊区", "矿区", "新区", "东区", "西区", "老城区"})
# A suffix character that starts a word of its own is not a suffix: 建设乡镇, 新建区域, 建成县级.
_SUFFIX_STARTS_WORD = re.compile(r"区域|县域|县级|乡镇|乡村|镇村|镇街|区县|县区")
# A one-character stem that is a conjunction: 市和县两级 is not 和县.
_CONJUNCTIONS = frozenset("和与及或同")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# ASCII and full-width spaces inside a name as typed (临沂 市).
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass
class _Gazetteer:
    by_name: dict[str, list[Region]] = field(default_factory=lambda: defaultdict(list))
    by_alias: dict[str, list[Region]] = field(default_factory=lambda: defaultdict(list))
    by_code: dict[str, Region] = field(default_factory=dict)
    children: dict[Region, list[Region]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[Region, tuple[Region, ...]] = field(default_factory=dict)
    aliases: dict[Region, str] = field(default_factory=dict)
    lengths: tuple[int, ...] = ()  # name lengths, longest first, for find_mentions
    suffix_chars: re.Pattern | None = None


def _open_data() -> io.TextIOBase:
    """jionlp's ``china_location.txt``. The wheel ships it zipped; jionlp unzips it on first
    import, which duban never does, so read it from the zip when the text file is not there."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("extract/regions.py reads jionlp's gazetteer data; pip install jionlp")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    if (folder / "china_location.txt").exists():
        return (folder / "china_location.txt").open(encoding="utf-8")
    archive = zipfile.ZipFile(folder / "china_location.zip")
    return io.TextIOWrapper(archive.open("china_location.txt"), encoding="utf-8")


def _derived_names(full: str, alias: str) -> list[str]:
    """Short forms officials write: 恩施州 for 恩施土家族苗族自治州, 孟村县 for 孟村回族自治县."""
    for long, short in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if full.endswith(long) and alias and not alias.endswith(short):
            return [alias + short]
    return []


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Parse the dictionary once (about a second); villages (four tabs) are skipped."""
    gaz = _Gazetteer()
    province = city = county = None

    def add(region: Region, parents: tuple[Region, ...], alias: str = "", names: tuple[str, ...] = ()):
        gaz.parents[region] = parents
        gaz.by_name[region.name].append(region)
        for name in names:
            if region not in gaz.by_name[name]:
                gaz.by_name[name].append(region)
        if alias:
            gaz.aliases[region] = alias
        if len(alias) >= 2 and alias != region.name:
            gaz.by_alias[alias].append(region)
        if parents:
            gaz.children[parents[-1]].append(region)
        if region.level != "township":
            gaz.by_code.setdefault(region.code, region)

    with _open_data() as lines:
        for line in lines:
            depth = len(line) - len(line.lstrip("\t"))
            if depth >= 4:
                continue
            cols = line.strip().split("\t")
            name = cols[0]
            if depth == 0:
                code, alias = cols[1], cols[2]
                province = Region(name, code, "province", province=name)
                city = county = None
                add(province, (), alias)
            elif depth == 1:
                county = None
                code, aliases = cols[1], cols[2].split("/")
                if _PLACEHOLDER.search(name):
                    city = None
                elif code == province.code:  # 北京市 / 重庆市: the city is the province itself
                    city = province
                else:
                    city = Region(name, code, "city", province=province.name, city=name)
                    add(city, (province,), aliases[0], tuple(_derived_names(name, aliases[0])))
                    for extra in aliases[1:]:  # 巴州/巴音郭楞
                        gaz.by_alias[extra].append(city)
            elif depth == 2:
                if len(cols) < 3 or _PLACEHOLDER.search(name) or not name.endswith(_COUNTY_SUFFIXES):
                    county = None  # no code (台北市's districts), a placeholder, or a 开发区
                    continue
                code, alias = cols[1], cols[2]
                level = "district" if name.endswith("区") and city is not None else "county"
                county = Region(name, code, level, province=province.name,
                                city=city.name if city else None, county=name)
                parents = (province, city) if city and city is not province else (province,)
                add(county, parents, alias, tuple(_derived_names(name, alias)))
            elif name.endswith(_TOWN_SUFFIXES) and len(name) >= 3:
                # Two-character names (城镇, 乡镇 would be one) are common words, not places.
                parent = county or city
                if parent is None:
                    continue
                town = Region(name, parent.code, "township", province=province.name,
                              city=city.name if city else None, county=county.name if county else None)
                parents = tuple(p for p in (province, city, county) if p)
                add(town, tuple(dict.fromkeys(parents)))

    names = [n for n in gaz.by_name if n not in _COMMON_NOUNS]
    gaz.lengths = tuple(sorted({len(n) for n in names}, reverse=True))
    gaz.suffix_chars = re.compile("[" + "".join(sorted({n[-1] for n in names})) + "]")
    gaz.by_name = dict(gaz.by_name)
    gaz.by_alias = dict(gaz.by_alias)
    gaz.children = dict(gaz.children)
    return gaz


def _names_of(region: Region, gaz: _Gazetteer) -> list[str]:
    """Ways a context may name ``region``: its full name and a short name of 2+ characters."""
    alias = gaz.aliases.get(region, "")
    return [region.name] + ([alias] if len(alias) >= 2 and alias != region.name else [])


def _pick(candidates: list[Region], context: str, gaz: _Gazetteer) -> Region | None:
    """The one candidate, or the one whose parent the context names; else None."""
    unique = list(dict.fromkeys(candidates))
    if len(unique) == 1:
        return unique[0]
    if not context:
        return None
    named = [
        r for r in unique
        if any(n in context for p in gaz.parents.get(r, ()) for n in _names_of(p, gaz))
    ]
    if len(named) > 1:  # prefer candidates whose nearest parent is named (朝阳区 + 北京市朝阳区)
        nearest = [r for r in named if any(n in context for n in _names_of(gaz.parents[r][-1], gaz))]
        named = nearest or named
    return named[0] if len(named) == 1 else None


def resolve(name: str, context: str = "") -> Region | None:
    """The division ``name`` stands for: full (临沂市, 费县, 宝塔区) or short (临沂, 山东).

    A name shared by several divisions resolves only when ``context`` names the parent of
    exactly one of them (朝阳区 with 北京 in the context); otherwise None.
    """
    gaz = _gazetteer()
    name = _SPACES.sub("", name or "")
    candidates = gaz.by_name.get(name) or gaz.by_alias.get(name)
    return _pick(candidates, context, gaz) if candidates else None


def find_mentions(text: str) -> list[tuple[int, int, Region | None]]:
    """Every administrative name in ``text``: (start, end, region or None when ambiguous).

    Names are matched in full, with their suffix (临沂市, 费县, 宝塔区, 大良街道, 恩施州);
    bare short names (临沂) are left to ``resolve``, since many are also words (长治久安,
    安康). Each occurrence of a suffix character anchors a look-back for the longest name
    ending there that does not overlap the previous match, so 长沙市区 gives 长沙市, not
    沙市区. Ambiguous names are resolved against the names written right before them
    (北京市朝阳区), else against the whole text.
    """
    gaz = _gazetteer()
    found: list[tuple[int, int, Region | None]] = []
    last_end = 0
    for m in gaz.suffix_chars.finditer(text):
        end = m.end()
        for length in gaz.lengths:
            start = end - length
            if start < last_end:
                continue
            name = text[start:end]
            candidates = gaz.by_name.get(name)
            if not candidates:
                continue
            after_name = bool(found) and found[-1][1] == start  # 沧州市运河区: a name follows its parent
            if _is_mention(text, start, end, candidates, after_name):
                found.append((start, end, _pick(candidates, _context(found, start) or text, gaz)))
                last_end = end
                break
    return found


def _context(found: list[tuple[int, int, Region | None]], start: int) -> str:
    """The parent names written right before a name (北京市 in 北京市朝阳区), if any."""
    i = len(found)
    while i and found[i - 1][1] == (found[i][0] if i < len(found) else start):
        i -= 1
    return " ".join(r.name for _, _, r in found[i:] if r is not None)


def _is_mention(text: str, start: int, end: int, candidates: list[Region], after_name: bool) -> bool:
    """Whether the name at ``start:end`` is a place and not the tail of other words."""
    name = text[start:end]
    if name in _COMMON_NOUNS or _SUFFIX_STARTS_WORD.match(text, end - 1):
        return False
    if after_name or all(r.level in ("province", "city") for r in candidates):
        return True  # long, distinctive names: 临沂市, 六盘水市
    stem = len(name) - (2 if name.endswith(("街道", "苏木")) else 1)
    before = text[start - 1] if start else ""
    if stem == 1 and name[0] in _CONJUNCTIONS and _HAN.match(before):
        return False
    return stem > 2 or not before or before + name[0] not in two_char_words()


def children(region: Region) -> list[Region]:
    """Divisions directly under ``region``: 临沂市 → its districts and counties; a county → towns."""
    gaz = _gazetteer()
    key = gaz.by_code.get(region.code) if region.level != "township" else region
    return list(gaz.children.get(key, [])) if key else []


def by_code(code: str) -> Region | None:
    """The province, city or county with this 6-digit code (371325 → 费县)."""
    return _gazetteer().by_code.get(str(code).strip())


def short_name(region: Region) -> str:
    """The short name officials write (临沂 for 临沂市), or the full name when it has none."""
    return _gazetteer().aliases.get(region, "") or region.name


def divisions():
    """(region, short name, short names of its parents) for every province, city and county."""
    gaz = _gazetteer()
    for region in gaz.by_code.values():
        parents = tuple(short_name(p) for p in gaz.parents.get(region, ()))
        yield region, short_name(region), parents
