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
dozens of counties) resolves only when the context names exactly one candidate's parent. The one
preference: a short name written without its suffix in running text (西安) reads as the city
when exactly one of its divisions is a city or province (``find_mentions``). Renamed divisions
(襄樊 → 襄阳) come from jionlp's ``china_location_change.txt``.
"""

from __future__ import annotations

import gc
import importlib.util
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..records import Region
from .words import opens_word, segmented_alone, surnames, tags_of, two_char_words

__all__ = ["by_code", "children", "counties_by_short_name", "find_mentions", "find_zones", "named", "names_place",
           "resolve", "resolve_short", "township_at"]

_TOWN_SUFFIXES = ("街道", "苏木", "镇", "乡")
_COUNTY_SUFFIXES = ("区", "县", "市", "旗")
# Placeholders in the data, not divisions: 省直辖行政区划 (仙桃市 sits under it), 市直辖行政区划
# (东莞市's towns), 市辖区.
_PLACEHOLDER = re.compile(r"直辖|^市辖区$")
# Division names that are also everyday nouns ("城区养老机构", "老城区改造" in seed 002; 荆溪小城镇建设,
# tests/real z03, beside 舒兰市's 小城镇): they resolve by name but are not reported as mentions, nor
# taken as a short name (新区 of 镇江新区 in 江北新区管委会, z08).
_COMMON_NOUNS = frozenset({"城区", "郊区", "矿区", "新区", "东区", "西区", "老城区", "小城镇"})
# A suffix character that starts a word of its own is not a suffix: 建设乡镇, 新建区域, 建成县级.
_SUFFIX_STARTS_WORD = re.compile(r"区域|县域|县级|乡镇|乡村|镇村|镇街|区县|县区")
# A one-character stem that is a conjunction: 市和县两级 is not 和县.
_CONJUNCTIONS = frozenset("和与及或同")
# An official's title after a one-character stem: 县委副书记、代县长王华 is the acting head, not 代县
# (tests/real aa04, aa14).
_HEAD_TITLE = frozenset({"县长", "区长", "市长"})
_HAN = re.compile(r"[\u4e00-\u9fff]")
# ASCII and full-width spaces inside a name as typed (临沂 市).
_SPACES = re.compile(r"[\s\u3000]+")
_NICKNAMES = Path(__file__).with_name("data") / "nicknames.tsv"
# The generic ends of functional zones named after a division (平潭综合实验区, 綦江高新区, 苏州工业园区):
# GB/T 2260 has no such divisions, so the data's 开发区 lines are skipped (``_parse_gazetteer``), and
# the generic end alone names no place (``find_zones``). Longest first.
_ZONE_SUFFIX = re.compile(
    "高新技术产业开发区|经济技术开发区|自由贸易试验区|综合实验区|综合试验区|经济开发区|旅游度假区|工业园区"
    "|综合保税区|实验区|试验区|开发区|高新区|经开区|示范区|保税区|自贸区|度假区|合作区|管理区|新区"
)
_ZONE_STEM = (2, 8)  # the lengths of a division's name or short name before a zone's generic end
# How far around a place's name ``names_place`` looks for a longer name containing it (names are
# at most 15 characters; a short name and its suffix or its parent's name fit in 20 either side).
_AROUND = 20


@dataclass
class _Gazetteer:
    by_name: dict[str, list[Region]] = field(default_factory=lambda: defaultdict(list))
    by_alias: dict[str, list[Region]] = field(default_factory=lambda: defaultdict(list))
    by_code: dict[str, Region] = field(default_factory=dict)
    children: dict[Region, list[Region]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[Region, tuple[Region, ...]] = field(default_factory=dict)
    aliases: dict[Region, str] = field(default_factory=dict)
    lengths: tuple[int, ...] = ()  # name lengths, longest first, for find_mentions
    # The last two characters of a name → the ``lengths`` of the names ending so, longest first:
    # find_mentions slices only those at a suffix character (the names are 2 to 15 long).
    tail_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    suffix_chars: re.Pattern | None = None
    bare: dict[str, list[Region]] = field(default_factory=dict)  # short names that are no full name
    bare_lengths: tuple[int, ...] = ()
    bare_heads: frozenset[str] = frozenset()  # their first two characters
    bare_starts: re.Pattern | None = None  # a fast superset of where those two characters stand


def _open_data(filename: str = "china_location.txt") -> io.TextIOBase:
    """A data file of jionlp's ``dictionary/``. The wheel ships ``china_location`` zipped;
    jionlp unzips it on first import, which duban never does, so read it from the zip when
    the text file is not there."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("lexicon/regions.py reads jionlp's gazetteer data; pip install jionlp")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    if (folder / filename).exists():
        return (folder / filename).open(encoding="utf-8")
    archive = zipfile.ZipFile(folder / filename.replace(".txt", ".zip"))
    return io.TextIOWrapper(archive.open(filename), encoding="utf-8")


