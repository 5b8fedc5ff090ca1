"""The region a web address names: ``anji.gov.cn`` → 安吉县, ``zjcs.gov.cn`` → 常山县 (浙江).

Government sites are named after their region in pinyin: the short name spelled out (anji,
haiyan), its initials (smx for 三门峡), or the initials of the parent and the region together
(hzxh: 杭州 + 西湖, zjcs: 浙江 + 常山, the province's or the city's), or the parent's initials and
the name in full (hnchangning: 湖南 + 常宁, tests/real ad06); newspapers after its initials
and rb/wb (``_PAPER``). Each label of the host is compared with those spellings
of every province, city and county in the gazetteer (pypinyin). Initials are ambiguous, so a
candidate is kept only when it is the only one, or the only one the document's text names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..lexicon import regions
from ..records import Region
from .mentioned import stated_scope

__all__ = ["regions_for_url", "spellings", "township_for_url"]

# Labels that never name a region.
_GENERIC = frozenset({"www", "gov", "cn", "com", "net", "org", "m", "wap", "big5", "gate", "news",
                      "info", "edu", "cdn", "mzj", "mzt", "fgw", "zwgk", "xxgk", "web", "en"})

# A newspaper's host: the initials of its province's or city's short name, then rb (日报), wb
# (晚报) or daily: epaper.sxrb.com is 山西日报's (tests/real k10), njdaily.cn 南京日报's (z08). Two
# letters spell many places, so one counts only when the document names it, or when it is the
# one that ends with the scope the text speaks for and lies in a province the text names
# (``_paper_of_scope``).
_PAPER = re.compile(r"(?P<initials>[a-z]{2,4})(?:rb|wb|daily)")

# A region's office spelled after the region's letters in one label: zx 政协, rd 人大, zf 政府.
_OFFICE_LABEL = re.compile(r"(?P<region>[a-z]{4,})(?:zx|rd|zf|rmzf|mzj|fgw|wjw)")
# A division's name spelled with its word: xiangchengxian is 襄城县 (河南), not 襄城区 (湖北)
# (tests/real at13).
_WORD_LABEL = re.compile(r"(?P<region>[a-z]{4,}?)(?P<word>xian|shi|qu)")
_WORDS = {"xian": "县", "shi": "市", "qu": "区"}


def spellings(name: str) -> tuple[str, str]:
    """A name in pinyin, in full and by its initials: 慈溪 → (cixi, cx)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name)), "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Region]]:
    """Every spelling of every province, city and county → the regions it spells."""
    index: dict[str, list[Region]] = {}
    for region, short, parents in regions.divisions():
        full, initials = spellings(short)
        keys = {full}
        if len(initials) >= 3:
            keys.add(initials)
        keys.update(spellings(parent)[1] + spelled for parent in parents for spelled in (initials, full))
        for key in keys:
            index.setdefault(key, []).append(region)
    return index


def regions_for_url(url: str | None, text: str = "") -> list[Region]:
    """The regions the host of ``url`` may name, narrowed to those ``text`` names if any do."""
    host = urlsplit(url or "").hostname or ""
    labels = [label for label in host.split(".") if label and label not in _GENERIC
              and label.isalpha()]
    found = list(dict.fromkeys(r for label in labels for r in _label_regions(label)))
    papers = [r for label in labels if (m := _PAPER.fullmatch(label)) for r in _papers().get(m["initials"], [])]
    named = [r for r in dict.fromkeys(found + papers) if r.name in text or regions.short_name(r) in text]
    return named or _of_own_kind(found, text) or (_paper_of_scope(papers, text) if papers else [])


# An office the text writes relative to its own division: 县委副书记、县长王丽媛 … 县政府党组.
_OWN_OFFICE = re.compile(r"(?<![\u4e00-\u9fff])(?P<word>县|区|市)(?:委|长|政府)")


def _of_own_kind(found: list[Region], text: str) -> list[Region]:
    """Of several regions a host spells, the one of the kind the text speaks as, by the scope it
    states or the first office it writes relative to its division (zhushan.cn: 珠山区 or 竹山县;
    县委副书记、县长王丽媛主持召开县政府党组…会议 is 竹山县's, tests/real be01 dev); else all."""
    if len(found) < 2:
        return found
    m = _OWN_OFFICE.search(text)
    scope = stated_scope(text) or (m["word"] if m else None)
    fitting = [r for r in found if scope and r.name.endswith(scope)]
    return fitting if len(fitting) == 1 else found


