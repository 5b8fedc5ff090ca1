"""tests/shared/ is the same as ../shared/ wherever upstream sits beside the checkout."""

from __future__ import annotations

import pytest
from paths import SHARED, UPSTREAM

COPIED = ["gold/README.md", "gold/seeds.jsonl", "gold/questions.jsonl", "spec/records.md"]
SEEDS = ["000_0378b015487acb11.txt", "001_cd74adb5b9c1955c.txt", "002_7f5bbbb9c68be0a8.txt",
         "003_475aefbc56821e6d.txt", "004_248fb2ca9ccec8f7.txt"]


def test_the_copy_has_every_file_a_test_reads():
    missing = [name for name in COPIED + [f"seeds/{s}" for s in SEEDS] if not (SHARED / name).is_file()]
    assert missing == []


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="no ../shared/ beside this checkout (a plain clone)")
@pytest.mark.parametrize("name", COPIED + [f"seeds/{s}" for s in SEEDS])
def test_the_copy_matches_upstream(name):
    assert (SHARED / name).read_bytes() == (UPSTREAM / name).read_bytes(), (
        f"tests/shared/{name} differs from ../shared/{name}: copy it over and adapt the code")


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="no ../shared/ beside this checkout (a plain clone)")
def test_upstream_has_nothing_the_copy_lacks():
    upstream = {p.relative_to(UPSTREAM).as_posix() for d in ("gold", "spec", "seeds")
                for p in (UPSTREAM / d).rglob("*") if p.is_file()}
    assert upstream <= set(COPIED) | {f"seeds/{s}" for s in SEEDS}
