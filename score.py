"""Precision, recall and F1 of extraction against gold annotations.

Gold is JSONL in the format of ``shared/gold/seeds.jsonl`` (one document a line: metadata,
``commitments`` with ``quote``, ``figures`` with ``text``; guideline in shared/gold/README.md).
Gold offsets (``start``) are in the raw file while predictions are in the cleaned text, so each
gold quote is found again in the cleaned text, compared after NFKC and without whitespace
(cleaning normalises widths and spaces): the occurrence nearest the gold offset, carried over
to the clean text by aligning it with the raw text.

Matching, one-to-one and greedy:
- commitments: the spans overlap by at least half of the shorter one; largest overlap first.
- figures: the same text (after the same normalisation) within ``FIGURE_WINDOW`` characters of
  the gold place; nearest first.
On matched commitment pairs the region, topic, quantity value and deadline text are compared;
on matched figures the value and kind; per document the doc_type, region and date.
Figures are scored only on documents whose figures were annotated (``figures_annotated``, by
default whether the line has any figure gold: tests/real annotates figures on some documents
only); a report with none says "not annotated" instead of a precision of 0.
``score_document`` is pure; ``evaluate`` reads the files and runs ingest and extraction.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .config import DEFAULT_MAX_BYTES
from .errors import DubanError, InputError
from .records import Extraction, ParsedDocument

FIGURE_WINDOW = 100  # characters between a gold figure's place and a predicted one
COMMITMENT_FIELDS = ("region", "topic", "quantity", "deadline")
FIGURE_FIELDS = ("value", "kind")
METADATA_FIELDS = ("title", "doc_type", "region", "level", "date")
NOT_ANNOTATED = "not annotated"  # figures of a document or report without figure gold


@dataclass
class PRFScore:
    """True positives, false positives and false negatives, like spaCy's PRFScore."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: PRFScore) -> PRFScore:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def __iadd__(self, other: Accuracy) -> Accuracy:
        self.correct += other.correct
        self.total += other.total
        return self

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict:
        value = self.value
        rounded = None if value is None else round(value, 4)
        return {"accuracy": rounded, "correct": self.correct, "total": self.total}


@dataclass
class DocumentScore:
    file: str
    commitments: PRFScore = field(default_factory=PRFScore)
    # Firm gold only: soft gold (``firm: false``) is neither required nor penalised.
    firm: PRFScore = field(default_factory=PRFScore)
    negatives: Accuracy = field(default_factory=Accuracy)  # correct = hard negatives not hit
    figures: PRFScore | None = field(default_factory=PRFScore)  # None: figures not annotated
    fields: dict[str, Accuracy] = field(default_factory=dict)  # commitment.topic, figure.kind ...
    metadata: dict[str, Accuracy] = field(default_factory=dict)
    split: str | None = None  # dev or test, for corpora split by document
    error: str | None = None  # why the document could not be read or parsed
    unplaced: list[str] = field(default_factory=list)  # gold texts not found in the clean text

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "split": self.split,
            "commitments": self.commitments.to_dict(),
            "firm": self.firm.to_dict(),
            "negatives": self.negatives.to_dict(),
            "figures": self.figures.to_dict() if self.figures is not None else NOT_ANNOTATED,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "metadata": {k: v.to_dict() for k, v in self.metadata.items()},
            "error": self.error,
            "unplaced": self.unplaced,
        }