def _paper_of_scope(papers: list[Region], text: str) -> list[Region]:
    """The one paper whose region the text speaks as (我区 … 自治区第十三次党代会 on nxrb.cn: 宁夏,
    tests/real u11; 我市 … 江苏省燃气安全专项整治 on njdaily.cn: 南京市 of 南京, 内江, 怒江, z08)."""
    scope = stated_scope(text)
    fitting = [r for r in dict.fromkeys(papers) if scope and r.name.endswith(scope)
               and (r.level == "province" or bool(r.province and r.province in text))]
    return fitting if len(fitting) == 1 else []


def _label_regions(label: str) -> list[Region]:
    """The regions one label spells: itself, or without the office it ends in (cqybzx is 重庆 +
    渝北 + 政协, tests/real n04), or without its division's word, those of that word only."""
    if label in _index():
        return _index()[label]
    m = _OFFICE_LABEL.fullmatch(label)
    if m and m["region"] in _index():
        return _index()[m["region"]]
    m = _WORD_LABEL.fullmatch(label)
    if m:
        return [r for r in _index().get(m["region"], []) if r.name.endswith(_WORDS[m["word"]])]
    return []


@lru_cache(maxsize=1)
def _papers() -> dict[str, list[Region]]:
    """The initials of every province's and city's short name → those divisions."""
    index: dict[str, list[Region]] = {}
    for region, short, _ in regions.divisions():
        if region.level in ("province", "city"):
            index.setdefault(spellings(short)[1], []).append(region)
    return index


def township_for_url(url: str | None, county: Region, text: str) -> Region | None:
    """The township of ``county`` whose section of the county's site the page sits in, by the
    initials of its name in the path (芒市's dhms.gov.cn/stsx/…: 三台山乡, tests/real f04;
    …/shz/…: 沙湖镇), and only when ``text`` names it too: two letters spell many names."""
    segments = [s.lower() for s in urlsplit(url or "").path.split("/") if s.isalpha()]
    if not segments:
        return None
    found = {town for segment in segments for town in _township_spellings(county).get(segment, [])}
    named = [town for town in found if town.name in text or _names_stem(town, county, text)]
    return named[0] if len(named) == 1 else None


def _names_stem(town: Region, county: Region, text: str) -> bool:
    """Whether ``text`` names ``town`` by its stem; a county's seat named after the county
    (张家川镇 of 张家川回族自治县) is not named so: 张家川 is the county (…/news/zjc/, tests/real t01)."""
    stem = _SUFFIX.sub("", town.name)
    return stem in text and not county.name.startswith(stem)


@lru_cache(maxsize=64)
def _township_spellings(county: Region) -> dict[str, list[Region]]:
    """Initials a site writes a township of ``county`` by: of its name (shz 沙湖镇, zsjd 珠山街道),
    of its stem (xq 西区街道), of its stem and suffix, the stem without its people's name too
    (stsx 三台山德昂族乡), and with its government (jxzrmzf 建新镇人民政府)."""
    index: dict[str, list[Region]] = {}
    for town in regions.children(county):
        if town.level != "township":
            continue
        tail = spellings(_SUFFIX.search(town.name).group())[1]
        keys = {spellings(town.name)[1]}
        for stem in _stems(_SUFFIX.sub("", town.name)):
            initials = spellings(stem)[1]
            keys.update((initials, initials + tail, initials + tail + "rmzf", initials + tail + "zf"))
        for key in keys:
            index.setdefault(key, []).append(town)
    return index


def _stems(name: str) -> list[str]:
    """A township's name without its suffix and, when it ends in a people's name, each cut of
    it (三台山德昂族 → 三台山德昂族, 三台, 三台山, 三台山德, 三台山德昂): the gazetteer does not
    say where the people's name starts; the text must name the township anyway."""
    if not name.endswith("族"):
        return [name]
    return [name] + [name[:i] for i in range(2, len(name) - 1)]


_SUFFIX = re.compile(r"(?:街道|苏木|镇|乡)$")
