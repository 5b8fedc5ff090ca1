"""The freeze step of the tracking test split: add newly annotated test items to test_split.sha256.

    python tests/track/freeze.py

Appends the hash of every test-split gold line and document that is not frozen yet. A frozen
entry is never rewritten: when one no longer matches, the script names it and exits 1 without
writing anything (tests/test_track_quality.py then fails too).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
FROZEN = HERE / "test_split.sha256"


def current() -> dict[str, str]:
    """Hash of each test-split gold line (``gold:ID``) and document (``docs/FILE``), as now on disk."""
    lines = [line for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {f"gold:{json.loads(line)['id']}": hashlib.sha256(line.encode()).hexdigest()
           for line in lines if json.loads(line)["split"] == "test"}
    for line in (HERE / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line)["split"] == "test":
            name = json.loads(line)["file"]
            out[f"docs/{name}"] = hashlib.sha256((HERE / "docs" / name).read_bytes()).hexdigest()
    return out


def frozen() -> dict[str, str]:
    return dict(reversed(line.split("  ", 1)) for line in FROZEN.read_text().splitlines() if line.strip())


def main() -> int:
    now, old = current(), frozen()
    changed = sorted(k for k in old if now.get(k) != old[k])
    if changed:
        print(f"{FROZEN.name}: frozen test items changed or removed: {', '.join(changed)}", file=sys.stderr)
        return 1
    new = [k for k in now if k not in old]
    with FROZEN.open("a") as fh:
        fh.writelines(f"{now[k]}  {k}\n" for k in new)
    print(f"froze {len(new)} new test items ({len(old) + len(new)} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