@dataclass
class Report:
    documents: list[DocumentScore]

    def _total(self, attr: str) -> PRFScore:
        total = PRFScore()
        for doc in self.documents:
            total += getattr(doc, attr) or PRFScore()
        return total

    @property
    def commitments(self) -> PRFScore:
        return self._total("commitments")

    @property
    def figures(self) -> PRFScore | None:
        """Over the documents with figure gold; None when no document has any."""
        return self._total("figures") if self.figure_documents else None

    @property
    def figure_documents(self) -> int:
        return sum(1 for doc in self.documents if doc.figures is not None)

    @property
    def firm(self) -> PRFScore:
        return self._total("firm")

    @property
    def negatives(self) -> Accuracy:
        total = Accuracy()
        for doc in self.documents:
            total += doc.negatives
        return total

    def splits(self) -> dict[str, Report]:
        """One report per split (dev, test) when the gold is split by document."""
        names = sorted({d.split for d in self.documents if d.split})
        return {name: Report([d for d in self.documents if d.split == name]) for name in names}

    def _accuracies(self, attr: str) -> dict[str, Accuracy]:
        totals: dict[str, Accuracy] = {}
        for doc in self.documents:
            for name, acc in getattr(doc, attr).items():
                totals.setdefault(name, Accuracy())
                totals[name] += acc
        return totals

    @property
    def fields(self) -> dict[str, Accuracy]:
        return self._accuracies("fields")

    @property
    def metadata(self) -> dict[str, Accuracy]:
        return self._accuracies("metadata")

    def to_dict(self) -> dict:
        return {
            "overall": self._summary(),
            "splits": {name: report._summary() for name, report in self.splits().items()},
            "documents": [d.to_dict() for d in self.documents],
        }

    def _summary(self) -> dict:
        return {
            "documents": len(self.documents),
            "commitments": self.commitments.to_dict(),
            "firm": self.firm.to_dict(),
            "negatives_hit": self.negatives.total - self.negatives.correct,
            "negatives": self.negatives.total,
            "figures": self.figures.to_dict() if self.figures is not None else NOT_ANNOTATED,
            "figure_documents": self.figure_documents,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "metadata": {k: v.to_dict() for k, v in self.metadata.items()},
        }

    def format_table(self) -> str:
        """Plain-text table for ``duban eval``: P/R/F1 per document and overall, then accuracies."""

        def prf(s: PRFScore | None) -> str:
            if s is None:
                return NOT_ANNOTATED
            counts = f"{s.tp}/{s.fp}/{s.fn}"
            return f"{s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {counts:<12}"

        width = max([len(d.file) for d in self.documents] + [8])
        columns = f"{'P':>5} {'R':>5} {'F1':>5}  {'tp/fp/fn':<12}"
        lines = [
            f"{'':{width}}  {'commitments':<31}  figures",
            f"{'document':{width}}  {columns}  {columns}".rstrip(),
        ]
        rows = [(d.file, d.commitments, d.figures, d.error) for d in self.documents]
        rows.append(("overall", self.commitments, self.figures, None))
        for name, c, f, error in rows:
            note = f"  error: {error}" if error else ""
            lines.append(f"{name:{width}}  {prf(c)}  {prf(f)}{note}".rstrip())
        lines.append("")
        lines.extend(self._accuracy_lines())
        for name, report in self.splits().items():
            lines.append("")
            lines.append(f"split {name} ({len(report.documents)} documents): commitments "
                         f"{prf(report.commitments).strip()}; firm {prf(report.firm).strip()}; "
                         f"hard negatives hit {report.negatives.total - report.negatives.correct}"
                         f"/{report.negatives.total}")
            lines.append(f"  figures: {NOT_ANNOTATED}" if report.figures is None else
                         f"  figures ({report.figure_documents} of {len(report.documents)} documents annotated): "
                         f"{prf(report.figures).strip()}")
            lines.extend("  " + line for line in report._accuracy_lines())
        return "\n".join(lines)

    def _accuracy_lines(self) -> list[str]:
        lines = []
        for title, accs in (("matched pairs", self.fields), ("metadata", self.metadata)):
            cells = [f"{k} {v.value:.2f} ({v.correct}/{v.total})" for k, v in accs.items() if v.total]
            lines.append(f"{title}: " + ", ".join(cells))
        return lines


# ----- placing gold in the clean text -------------------------------------------------------


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC text without whitespace, and for each of its characters the offset it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                offsets.append(i)
    return "".join(chars), offsets


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while needle and i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


