"""One tracking pass over the store: every commitment, its candidates, their verdicts, its
status; stored with ``Store.save_tracking`` (evidence replaced, history appended)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from ..records import Evidence, Tracking
from . import candidates
from .sections import parts
from .status import decide
from .verify import Claim, all_done, check, targets_of


@dataclass
class TrackReport:
    results: dict[str, Tracking] = field(default_factory=dict)
    changed: int = 0

    def counts(self) -> Counter:
        return Counter(t.status for t in self.results.values())


class _Documents:
    """Documents, their sentences and parts, loaded once per pass."""

    def __init__(self, store):
        self.store = store
        self.meta = {d["id"]: d for d in store.list_documents()}
        self.by_region: dict[str | None, list[str]] = {}  # a region's documents (whole-list reports), listed once
        for doc_id, d in self.meta.items():
            if d.get("doc_type") != "ledger":
                self.by_region.setdefault(d.get("region"), []).append(doc_id)
        self._sentences: dict[str, list[dict]] = {}
        self._parts: dict[str, list] = {}
        self._texts: dict[str, str] = {}

    def locate(self, doc_id: str, hit) -> int | None:
        """The number of a hit's sentence in its document: the index's own, checked, else by text."""
        sentences = self.sentences(doc_id)
        i = hit.sentence_index
        if i is not None and 0 <= i < len(sentences) and sentences[i]["text"].strip() == hit.sentence.strip():
            return i
        return next((i for i, s in enumerate(sentences) if s["text"].strip() == hit.sentence.strip()), None)

    def sentences(self, doc_id: str) -> list[dict]:
        if doc_id not in self._sentences:
            self._sentences[doc_id] = self.store.get_document(doc_id)["sentences"]
        return self._sentences[doc_id]

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = "".join(s["text"] for s in self.sentences(doc_id))
        return self._texts[doc_id]

    def parts(self, doc_id: str) -> list:
        if doc_id not in self._parts:
            day = self.meta[doc_id].get("date")
            self._parts[doc_id] = parts([s["text"] for s in self.sentences(doc_id)],
                                        date.fromisoformat(day) if day else None)
        return self._parts[doc_id]

    def place(self, doc_id: str) -> str:
        d = self.meta[doc_id]
        return " ".join(x for x in (d.get("title") or d.get("source"), d.get("date")) if x)


def claim_of(row: dict) -> Claim:
    deadline = date.fromisoformat(row["deadline"]) if row.get("deadline") else None
    made_on = date.fromisoformat(row["date"]) if row.get("date") else None
    return Claim(id=row["id"], text=row["text"], targets=targets_of(row["text"], row.get("quantity")),
                 year=deadline.year if deadline else None, made_on=made_on, deadline=deadline,
                 region=row.get("region"),
                 programme="实事" in f"{row.get('title') or ''}{row.get('sentence') or ''}")


def track_store(store, index, as_of: date, progress=None, tracker=None) -> TrackReport:
    """Track every commitment in ``store`` against the documents ``index`` holds and save it.

    ``tracker(rows, as_of, progress) -> {id: Tracking}`` replaces ``track_rows`` on this store
    and index: distribute.py's fans the rows out to a cluster."""
    rows = store.query_records("commitments")
    results = (tracker or partial(track_rows, store, index))(rows, as_of, progress)
    return TrackReport(results, changed=store.save_tracking(results))


def track_rows(store, index, rows: list[dict], as_of: date, progress=None) -> dict[str, Tracking]:
    """Each commitment row's tracking (nothing saved); rows are independent of each other."""
    docs = _Documents(store)
    results: dict[str, Tracking] = {}
    covering_cache: dict[tuple, list[tuple[str, dict]]] = {}
    for done, row in enumerate(rows, start=1):
        claim = claim_of(row)
        per_target, rejected = _evidence(claim, row, candidates.search(index, claim, row), docs)
        covering = _covering(claim, row, docs, covering_cache) if claim.programme else []
        looked = f"查看{sum(rejected.values()) + sum(map(len, per_target))}条候选" + "".join(
            f"，{n}条{why}" for why, n in rejected.most_common(3))
        cited = {e.document_id for links in per_target for e, _, _ in links} | {e.document_id for e in covering}
        results[row["id"]] = decide(claim, per_target, covering, as_of, looked,
                                    {d: docs.place(d) for d in cited})
        if progress:
            progress("track", done, len(rows))
    return results


def _evidence(claim: Claim, row: dict, hits, docs: _Documents):
    per_target: list[list] = [[] for _ in claim.targets]
    rejected: Counter = Counter()
    for hit in hits:
        meta = docs.meta.get(hit.document_id)
        if meta is None or not candidates.usable(meta, claim, row["document_id"]) or not candidates.related(row, meta):
            continue
        index = docs.locate(hit.document_id, hit)
        if index is None:
            continue
        sentence = docs.sentences(hit.document_id)[index]
        if meta.get("region") != row.get("region") and row.get("region") not in sentence["text"]:
            rejected["是其他地区的数（未提到本地区）"] += 1  # 费县's 700张 is not 临沂市's 4000张
            continue
        reported_on = date.fromisoformat(meta["date"]) if meta.get("date") else None
        for found in check(claim, sentence["text"], docs.parts(hit.document_id)[index]):
            if found.verdict is None:
                rejected[found.reason] += 1
                continue
            per_target[found.target].append((Evidence(
                document_id=hit.document_id, sentence_index=index, start=sentence["start"] + found.start,
                end=sentence["start"] + found.end, sentence=sentence["text"], text=found.text or sentence["text"],
                verdict=found.verdict, reason=found.reason, value=found.value, unit=found.unit,
                score=hit.score), found.share, reported_on))
    for links in per_target:
        links.sort(key=lambda link: -link[0].score)
    return per_target, rejected


def _covering(claim: Claim, row: dict, docs: _Documents, cache: dict) -> list[Evidence]:
    """Reports that the whole 实事 list of the commitment's region and year was done."""
    key = (row.get("region"), claim.year)
    if key not in cache:
        cache[key] = []
        for doc_id in docs.by_region.get(row.get("region"), []):
            found = [(doc_id, dict(s, idx=i)) for i, (s, part) in enumerate(zip(docs.sentences(doc_id), docs.parts(doc_id)))
                     if part.kind == "review" and part.year == claim.year and all_done(s["text"], docs.text(doc_id))]
            cache[key].extend(found[-1:])  # one report per document: its body's, after the headline restating it
    out = []
    for doc_id, s in cache[key]:
        if candidates.usable(docs.meta[doc_id], claim, row["document_id"]):
            out.append(Evidence(document_id=doc_id, sentence_index=s["idx"], start=s["start"], end=s["end"],
                                sentence=s["text"], text=s["text"], verdict="met",
                                reason=f"报告「{s['text'].strip()[:40]}」：整批实事已完成", score=0.0))
    return out
