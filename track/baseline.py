"""The baseline issue #11 measured: BM25 top-1 sentence, then a comparison of the numbers.

Same candidates' region and date limits as the tracker, but none of its checks: the best
lexical sentence is taken as the evidence when its score clears a threshold, and its first
figure in the target's unit is compared with ``extract.compare``. The threshold is tuned on
the split being scored, as in the issue, so the baseline is if anything flattered.
"""

from __future__ import annotations

from datetime import date

from ..extract.compare import compare
from ..extract.figures import find_figures
from . import candidates
from .run import _Documents, claim_of
from .verify import plain


def top1(store, index, limit: int | None = None) -> dict[str, tuple]:
    """Per ledger ref: (score, document id, start, end, verdict) of its best lexical sentence;
    ``limit``: only the first commitments (bench/track.py times the baseline on a sample)."""
    from ..index.filters import Filters

    docs = _Documents(store)
    out = {}
    for row in store.query_records("commitments")[:limit]:
        claim = claim_of(row)
        filters = Filters(units=("sentence",), regions=(row["region"],) if row.get("region") else (), since=None)
        best = None
        for hit in index.search(plain(claim.text), filters, k=40, use=("lexical",)):
            meta = docs.meta[hit.document_id]
            if candidates.usable(meta, claim, row["document_id"]) and candidates.related(row, meta):
                best = hit
                break
        if best is None:
            continue
        sentences = docs.sentences(best.document_id)
        s = next(s for s in sentences if s["text"].strip() == best.sentence.strip())
        target = claim.targets[0]
        verdict = None
        for f in find_figures(s["text"]) if target.value is not None else []:
            verdict, _ = compare(target, f)
            if verdict:
                out[row["ledger_ref"]] = (best.score, best.document_id, s["start"] + f.start, s["start"] + f.end, verdict)
                break
        if verdict is None:
            out[row["ledger_ref"]] = (best.score, best.document_id, s["start"], s["end"], "met" if target.value is None else None)
    return out


def predictions(found: dict[str, tuple], threshold: float, as_of: date, gold: list[dict]) -> dict[str, dict]:
    """Statuses and evidence as ``_score`` reads them, for one threshold."""
    out = {}
    for g in gold:
        hit = found.get(g["id"])
        if hit and hit[4] and hit[0] >= threshold:
            out[g["id"]] = {"status": hit[4], "evidence": [{"document_id": hit[1], "start": hit[2], "end": hit[3]}]}
        else:
            due = date.fromisoformat(g["deadline"]) < as_of if g.get("deadline") else True
            out[g["id"]] = {"status": "no_evidence" if due else "pending", "evidence": []}
    return out