def _derived_names(full: str, alias: str) -> list[str]:
    """Short forms officials write: 恩施州 for 恩施土家族苗族自治州, 孟村县 for 孟村回族自治县."""
    for long, short in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if full.endswith(long) and alias and not alias.endswith(short):
            return [alias + short]
    return []


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer, parsed once per process with the garbage collector paused: the parse
    makes 43,000 regions with their name lists and parent tuples, all of which live on, so the
    collections it triggered found nothing to free and took 40% of its time (3.5 s against
    2.1 s on a busy machine)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_gazetteer()
    finally:
        if paused:
            gc.enable()


def _parse_gazetteer() -> _Gazetteer:
    """Parse the dictionary (about a second); villages (four tabs) are skipped."""
    gaz = _Gazetteer()
    province = city = county = None
    later = _renamed_in_place()

    def add(region: Region, parents: tuple[Region, ...], alias: str = "", names: tuple[str, ...] = ()):
        gaz.parents[region] = parents
        gaz.by_name[region.name].append(region)
        for name in names:
            if region not in gaz.by_name[name]:
                gaz.by_name[name].append(region)
        if alias:
            gaz.aliases[region] = alias
        if len(alias) >= 2 and alias != region.name and alias not in _COMMON_NOUNS:
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
                name = later.get((province.name, city.name if city else "", name), name)
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

    _add_renamed(gaz)
    _add_nicknames(gaz)
    names = [n for n in gaz.by_name if n not in _COMMON_NOUNS]
    gaz.lengths = tuple(sorted({len(n) for n in names}, reverse=True))
    gaz.suffix_chars = re.compile("[" + "".join(sorted({n[-1] for n in names})) + "]")
    gaz.by_name = dict(gaz.by_name)
    tails: dict[str, set[int]] = defaultdict(set)
    for n, regions_named in gaz.by_name.items():
        if regions_named and len(n) in gaz.lengths:
            tails[n[-2:]].add(len(n))
    gaz.tail_lengths = {t: tuple(sorted(ls, reverse=True)) for t, ls in tails.items()}
    gaz.by_alias = dict(gaz.by_alias)
    gaz.children = dict(gaz.children)
    gaz.bare = {a: rs for a, rs in gaz.by_alias.items() if a not in gaz.by_name}
    gaz.bare_lengths = tuple(sorted({len(a) for a in gaz.bare}, reverse=True))
    gaz.bare_heads = frozenset(a[:2] for a in gaz.bare)
    firsts, seconds = ("".join(sorted({h[k] for h in gaz.bare_heads})) for k in (0, 1))
    gaz.bare_starts = re.compile(f"(?=([{firsts}][{seconds}]))")
    return gaz


def _renamed_in_place() -> dict[tuple[str, str, str], str]:
    """(province, city, county) → the county's later name under the same city, from jionlp's
    ``china_location_change.txt``: its ``china_location.txt`` still lists some by the old one
    (湟中县, 湟中区 since 2019: a 2024 story of 湟中区 found no division, tests/real ba01 dev;
    无为县, now 无为市). ``_add_renamed`` then lets the old name stand for the division."""
    later = {}
    with _open_data("china_location_change.txt") as lines:
        for line in lines:
            if "=>" not in line:
                continue
            old, new = (part.strip().split("\t") for part in line.split("=>"))
            if len(old) >= 8 and len(new) == 3 and (old[2], old[4]) == (new[0], new[1]) and old[6] != new[2]:
                later[(old[2], old[4], old[6])] = new[2]
    return later


