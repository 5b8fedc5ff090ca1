"""duban's figures, times and places on a peer's test cases, beside the peer itself.

    python bench/peer.py CASES.json

The cases are JioNLP's public parser tests (github.com/dongrixinyu/JioNLP, ``test/``:
test_money_parser.py, test_time_parser.py, test_location_parser.py). They are not shipped with
duban: transcribe them into one JSON file of the form

    {"money":    [{"text": "1万元--5万元", "num": ["10000.00", "50000.00"], "case": "元"}, ...],
     "time":     [{"text": "19年底", "base": "2021-06-14", "start": "2019-11-01", "end": "2019-12-31"}, ...],
     "location": [{"text": "青海西宁", "province": "青海省", "city": "西宁市", "county": null}, ...]}

(``num`` is one number or [low, high]; ``base`` is the time base as a date; ``start``/``end``
are dates or ``-inf``/``inf``). What is scored:

- money: the first figure ``find_figures`` reads in the text. Value right: equal to the number
  or to the upper end of a range (the records contract: ``value`` is the upper bound). Unit right:
  equal to the peer's currency (元, 美元, 港元 ...). Range: both ``low`` and ``high`` right.
- time: ``resolve_whole(text, base)`` on the cases with two finite ends (comparable). Coverage:
  a period is returned (for the phrase read whole). Both ends: the first and last day equal the peer's. Disjoint: the period
  returned does not even overlap the peer's.
- location: the most specific mention ``find_mentions`` finds, compared at province, city and
  county level (an unresolved 区/县 mention counts as that county with unknown parents).

When jionlp is installed, its own parsers run on the same cases and their scores are printed
alongside, as the baseline (the suite is the peer's own, so its score is the ceiling to aim at).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
from datetime import date
from pathlib import Path

from duban.extract.figures import find_figures
from duban.lexicon.regions import find_mentions
from duban.extract.timex import resolve_whole

_DEPTH = {"province": 0, "city": 1, "district": 2, "county": 2, "township": 3}


def _close(a: float | None, b: str) -> bool:
    return a is not None and math.isclose(a, float(b), rel_tol=1e-6, abs_tol=0.006)


def duban_money(text: str) -> tuple[float | None, float | None, float | None, str | None]:
    """(value, low, high, unit) of the first figure in ``text``."""
    figures = find_figures(text)
    if not figures:
        return None, None, None, None
    f = figures[0]
    return f.value, f.low, f.high, f.unit


def score_money(cases: list[dict], parse) -> dict:
    value = unit = ranges = both = 0
    for case in cases:
        v, low, high, u = parse(case["text"])
        num = case["num"]
        upper = num[1] if isinstance(num, list) else num
        value += _close(v, upper)
        unit += u == case["case"]
        if isinstance(num, list):
            ranges += 1
            both += _close(low, num[0]) and _close(high if high is not None else v, num[1])
    return {"cases": len(cases), "value": value, "unit": unit, "ranges": ranges, "both_ends": both}


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def score_time(cases: list[dict], parse) -> dict:
    comparable = [c for c in cases if not any("inf" in c[k] for k in ("start", "end"))]
    found = right = disjoint = 0
    for case in comparable:
        period = parse(case["text"], _day(case["base"]))
        if period is None:
            continue
        found += 1
        start, end = _day(case["start"]), _day(case["end"])
        right += period == (start, end)
        disjoint += period[1] < start or period[0] > end
    return {"cases": len(cases), "comparable": len(comparable), "period": found,
            "both_ends": right, "disjoint": disjoint}


def duban_location(text: str) -> tuple[str | None, str | None, str | None]:
    best, depth = (None, None, None), -1
    for start, end, region in find_mentions(text, short_names=True):
        if region is None:
            name = text[start:end]
            here = (None, None, name) if name.endswith(("区", "县")) else (None, None, None)
            level = 2 if here[2] else -1
        else:
            here, level = (region.province, region.city, region.county), _DEPTH[region.level]
        if level > depth:
            best, depth = here, level
    return best


def score_location(cases: list[dict], parse) -> dict:
    levels = {"province": 0, "city": 0, "county": 0, "all_three": 0}
    for case in cases:
        got = dict(zip(("province", "city", "county"), parse(case["text"])))
        hits = [got[k] == case[k] for k in ("province", "city", "county")]
        for k, hit in zip(("province", "city", "county"), hits):
            levels[k] += hit
        levels["all_three"] += all(hits)
    return {"cases": len(cases), **levels}


def _peer():
    """jionlp's parsers adapted to the three scorers, or None when it is not installed."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its import prints a banner
            import jionlp as jio
    except ImportError:
        return None

    def money(text):
        try:
            r = jio.parse_money(text)
        except Exception:  # noqa: BLE001 - the peer raises on what it cannot read
            return None, None, None, None
        num = r["num"]
        if isinstance(num, list):
            return float(num[1]), float(num[0]), float(num[1]), r["case"]
        return float(num), None, None, r["case"]

    def time(text, base):
        try:
            r = jio.parse_time(text, time_base={"year": base.year, "month": base.month, "day": base.day})
            return _day(r["time"][0]), _day(r["time"][1])
        except Exception:  # noqa: BLE001
            return None

    def location(text):
        try:
            r = jio.parse_location(text, change2new=True)
        except Exception:  # noqa: BLE001
            return None, None, None
        return r["province"], r["city"], r["county"]

    return money, time, location


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, help="JSON file of the peer's cases (see the docstring)")
    cases = json.loads(parser.parse_args().cases.read_text(encoding="utf-8"))
    duban = {"money": score_money(cases["money"], duban_money),
             "time": score_time(cases["time"], lambda text, base: resolve_whole(text, base)[0]),
             "location": score_location(cases["location"], duban_location)}
    peer = _peer()
    baseline = None
    if peer:
        money, time, location = peer
        baseline = {"money": score_money(cases["money"], money),
                    "time": score_time(cases["time"], time),
                    "location": score_location(cases["location"], location)}
    for suite, scores in duban.items():
        for key, got in scores.items():
            line = f"{suite:9} {key:11} duban {got:4}"
            if baseline:
                ref = baseline[suite][key]
                ratio = f"{got / ref:.2f}" if ref else "-"
                line += f"   jionlp {ref:4}   ratio {ratio}"
            print(line)


if __name__ == "__main__":
    main()
