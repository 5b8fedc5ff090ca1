"""Ray against Dask distributed as duban's engine: start-up, memory, a killed worker.

    python bench/engines.py dask      # in an environment with distributed installed
    python bench/engines.py ray       # in one with ray installed

For each engine it starts a local cluster of 2 single-threaded workers, as the tests do, and
prints: the import time, the time to a first task's result, the resident memory of the driver
and every process the engine started (summed from /proc), and what happens to a task whose
worker process is killed while it runs (is it redone elsewhere, and how long it took).
The figures are in docs/scaling.md; the install size was measured with
``du -s`` of a fresh virtual environment with only the engine installed.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from pathlib import Path


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(c) for c in text)
    return children + [d for c in children for d in _descendants(c) if Path(f"/proc/{c}").exists()]


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def slow_task(marker: str, seconds: float) -> int:
    """Writes this process's id to ``marker`` once, then sleeps: the test kills that process."""
    path = Path(marker)
    first = not path.exists()
    path.write_text(str(os.getpid()))
    if first:
        time.sleep(seconds)
    return os.getpid()


def negate(x: int) -> int:
    return -x


def _kill_when_started(marker: Path, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(marker.read_text())
    os.kill(pid, signal.SIGKILL)
    return pid


def run_dask() -> dict:
    started = time.perf_counter()
    from distributed import Client, LocalCluster
    imported = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(cluster)
    assert client.submit(negate, -1).result() == 1
    ready = time.perf_counter()
    rss = _rss_mb([os.getpid(), *_descendants(os.getpid())])
    marker = Path(tempfile.mkdtemp()) / "pid"
    future = client.submit(slow_task, str(marker), 5.0, pure=False)
    killed = _kill_when_started(marker)
    t0 = time.perf_counter()
    redone_by = future.result(timeout=120)
    result = dict(import_s=imported - started, first_result_s=ready - imported, rss_mb=rss,
                  killed=killed, redone_by=redone_by, redo_s=time.perf_counter() - t0)
    client.close()
    cluster.close()
    return result


def run_ray() -> dict:
    started = time.perf_counter()
    import ray
    imported = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    task = ray.remote(slow_task)
    assert ray.get(ray.remote(negate).remote(-1)) == 1
    ready = time.perf_counter()
    rss = _rss_mb([os.getpid(), *_descendants(os.getpid())])
    marker = Path(tempfile.mkdtemp()) / "pid"
    ref = task.remote(str(marker), 5.0)
    killed = _kill_when_started(marker)
    t0 = time.perf_counter()
    redone_by = ray.get(ref, timeout=120)
    result = dict(import_s=imported - started, first_result_s=ready - imported, rss_mb=rss,
                  killed=killed, redone_by=redone_by, redo_s=time.perf_counter() - t0)
    ray.shutdown()
    return result


if __name__ == "__main__":
    engine = sys.argv[1] if len(sys.argv) > 1 else "dask"
    numbers = {"dask": run_dask, "ray": run_ray}[engine]()
    print(f"{engine}: import {numbers['import_s']:.2f} s, cluster + first result {numbers['first_result_s']:.2f} s, "
          f"RSS of driver + cluster {numbers['rss_mb']:.0f} MB; worker {numbers['killed']} killed mid-task: "
          f"{'redone by ' + str(numbers['redone_by']) if numbers['redone_by'] != numbers['killed'] else 'NOT redone'} "
          f"in {numbers['redo_s']:.2f} s")