def _add_renamed(gaz: _Gazetteer) -> None:
    """Names of divisions since renamed or moved, from jionlp's ``china_location_change.txt``
    (襄樊市 → 襄阳市 in 2010, 新津县 → 新津区 in 2020): each old name, and its short form,
    stands for the division it became. An old name that became several (柳州地区, split in
    2002) or that is still some division's name (城区) is left out."""
    targets: dict[str, set[Region]] = defaultdict(set)
    with _open_data("china_location_change.txt") as lines:
        for line in lines:
            if "=>" not in line:
                continue
            old, new = (part.strip().split("\t") for part in line.split("=>"))
            target = _walk(gaz, new)
            names = old[2:]  # province, its alias, city, its alias[, county, its alias]
            if target is None or len(names) < 4:
                continue
            full, short = (names[4], names[5]) if len(names) >= 6 else (names[2], names[3])
            targets[full].add(target)
            if len(short) >= 2:
                targets["\0" + short].add(target)
    for key, regions in targets.items():
        name = key.lstrip("\0")
        if len(regions) != 1 or name in gaz.by_name or name in gaz.by_alias or name in _COMMON_NOUNS:
            continue
        (gaz.by_alias if key.startswith("\0") else gaz.by_name)[name] = list(regions)


def _add_nicknames(gaz: _Gazetteer) -> None:
    """The press's names for divisions (皖西 for 六安市), from ``lexicon/data/nicknames.tsv``."""
    for line in _NICKNAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, path = line.split("\t")[:2]
        target = _walk(gaz, path.split())
        if target is None:
            raise ValueError(f"{_NICKNAMES}: {path!r} (for {name}) is no division of the gazetteer")
        gaz.by_alias.setdefault(name, []).append(target)


def _walk(gaz: _Gazetteer, path: list[str]) -> Region | None:
    """The division at the end of a path of names (湖北省, 襄阳市[, 保康县])."""
    found = next((r for r in gaz.by_name.get(path[0], []) if r.level == "province"), None)
    for name in path[1:]:
        if found is None:
            return None
        if name == found.name:  # 北京市 北京市: the city is the province
            continue
        found = next((r for r in gaz.children.get(found, []) if r.name == name), None)
    return found


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
    candidates = named(name)
    return _pick(candidates, context, _gazetteer()) if candidates else None


def named(name: str) -> list[Region]:
    """Every division the gazetteer calls ``name`` (full or short), ambiguous or not: 朝阳区 is two."""
    gaz = _gazetteer()
    name = _SPACES.sub("", name or "")
    return list(dict.fromkeys(gaz.by_name.get(name) or gaz.by_alias.get(name) or ()))


def resolve_short(name: str, context: str = "") -> Region | None:
    """A short name written alone (a headline's 安阳, a site's 安阳新闻网): the one province or
    city it names, as in running text (``_pick_bare``: 安阳 is 安阳市, not its 安阳县, even where
    the context names 安阳); else as ``resolve``."""
    gaz = _gazetteer()
    candidates = list(dict.fromkeys(gaz.by_alias.get(name, [])))
    top = [r for r in candidates if r.level in ("province", "city")]
    if len(top) == 1 and name not in gaz.by_name:
        return top[0]
    return resolve(name, context)


def find_mentions(text: str, short_names: bool = False) -> list[tuple[int, int, Region | None]]:
    """Every administrative name in ``text``: (start, end, region or None when ambiguous).

    Names are matched in full, with their suffix (临沂市, 费县, 宝塔区, 大良街道, 恩施州).
    Each occurrence of a suffix character anchors a look-back for the longest name ending
    there that does not overlap the previous match, so 长沙市区 gives 长沙市, not 沙市区.
    Ambiguous names are resolved against the names written right before them (北京市朝阳区),
    else against the whole text. With ``short_names``, names written without their suffix
    are found too (``_bare_mentions``): the mentions of a document's text use them; the
    issuing-region rules of ingest/metadata.py weigh their own short names and do not.
    """
    gaz = _gazetteer()
    found: list[tuple[int, int, Region | None]] = []
    last_end = 0
    for m in gaz.suffix_chars.finditer(text):
        end = m.end()
        for length in gaz.tail_lengths.get(text[max(end - 2, 0):end], ()):
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
    return _bare_mentions(text, found, gaz) if short_names else found


def find_zones(text: str) -> list[tuple[int, int, Region]]:
    """Functional zones named after one division: (start, end, that division). 平潭综合实验区 is
    平潭县's zone and 綦江高新区 綦江区's (tests/real questions): the name before the generic end
    (``_ZONE_SUFFIX``) is a full or short name that resolves (``resolve_short``, against ``text``),
    the longest such. A short name two divisions share (江北 of 南京's 江北新区 is 重庆's and
    宁波's 江北区) resolves to neither, so its zone names none."""
    found = []
    for m in _ZONE_SUFFIX.finditer(text):
        for length in range(min(_ZONE_STEM[1], m.start()), _ZONE_STEM[0] - 1, -1):
            stem = text[m.start() - length: m.start()]
            region = resolve_short(stem, text) if stem not in _COMMON_NOUNS else None
            if region is not None:
                found.append((m.start() - length, m.end(), region))
                break
    return found


