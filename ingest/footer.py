"""Who owns the site a page is on, as its footer says: the office named as 主办 or 版权所有, and
the 网站标识码 (the government site identifier: the 6-digit division code of the owner's region
and a 4-digit number, or ``bm`` and a number for a 国务院 department's site).

Cleaning drops footer lines as chrome (ingest/data/chrome_lines.txt), so they are read from the
raw text. x01's footer (tests/real) reads 重庆市綦江区人民政府版权所有 重庆市綦江区人民政府办公室主办
/ 网站标识码: 5001100002: the page is on 綦江区's site.
"""

from __future__ import annotations

import re

__all__ = ["owner_names", "site_code"]

# A whole run of Chinese characters: 办理…由民政部主办或会办 in a sentence is no footer (a17).
_NAME = r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{4,30}?"
# 主办单位:綦江区人民政府办公室, 主办:…; …人民政府主办, …人民政府版权所有; 版权所有:…,
# 版权所有 ©…, Copyright © 2020 …人民政府.
_OWNER = re.compile(rf"(?:主办(?:单位)?|版权所有|Copyright)\s*[:：]?\s*(?:(?:©|\(c\))\s*)?(?:\d{{4}}(?:\s*[-—]\s*\d{{4}})?\s*)?"
                    rf"(?P<after>{_NAME})(?![\u4e00-\u9fff])"
                    rf"|(?P<before>{_NAME})\s*(?:主办|版权所有)", re.I)
_FOOTER_LINE = 100  # a footer line is short and no sentence: 主办 inside one is the text's
# 网站标识码: 5001100002 (a region's site), 网站标识码：bm09000001 (a ministry's).
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<code>\d{10}|bm\d{8})(?![0-9A-Za-z])", re.I)


def owner_names(raw: str) -> list[str]:
    """The offices a footer names as the site's 主办 or 版权所有 owner, in order."""
    lines = (line for line in raw.splitlines() if len(line) <= _FOOTER_LINE and "。" not in line)
    return [m["after"] or m["before"] for line in lines for m in _OWNER.finditer(line)]


def site_code(raw: str) -> str | None:
    """The 网站标识码 a page's footer gives (lower case), or None."""
    m = _SITE_CODE.search(raw)
    return m["code"].lower() if m else None
