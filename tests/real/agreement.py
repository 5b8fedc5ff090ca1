"""Agreement between the first annotation (ann/) and the independent second one (ann2/).

For the documents both annotated: commitments matched one-to-one when their spans overlap by
half of the shorter (the match ``duban eval`` uses), then precision, recall and F1 of the second
annotator against the first, and how often a matched pair agrees on ``firm``; hard negatives
the same way. Figures (``ann_fig/`` against ``ann2_fig/``) are matched the same way, and a
matched pair is compared on ``value`` and ``kind``.

Run: python tests/real/agreement.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import locate  # noqa: E402


def spans(text: str, items: list[dict], key: str = "quote") -> list[tuple[int, int, dict]]:
    out = []
    for item in items:
        start, _ = locate(text, item[key], item.get("occ"))
        if start is not None:
            out.append((start, start + len(item[key]), item))
    return out


def match(a: list, b: list) -> list[tuple[int, int]]:
    """One-to-one pairs by span overlap: the scorer's own matching (duban eval)."""
    from duban.score import match_spans

    return match_spans([(s, e) for s, e, _ in a], [(s, e) for s, e, _ in b])


def agreement() -> dict:
    totals = {"commitments": [0, 0, 0], "negatives": [0, 0, 0], "firm_same": 0, "documents": 0}
    for second in sorted((HERE / "ann2").glob("*.json")):
        b = json.loads(second.read_text(encoding="utf-8"))
        a = json.loads((HERE / "ann" / second.name).read_text(encoding="utf-8"))
        text = (HERE / "docs" / a["file"]).read_text(encoding="utf-8")
        totals["documents"] += 1
        for key in ("commitments", "negatives"):
            x, y = spans(text, a.get(key, [])), spans(text, b.get(key, []))
            pairs = match(x, y)
            t = totals[key]
            t[0] += len(pairs)
            t[1] += len(y) - len(pairs)
            t[2] += len(x) - len(pairs)
            if key == "commitments":
                totals["firm_same"] += sum(x[i][2].get("firm") == y[j][2].get("firm") for i, j in pairs)
    return totals


def figure_agreement() -> dict:
    totals = {"figures": [0, 0, 0], "value_same": 0, "kind_same": 0, "documents": 0}
    for second in sorted((HERE / "ann2_fig").glob("*.json")):
        b = json.loads(second.read_text(encoding="utf-8"))
        a = json.loads((HERE / "ann_fig" / second.name).read_text(encoding="utf-8"))
        text = (HERE / "docs" / a["file"]).read_text(encoding="utf-8")
        x, y = spans(text, a["figures"], "text"), spans(text, b["figures"], "text")
        pairs = match(x, y)
        t = totals["figures"]
        t[0], t[1], t[2] = t[0] + len(pairs), t[1] + len(y) - len(pairs), t[2] + len(x) - len(pairs)
        totals["value_same"] += sum(x[i][2]["value"] == y[j][2]["value"] for i, j in pairs)
        totals["kind_same"] += sum(x[i][2]["kind"] == y[j][2]["kind"] for i, j in pairs)
        totals["documents"] += 1
    return totals


def _prf(name: str, tp: int, fp: int, fn: int) -> str:
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return (f"{name}: first {tp + fn}, second {tp + fp}, matched {tp}: "
            f"P {p:.2f} R {r:.2f} F1 {2 * p * r / max(p + r, 1e-9):.2f}")


def main() -> int:
    t = agreement()
    print(f"{t['documents']} documents annotated twice")
    for key in ("commitments", "negatives"):
        print(_prf(key, *t[key]))
    print(f"firm/soft agree on {t['firm_same']}/{t['commitments'][0]} matched commitments")
    f = figure_agreement()
    print(f"{f['documents']} documents' figures annotated twice")
    print(_prf("figures", *f["figures"]))
    print(f"value agrees on {f['value_same']}/{f['figures'][0]}, kind on {f['kind_same']}/{f['figures'][0]} matched figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