def names_place(text: str, place: Region) -> bool:
    """Whether ``text`` names ``place`` by a whole name: its full or short name (_names_of) written
    as a mention that resolves to it or to a division inside it (昆山市, 临沂市兰山区 for 临沂市), or,
    where no mention covers it, opening a word of jieba's (推进昆山、太仓协同发展; ``words.opens_word``)
    or heading an institution's name (``segmented_alone``): the place asked about is the context
    that resolves a county's short name. A longer name containing it never does: 环南昆山
    (tests/real bc09, a mountain by 广州) does not name 昆山市, nor 小昆山镇."""
    gaz = _gazetteer()
    for form in _names_of(place, gaz):
        start = text.find(form)
        while start >= 0:
            if _names_at(text, start, start + len(form), place):
                return True
            start = text.find(form, start + 1)
    return False


def _names_at(text: str, start: int, end: int, place: Region) -> bool:
    """Whether the name of ``place`` at ``start:end`` of ``text`` stands for it (``names_place``)."""
    lo = max(0, start - _AROUND)
    window = text[lo: end + _AROUND]
    over = [(s + lo, e + lo, r) for s, e, r in find_mentions(window, short_names=True)
            if s + lo < end and start < e + lo]
    if not over:
        return opens_word(text, start, end) or segmented_alone(text, start, end)
    return any(_inside(r, place) if r is not None else (s, e) == (start, end) for s, e, r in over)


def _inside(region: Region, place: Region) -> bool:
    """Whether ``region`` is ``place`` or a division inside it, by code (a township carries its
    county's code, so only a township asked about must be the very one)."""
    if region == place or place.level == "township":
        return region == place
    digits = {"province": 2, "city": 4}.get(place.level, 6)
    return region.code[:digits] == place.code[:digits]


def _bare_mentions(
    text: str, found: list[tuple[int, int, Region | None]], gaz: _Gazetteer
) -> list[tuple[int, int, Region | None]]:
    """``found`` with the short names written without a suffix (青海西宁, 临沂市兰山, 西安电子科技大学).

    Many short names are also words (长治久安, 安康, 东方), so one counts only when it follows
    its parent (临沂市兰山), or when jieba cuts it out as a word and its dictionary does not
    know it as another kind of word; and only when it resolves: the one candidate, the one whose parent is named
    within ``_NEAR`` characters, else the one province or city among them (西安 is 西安市, not
    辽源's 西安区; 湘潭 the city, not the county). A county's short name alone (平原, 新建, 古城
    are words too) needs its parent named nearby.
    """
    found = sorted(found)
    taken = {i for s, e, _ in found for i in range(s, e)}
    ends = {e: r for _, e, r in found if r is not None}
    added = []
    resume = 0
    for m in gaz.bare_starts.finditer(text):  # where two characters could open a short name
        i = m.start()
        if i < resume or m.group(1) not in gaz.bare_heads:
            continue
        for length in gaz.bare_lengths:
            alias = text[i: i + length]
            candidates = gaz.bare.get(alias)
            if not candidates or len(alias) < length or taken.intersection(range(i, i + length)):
                continue
            region = _pick_bare(text, i, i + length, candidates, ends.get(i), gaz)
            if region is not None:
                added.append((i, i + length, region))
                ends[i + length] = region
                resume = i + length
                break
    return sorted(found + added)


def _pick_bare(
    text: str, start: int, end: int, candidates: list[Region], before: Region | None, gaz: _Gazetteer
) -> Region | None:
    """The region a short name stands for here, or None when it is no place or stays ambiguous."""
    unique = list(dict.fromkeys(candidates))
    if before is not None:  # 临沂市兰山, 青海西宁: a child of the name just before it
        children = [r for r in unique if before in gaz.parents.get(r, ())]
        if len(children) == 1:
            return children[0]
    tag = _bare_tags().get(text[start:end], "ns")
    if tag != "ns" or not segmented_alone(text, start, end):
        return None  # jieba knows it as another word (长治 n, 安康 nr), or it is part of one
    top = [r for r in unique if r.level in ("province", "city")]
    levels = [_LEVELS.index(r.level) for r in top]
    top = [r for r, lv in zip(top, levels) if lv == min(levels)]
    if len(top) == 1:  # 长沙 is 长沙市 even where 长沙县 is named
        return top[0]
    # A county's short name is often a word (平原, 新建, 古城): it needs its parent named nearby.
    near = text[max(0, start - _NEAR): end + _NEAR]
    named = [r for r in unique if any(n in near for p in gaz.parents.get(r, ()) for n in _names_of(p, gaz))]
    return named[0] if len(named) == 1 else None