class _Placer:
    """Finds gold texts, given with raw-file offsets, in the cleaned text.

    The normalised raw and clean texts are aligned once (difflib matching blocks: cleaning only
    deletes chrome, spam and spaces and maps characters one to one), so a raw offset has a place
    in the clean text; a gold text is the clean occurrence nearest that place. Counting raw
    occurrences instead misplaces a text when cleaning removed an earlier one (seed 003: the
    "10" of 今年计划改造10民营养老机构 after a 10 in the removed page chrome).
    """

    def __init__(self, raw: str, clean: str):
        from .ingest.clean import prepare

        # Gold quotes are written as the raw file has them (traditional script, pinyin glosses,
        # mojibake); cleaning repairs and converts those, so raw text and quotes get the same
        # character-level repairs before they are looked for.
        self.raw, self.raw_map = _normalise(prepare(raw)[0])
        self.clean, self.clean_map = _normalise(clean)
        matcher = difflib.SequenceMatcher(None, self.raw, self.clean, autojunk=False)
        self.blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]

    def _to_clean(self, i: int) -> int:
        """Where normalised raw position ``i`` lies in the normalised clean text; a removed
        character maps to the place of the next kept one."""
        for a, b, n in self.blocks:
            if i < a + n:
                return b + max(0, i - a)
        return len(self.clean)

    def place(self, text: str, raw_start: int) -> tuple[int, int] | None:
        """(start, end) in the clean text of the occurrence of ``text`` nearest ``raw_start``."""
        needle, _ = _normalise(_as_cleaned(text))
        in_clean = _occurrences(self.clean, needle)
        if not in_clean:
            return None
        target = self._to_clean(bisect.bisect_left(self.raw_map, raw_start))
        i = min(in_clean, key=lambda k: abs(k - target))
        return self.clean_map[i], self.clean_map[i + len(needle) - 1] + 1


def _as_cleaned(text: str) -> str:
    """A gold text as cleaning leaves it: repaired, simplified, without markup spans."""
    from .ingest.clean import clean_text, prepare

    return clean_text(text).text or prepare(text)[0]


