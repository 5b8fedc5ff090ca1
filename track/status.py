"""Evidence → status, due state and 序时进度, each with its reason in words. Pure functions.

Statuses (shared/spec/records.md): met, exceeded, partly, not_met, no_evidence (due, nothing
found), pending (not yet due, nothing found). A commitment with several parts is met when every
part is, partly when only some are; a part with no evidence of its own is covered by a report
that the whole 实事 list was done.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..records import STATUS_LABELS, Evidence, Progress, Tracking
from .verify import Claim

DUE_SOON_DAYS = 30
PROGRESS_BAND = 5.0  # percentage points either side of the elapsed share that count as 达进度
_RANK = {"exceeded": 3, "met": 2, "partly": 1, "not_met": 0}


def due_state(deadline: date | None, as_of: date, status: str, soon_days: int = DUE_SOON_DAYS) -> str:
    """overdue, due_soon, on_track or none, against ``as_of``; a finished commitment is on track."""
    if deadline is None:
        return "none"
    if status in ("met", "exceeded") or deadline >= as_of + timedelta(days=soon_days + 1):
        return "on_track"
    return "overdue" if deadline < as_of else "due_soon"


def progress_of(share: float | None, reported_on: date | None, claim: Claim) -> Progress | None:
    """序时进度: the share reported against the share of the period elapsed at the report's date."""
    if share is None or reported_on is None or claim.deadline is None or share >= 100:
        return None
    start = claim.made_on or date(claim.deadline.year, 1, 1)
    total = max((claim.deadline - start).days, 1)
    expected = round(min(max((reported_on - start).days / total, 0.0), 1.0) * 100, 1)
    state = "ahead" if share > expected + PROGRESS_BAND else "behind" if share < expected - PROGRESS_BAND else "on_track"
    return Progress(reported=share, expected=expected, state=state)


def decide(claim: Claim, per_target: list[list[tuple[Evidence, float | None, date | None]]],
           covering: list[Evidence], as_of: date, looked_at: str, places: dict[str, str]) -> Tracking:
    """The status of ``claim`` from its evidence per target (best first) and list-wide reports."""
    best = [links[0] if links else None for links in per_target]
    verdicts = [b[0].verdict if b else ("met" if covering else None) for b in best]
    evidence = sorted({id(e): e for links in per_target for e, _, _ in links}.values(),
                      key=lambda e: (-_RANK.get(e.verdict, 0), -e.score))
    evidence += [e for e in covering if e not in evidence]
    due = claim.deadline is not None and claim.deadline < as_of
    if all(v is None for v in verdicts):
        status = "no_evidence" if due or claim.deadline is None and claim.year and claim.year < as_of.year else "pending"
        reason = (f"截至{as_of.isoformat()}未见佐证（{looked_at}）" if status == "no_evidence"
                  else f"未到期（{claim.deadline or '无期限'}），尚无佐证（{looked_at}）")
        return Tracking(status, reason, due_state(claim.deadline, as_of, status), evidence)
    status = _combine(verdicts)
    progress = None
    if status in ("not_met", "partly") and not due:
        share, day = next(((s, d) for links in per_target for _, s, d in links[:1] if s is not None), (None, None))
        progress = progress_of(share, day, claim)
        status = "pending" if status == "not_met" else status
    parts = []
    for target, b, verdict in zip(claim.targets, best, verdicts):
        if b:
            e = b[0]
            parts.append(f"{e.reason}（{places.get(e.document_id, e.document_id)}）")
        elif verdict == "met":
            parts.append(f"{target.key}{target.text}：{covering[0].reason}（{places.get(covering[0].document_id, '')}）")
        else:
            parts.append(f"{target.text or target.key}：未见佐证")
    reason = "；".join(parts)
    if status == "pending":
        reason = f"未到期（{claim.deadline}）：" + reason
    if progress:
        reason += f"；序时进度 报告{progress.reported:g}%，应达{progress.expected:g}%"
    return Tracking(status, reason, due_state(claim.deadline, as_of, status), evidence, progress)


def _combine(verdicts: list[str | None]) -> str:
    known = [v for v in verdicts if v is not None]
    if len(known) < len(verdicts) or "partly" in known:
        return "partly" if any(v in ("met", "exceeded", "partly") for v in known) else "not_met"
    if all(v == "exceeded" for v in known):
        return "exceeded"
    if all(v in ("met", "exceeded") for v in known):
        return "met"
    return "partly" if any(v in ("met", "exceeded") for v in known) else "not_met"


def label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