# jieba's tags of words that a county's short name also is, and then no place: 富裕 a (富裕县), 平和
# a, 振兴 v, 合作 vn, 南部 f, 市北 s.
_WORD_TAGS = frozenset({"a", "ad", "an", "d", "f", "s", "v", "vd", "vn"})


def counties_by_short_name(text: str, suffix: str) -> list[Region]:
    """The counties and districts whose name ends with ``suffix`` (县, 区, 旗, 市) that ``text``
    writes by their short name alone, once per occurrence, without the parent nearby that
    ``find_mentions`` asks of one: 黑山 for 黑山县 (决定黑山未来发展空间, tests/real aa04 dev), 龙游
    (龙游加快建设区域明珠城市, aj12). A short name jieba cuts into other words (友邻水库 holds no
    邻水), knows as an adjective or a verb (富裕, 振兴), that several such divisions share, or that
    follows a surname anywhere (局长邓扬中, u05: a person's name throughout) is none."""
    gaz = _gazetteer()
    tags = _bare_tags()
    found = []
    for alias, candidates in gaz.bare.items():
        kind = {r for r in candidates if r.level in ("county", "district") and r.name.endswith(suffix)}
        if len(kind) != 1 or tags.get(alias) in _WORD_TAGS or alias not in text:
            continue
        starts = [m.start() for m in re.finditer(re.escape(alias), text)]
        if any(start and text[start - 1] in surnames() for start in starts):
            continue
        found += [next(iter(kind)) for start in starts if segmented_alone(text, start, start + len(alias))]
    return found


@lru_cache(maxsize=1)
def _bare_tags() -> dict[str, str]:
    """jieba's tags of the short names (once: a set of them built and hashed per name found was
    a millisecond each)."""
    return tags_of(frozenset(_gazetteer().bare))


_LEVELS = ("province", "city", "county", "district", "township")
_NEAR = 300


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
    if stem == 1 and (name[0] in _CONJUNCTIONS and _HAN.match(before) or text[end - 1:end + 1] in _HEAD_TITLE):
        return False
    return stem > 2 or not before or before + name[0] not in two_char_words()


def children(region: Region) -> list[Region]:
    """Divisions directly under ``region``: 临沂市 → its districts and counties; a county → towns."""
    gaz = _gazetteer()
    key = gaz.by_code.get(region.code) if region.level != "township" else region
    return list(gaz.children.get(key, [])) if key else []


def township_at(parent: Region, text: str, start: int) -> tuple[Region, int] | None:
    """The township under ``parent`` that ``text`` names at ``start``, and where the name ends:
    by its full name (老城街道, 沙湖镇) or by a short form of a 街道 (汉兴街 for 汉兴街街道;
    老城办事处, 老城办 for 老城街道: ``_town_forms``). The longest form wins; None when none."""
    forms = _town_forms(parent)
    for length in sorted({len(f) for f in forms}, reverse=True):
        town = forms.get(text[start:start + length])
        if town is not None:
            return town, start + length
    return None


@lru_cache(maxsize=256)
def _town_forms(parent: Region) -> dict[str, Region]:
    """Every way a page writes a township of ``parent``: its name, and for a 街道 its office
    (老城街道办事处 → 老城办事处, 老城办) or a stem that is itself a street's name (汉兴街街道 →
    汉兴街, the 江汉区 page of tests/real c21). A form two townships share is left out."""
    forms: dict[str, list[Region]] = defaultdict(list)
    for town in children(parent):
        if town.level != "township":
            continue
        forms[town.name].append(town)
        stem = town.name.removesuffix("街道")
        if stem != town.name and len(stem) >= 2:
            for form in (stem + "办事处", stem + "办", *([stem] if stem.endswith("街") and len(stem) >= 3 else [])):
                forms[form].append(town)
    return {form: towns[0] for form, towns in forms.items() if len(towns) == 1}


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
