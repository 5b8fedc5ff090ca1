"""Score tracking against gold: evidence precision / recall / F1, status accuracy, confusion.

Gold (tests/track/README.md): ``gold.jsonl``, one commitment a line (id, plan document, text,
deadline, region, status, evidence quotes), and ``docs.jsonl`` beside it naming each document
with its URL, date and region. The run builds a fresh store in a temporary directory: the
documents are ingested as any input is (their date and region taken from docs.jsonl, which
records them by hand, where ingest's metadata would otherwise guess), each plan's commitments
are imported as a 台账 CSV (序号 = gold id), the index is built, and ``track_store`` runs.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..records import STATUSES

AS_OF = date(2026, 6, 30)  # after the last gold document
FULL_NAMES = {"普陀区": "上海市普陀区"}  # 普陀区 is also in 舟山市


@dataclass
class Score:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0
    right: int = 0
    n: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) → count

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0

    def to_dict(self) -> dict:
        return {"evidence": {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                             "f1": round(self.f1, 3), "predicted": self.predicted, "gold": self.gold},
                "status": {"accuracy": round(self.accuracy, 3), "n": self.n,
                           "confusion": {f"{g}->{p}": c for (g, p), c in sorted(self.confusion.items())}}}


@dataclass
class TrackEval:
    scores: dict[str, Score]  # all, dev, test (and baseline-… when asked)
    rows: list[dict]  # per commitment: id, split, gold, predicted, reason

    def to_dict(self) -> dict:
        return {"scores": {k: s.to_dict() for k, s in self.scores.items()}, "commitments": self.rows}

    def format_table(self) -> str:
        lines = [f"{'split':<14}{'n':>4}{'status acc':>12}{'evid P':>8}{'evid R':>8}{'evid F1':>9}"]
        for name, s in self.scores.items():
            lines.append(f"{name:<14}{s.n:>4}{s.accuracy:>12.3f}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>9.3f}")
        for name in [n for n in self.scores if not n.startswith("baseline")]:
            s = self.scores[name]
            lines.append(f"\nconfusion ({name}; rows gold, columns predicted)")
            lines.append(" " * 12 + "".join(f"{p[:10]:>12}" for p in STATUSES))
            for g in STATUSES:
                lines.append(f"{g[:11]:<12}" + "".join(f"{s.confusion.get((g, p), 0):>12}" for p in STATUSES))
        return "\n".join(lines)


def load(gold_path: Path) -> tuple[list[dict], list[dict]]:
    gold_path = Path(gold_path)
    docs = [json.loads(line) for line in (gold_path.parent / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs, gold


def build_store(gold_path: Path, directory: Path, dense: bool, extracted: bool = False):
    """A store and index with the gold documents and one imported 台账 per plan."""
    from ..config import Settings, db_url_for
    from ..lexicon.regions import resolve
    from ..index import Index
    from ..ingest import parse_raw, read_file
    from ..store import Store
    from .ledger import import_ledger

    docs, gold = load(gold_path)
    settings = Settings(data_dir=directory, db_url=db_url_for(None, directory))
    store = Store(settings.db_url)
    folder = Path(gold_path).parent / "docs"
    ids, titles, dates = {}, {}, {}
    for d in docs:
        parsed = parse_raw(read_file(folder / d["file"], 50_000_000))
        region = None if d["region"] == "全国" else resolve(d["region"], "上海市" if d["region"] == "普陀区" else "")
        parsed = replace(parsed, date=date.fromisoformat(d["date"]), region=region)
        ids[d["file"]], _ = store.save_document(parsed)
        titles[d["file"]], dates[d["file"]] = parsed.title or d["file"], d["date"]
    if extracted:  # duban's own commitments from the plan documents instead of a 台账
        from ..pipeline import extract_pending

        extract_pending(store, processes=1)
        index = Index(settings, store, dense=dense)
        index.update()
        return store, index, ids
    plans: dict[str, list[dict]] = {}
    for g in gold:
        plans.setdefault(g["plan"] or g.get("ledger") or f"{g['region']}为民办实事项目", []).append(g)
    for n, (plan, rows) in enumerate(plans.items()):
        path = directory / f"ledger{n}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["序号", "地区", "任务", "截止日期", "出处", "发布日期"])
            for g in rows:
                w.writerow([g["id"], "" if g["region"] == "全国" else FULL_NAMES.get(g["region"], g["region"]), g["text"], g["deadline"],
                            titles.get(plan, plan), dates.get(plan, "")])
        import_ledger(store, path)
    index = Index(settings, store, dense=dense)
    index.update()
    return store, index, ids


def evaluate_track(gold_path: Path, dense: bool = True, as_of: date = AS_OF, baseline: bool = False) -> TrackEval:
    from .run import track_store

    docs, gold = load(gold_path)
    with tempfile.TemporaryDirectory(prefix="duban-track-eval-") as tmp:
        store, index, ids = build_store(gold_path, Path(tmp), dense)
        texts = {f: store.get_document(i)["text"] for f, i in ids.items()}
        track_store(store, index, as_of)
        predicted = {r["ledger_ref"]: r for r in store.query_records("commitments")}
        scores, rows = _score(gold, predicted, ids, texts)
        if baseline:
            scores.update(_baseline(store, index, as_of, gold, ids, texts))
        store.close()
    return TrackEval(scores, rows)


def evaluate_extracted(gold_path: Path, dense: bool = True, as_of: date = AS_OF) -> dict:
    """Commitments duban extracts itself from the plans: the share of gold commitments found
    (an extracted commitment in the plan document holding the gold text's figure and words) and
    the share found with the right status."""
    from .run import track_store
    from .verify import plain, same_indicator, targets_of

    docs, gold = load(gold_path)
    with tempfile.TemporaryDirectory(prefix="duban-track-eval-") as tmp:
        store, index, ids = build_store(gold_path, Path(tmp), dense, extracted=True)
        track_store(store, index, as_of)
        rows = store.query_records("commitments")
        store.close()
    out = {}
    for split in ("dev", "test"):
        planned = [g for g in gold if g["split"] == split and g["plan"]]
        found = right = 0
        for g in planned:
            target = targets_of(g["text"])[0]
            match = next((r for r in rows if r["document_id"] == ids[g["plan"]]
                          and (not target.text or plain(target.text) in plain(r["text"]))
                          and same_indicator(target.key, r["text"])[0]), None)
            found += match is not None
            right += match is not None and match["status"] == g["status"]
        out[split] = {"gold": len(planned), "found": round(found / len(planned), 3),
                      "found_with_right_status": round(right / len(planned), 3)}
    return out


def _baseline(store, index, as_of, gold, ids, texts) -> dict[str, Score]:
    """The baseline per split, each at the threshold that suits that split best."""
    from .baseline import predictions, top1

    found = top1(store, index)
    thresholds = sorted({0.0} | {hit[0] for hit in found.values()})
    out = {}
    for split in ("dev", "test"):
        best = max((_score(gold, predictions(found, t, as_of, gold), ids, texts)[0][split] for t in thresholds),
                   key=lambda s: (s.accuracy, s.f1))
        out[f"baseline-{split}"] = best
    return out


def locate(text: str, quote: str, doc: str) -> tuple[int, int]:
    """Where a gold quote is in the cleaned text: (start, length). A quote written as the page has
    it, with pinyin glosses (城镇(zhèn)新增) or in traditional script (國內生產總值), is also found
    once cleaning's character repairs are applied to it; else ValueError."""
    from ..ingest.clean import prepare
    from .verify import PINYIN

    for candidate in (quote, PINYIN.sub("", quote), prepare(quote)[0]):
        if text.count(candidate) == 1:
            return text.find(candidate), len(candidate)
    raise ValueError(f"{doc}: gold quote {quote!r} is not (once) in the cleaned text")


def _score(gold: list[dict], predicted: dict[str, dict], ids: dict, texts: dict) -> tuple[dict[str, Score], list[dict]]:
    scores = {"all": Score(), "dev": Score(), "test": Score()}
    rows = []
    for g in gold:
        p = predicted.get(g["id"]) or {"status": None, "evidence": [], "status_reason": "not imported"}
        spans = []
        for e in g["evidence"]:
            start, length = locate(texts[e["doc"]], e["quote"], e["doc"])
            spans.append((ids[e["doc"]], start, start + length))
        links = [(e["document_id"], e["start"], e["end"]) for e in p["evidence"]]
        hit = lambda a, b: a[0] == b[0] and a[1] < b[2] and b[1] < a[2]  # noqa: E731
        for s in (scores["all"], scores[g["split"]]):
            s.gold += len(spans)
            s.tp_gold += sum(any(hit(gs, pl) for pl in links) for gs in spans)
            s.predicted += len(links)
            s.tp_pred += sum(any(hit(gs, pl) for gs in spans) for pl in links)
            s.n += 1
            s.right += p["status"] == g["status"]
            s.confusion[(g["status"], p["status"])] += 1
        rows.append({"id": g["id"], "split": g["split"], "gold": g["status"], "predicted": p["status"],
                     "reason": p.get("status_reason")})
    return scores, rows
