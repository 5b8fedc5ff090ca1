"""Candidate sentences for a commitment: hybrid search over the index, then the documents
that may hold its evidence (issue #11: same region, or an enclosing or enclosed one, dated after
the commitment was made; never an imported 台账 or the commitment's own document)."""

from __future__ import annotations

from datetime import date, timedelta

from ..index.filters import Filters
from .verify import Claim, core, plain

K = 40  # candidates per commitment (imported 台账 rows and plans take some of them)


def related(claim_region: dict, doc: dict) -> bool:
    """Same region, or one enclosing or enclosed; a commitment without region (national, or
    unknown) looks at documents without one."""
    name = claim_region.get("region")
    if not name:
        return not doc.get("region")
    if not doc.get("region"):
        return False
    mine = {claim_region.get(k) for k in ("region", "province", "city", "county")} - {None, ""}
    theirs = {doc.get(k) for k in ("region", "province", "city", "county")} - {None, ""}
    return doc["region"] in mine or name in theirs


def usable(doc: dict, claim: Claim, own_document: str) -> bool:
    if doc["id"] == own_document or doc.get("doc_type") == "ledger":
        return False
    return not (claim.made_on and doc.get("date") and date.fromisoformat(doc["date"]) <= claim.made_on)


def search(index, claim: Claim, row: dict, k: int = K) -> list:
    """Hits (sentence units) for the commitment's words, filtered by region and date."""
    filters = Filters(units=("sentence",), regions=(row["region"],) if row.get("region") else (),
                      since=claim.made_on + timedelta(days=1) if claim.made_on else None, published_only=True)
    hits = {}
    # The whole text, then each part's indicator words alone: a long review sentence listing
    # many figures (国内生产总值…；城镇新增就业…；居民消费价格上涨0.2%) shares few words with the
    # whole promise but holds the indicator.
    for query in dict.fromkeys([claim.text] + [core(t.key) for t in claim.targets]):
        for hit in index.search(plain(query), filters, k=k):
            key = (hit.document_id, hit.sentence)
            if key not in hits or hits[key].score < hit.score:
                hits[key] = hit
    return sorted(hits.values(), key=lambda h: -h.score)