# ----- matching ------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: list[tuple[int, int] | None], predicted: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs overlapping by at least half of the shorter span.

    One-to-one, greedy by overlap. A gold span of None (not found in the text) matches nothing.
    """
    candidates = []
    for gi, g in enumerate(gold):
        if g is None:
            continue
        for pi, p in enumerate(predicted):
            shared = _overlap(g, p)
            if shared and 2 * shared >= min(g[1] - g[0], p[1] - p[0]):
                candidates.append((-shared, gi, pi))
    return _greedy(candidates)


def match_figures(
    gold: list[tuple[str, tuple[int, int] | None]], predicted: list[tuple[str, int]]
) -> list[tuple[int, int]]:
    """(gold, predicted) pairs with the same text (``_figure_key``; gold as cleaning leaves it,
    simplified, like the predictions), nearest place first."""
    candidates = []
    keys = [_figure_key(ptext) for ptext, _ in predicted]
    for gi, (gtext, gspan) in enumerate(gold):
        if gspan is None:
            continue
        key = _figure_key(_as_cleaned(gtext))
        for pi, (_, pstart) in enumerate(predicted):
            distance = abs(pstart - gspan[0])
            if distance <= FIGURE_WINDOW and keys[pi] == key:
                candidates.append((distance, gi, pi))
    return _greedy(candidates)


_LEADING_QUALIFIER = re.compile(r"^(?:约|近|超过|超|逾)(?=\d)")


def _figure_key(text: str) -> str:
    """A figure's text as matched: normalised, less a leading 约/近/超/超过/逾 before its digits,
    a qualifier that annotators write in or leave out (tests/gold's 约150人 and 超过1.2万份;
    tests/real's annotator T leaves 超 of 超15000人次 out)."""
    return _LEADING_QUALIFIER.sub("", _normalise(text)[0])


def _greedy(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return sorted(pairs)


def _deadline_key(text: str | None) -> str | None:
    """“十四五”期间 and 十四五 are the same deadline (shared/gold/README.md writes 十四五), and so are
    2025年度 and 2025年."""
    if not text:
        return None
    key = _normalise(text)[0]
    for mark in "“”\"‘’'":
        key = key.replace(mark, "")
    return key.removesuffix("期间").removesuffix("时期").replace("年度", "年")


def _same_deadline(gold: str | None, predicted: str | None, doc_date: str | None) -> bool:
    """The same phrase less its framing, or two phrases naming one period against the gold
    document date: the contract's ``deadline`` is that period's end (shared/spec/records.md), so
    今年 in a 2026 report and an annotator's 2026年 are one deadline, while 年底前 and 2026年 are
    not (their periods start apart). Without a gold date only the phrases are compared."""
    if _deadline_key(gold) == _deadline_key(predicted):
        return True
    if not gold or not predicted or not doc_date:
        return False
    from .extract.timex import resolve_whole

    when = _gold_day(doc_date)
    period = resolve_whole(gold, when)[0]
    return period is not None and period == resolve_whole(predicted, when)[0]


def _gold_day(text: str) -> date:
    """A gold date as a day. An annotator writes only the year or the month (2021, 2021-07) when
    the page gives no more (a 2021年上半年工作总结 with no date line); such a date stands for its
    first day when a relative deadline is resolved against it."""
    year, month, day = (text.split("-") + ["1", "1"])[:3]
    return date(int(year), int(month), int(day))


def _same_date(gold: str | None, predicted: str | None) -> bool:
    """The same day, or, for a gold year or month, a day inside it (2021 and 2021-03-15)."""
    return gold == predicted or bool(gold and predicted and predicted.startswith(gold + "-"))


def _title_key(title: str | None) -> str:
    """A title without spaces, punctuation, pinyin glosses and script differences (gold keeps
    the page's traditional script and glosses)."""
    from .ingest.clean import prepare

    key = prepare(unicodedata.normalize("NFKC", title or ""))[0]
    return "".join(ch for ch in key if ch.isalnum())


def _same_title(gold: str | None, predicted: str | None) -> bool:
    return _title_key(gold) == _title_key(predicted)


def _same_quantity(gold: dict | None, predicted) -> bool:
    """Gold gives a quantity's value (shared gold) or only its text (tests/real)."""
    if not gold or not predicted:
        return not gold and not predicted
    if "value" in gold:
        return _same_number(gold["value"], predicted.value)
    return _normalise(gold["text"])[0] == _normalise(predicted.text)[0]


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


# ----- scoring -------------------------------------------------------------------------------


def score_document(gold: dict, parsed: ParsedDocument, extraction: Extraction) -> DocumentScore:
    """Score one document's extraction against its gold line."""
    score = DocumentScore(gold["file"])
    placer = _Placer(parsed.raw_text, parsed.text)

    gold_c = gold.get("commitments", [])
    spans = [placer.place(c["quote"], c["start"]) for c in gold_c]
    predicted_c = extraction.commitments
    pairs = match_spans(spans, [(c.start, c.end) for c in predicted_c])
    score.commitments = PRFScore(len(pairs), len(predicted_c) - len(pairs), len(gold_c) - len(pairs))
    firm = [gi for gi, c in enumerate(gold_c) if c.get("firm", True)]
    firm_found = sum(1 for gi, _ in pairs if gi in set(firm))
    score.firm = PRFScore(firm_found, len(predicted_c) - len(pairs), len(firm) - firm_found)
    negatives = [placer.place(n["quote"], n["start"]) for n in gold.get("negatives", [])]
    hit = {gi for gi, _ in match_spans(negatives, [(c.start, c.end) for c in predicted_c])}
    score.negatives = Accuracy(sum(1 for i, n in enumerate(negatives) if n and i not in hit),
                               sum(1 for n in negatives if n))
    fields = {f"commitment.{name}": Accuracy() for name in COMMITMENT_FIELDS}
    for gi, pi in pairs:
        g, p = gold_c[gi], predicted_c[pi]
        fields["commitment.region"].add(g.get("region") == (p.region.name if p.region else None))
        fields["commitment.topic"].add(g.get("topic") == p.topic)
        fields["commitment.quantity"].add(_same_quantity(g.get("quantity"), p.quantity))
        fields["commitment.deadline"].add(_same_deadline(g.get("deadline"), p.deadline_text, gold.get("date")))

    gold_f = gold.get("figures", [])
    figure_spans = [placer.place(f["text"], f["start"]) for f in gold_f]
    score.figures = None
    if figures_annotated(gold):
        score.figures = _score_figures(gold_f, figure_spans, extraction.figures, fields)
    score.fields = fields

    predicted_meta = {
        "title": parsed.title,
        "doc_type": parsed.doc_type,
        "region": parsed.region.name if parsed.region else None,
        "level": parsed.region.level if parsed.region else None,
        "date": parsed.date.isoformat() if parsed.date else None,
    }
    score.split = gold.get("split")
    score.metadata = {name: Accuracy() for name in METADATA_FIELDS if name in gold}
    for name, acc in score.metadata.items():
        same = {"title": _same_title, "date": _same_date}.get(name, lambda a, b: a == b)
        acc.add(same(gold[name], predicted_meta[name]))
    score.unplaced = [c["quote"] for c, s in zip(gold_c, spans) if s is None]
    score.unplaced += [f["text"] for f, s in zip(gold_f, figure_spans) if s is None]
    return score


def figures_annotated(gold: dict) -> bool:
    """Whether a gold line's figures were annotated: its ``figures_annotated`` mark, else
    whether it has any figure gold (the seeds' and tests/gold's lines carry no mark)."""
    return bool(gold.get("figures_annotated", bool(gold.get("figures"))))


def _score_figures(gold_f: list[dict], spans: list, predicted_f: list, fields: dict[str, Accuracy]) -> PRFScore:
    """Figure P/R/F1 of one document; the value and kind of matched figures go into ``fields``."""
    pairs = match_figures([(f["text"], s) for f, s in zip(gold_f, spans)],
                          [(f.text, f.start) for f in predicted_f])
    fields.update({f"figure.{name}": Accuracy() for name in FIGURE_FIELDS})
    for gi, pi in pairs:
        fields["figure.value"].add(_same_number(gold_f[gi].get("value"), predicted_f[pi].value))
        fields["figure.kind"].add(gold_f[gi].get("kind") == predicted_f[pi].kind)
    return PRFScore(len(pairs), len(predicted_f) - len(pairs), len(gold_f) - len(pairs))


def read_gold(gold_path: Path) -> list[dict]:
    """The gold lines of a JSONL file; InputError when it is missing or not JSONL."""
    try:
        lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = f"cannot read gold annotations ({exc}); give a JSONL file like shared/gold/seeds.jsonl"
        raise InputError(str(gold_path), reason) from exc


def batch(gold: dict) -> str:
    """The annotator who collected the document (tests/real/README.md: each batch of 10-22 pages
    is of the shapes its annotator was sent for), else the document itself (the seeds)."""
    return gold.get("annotator") or gold["file"]


def batch_folds(units: list[tuple[str, str]], folds: int) -> dict[str, int]:
    """Each file's cross-validation fold, whole annotator batches to a fold. ``units`` are
    ``(file, batch)`` pairs, one per thing that is scored (a document, a candidate clause): the
    largest batch goes first, onto the fold with the fewest units so far. A new batch of documents,
    with shapes no rule or weight was made on, is what the test split is like; folds over single
    documents put a batch's siblings on both sides and chose a clause model that scored 0.80 there
    and 0.74 on test (0.76 with batches held out), and a doc-type model that scored 0.882 where
    the next session's unseen batches got 0.697."""
    size: dict[str, int] = {}
    for _, group in units:
        size[group] = size.get(group, 0) + 1
    load, fold_of_group = [0] * folds, {}
    for group in sorted(size, key=lambda g: (-size[g], g)):
        fold_of_group[group] = load.index(min(load))
        load[fold_of_group[group]] += size[group]
    return {file: fold_of_group[group] for file, group in units}


def default_docs_dir(gold_path: Path) -> Path:
    """``<gold dir>/docs`` when it exists (tests/gold), else ``<gold dir>/../seeds`` (shared)."""
    here = Path(gold_path).resolve().parent
    return here / "docs" if (here / "docs").is_dir() else here.parent / "seeds"


def evaluate(
    gold_path: Path, docs_dir: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Report:
    """Ingest and extract every gold document, and score it.

    A document that cannot be read or parsed is scored as an empty extraction with its error
    noted, so one broken file does not hide the others' numbers.
    """
    from .ingest import parse_raw, read_file
    from .extract import extract_document

    docs_dir = Path(docs_dir) if docs_dir else default_docs_dir(gold_path)
    documents = []
    for gold in read_gold(gold_path):
        try:
            raw = read_file(docs_dir / gold["file"], max_bytes)
            # A crawled page's address is known to the crawler: give it as ingest would.
            parsed = parse_raw(replace(raw, url=(gold.get("source") or {}).get("url")))
        except DubanError as exc:
            score = _failed(gold, str(exc))
        else:
            score = score_document(gold, parsed, extract_document(parsed))
        documents.append(score)
    return Report(documents)


def _failed(gold: dict, error: str) -> DocumentScore:
    """A document that could not be parsed: all its gold missed, its metadata wrong."""
    n_commitments, n_figures = len(gold.get("commitments", [])), len(gold.get("figures", []))
    return DocumentScore(
        gold["file"],
        commitments=PRFScore(fn=n_commitments),
        figures=PRFScore(fn=n_figures) if figures_annotated(gold) else None,
        metadata={name: Accuracy(0, 1) for name in METADATA_FIELDS if name in gold},
        split=gold.get("split"),
        error=error,
    )
