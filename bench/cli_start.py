"""Cold start of the command line: ``duban ask`` beside ``duban --help``, in one run; prints numbers.

    python bench/cli_start.py                      # builds ./corpus into a temporary data dir first
    python bench/cli_start.py --data-dir DIR --rounds 5

Each round starts every command as a new process, in turn (help, documents, ask), so that the
machine's load falls on all of them alike; the medians and the ask / help ratio are printed with
each command's peak memory. The issue's target is a cold ``ask`` within 3x a cold ``--help``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "低保标准提高到多少？"
COMMANDS = {
    "help": ["--help"],
    "documents": ["documents"],
    "ask": ["ask", QUESTION],
}


def _duban() -> list[str]:
    return [sys.executable, "-c", "from duban.cli import main; main()"]


def _cold(args: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one new ``duban`` process."""
    began = time.perf_counter()
    proc = subprocess.Popen(_duban() + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"duban {' '.join(args)} failed ({proc.returncode}): {proc.stderr.read().decode()[-500:]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an indexed data directory (default: build corpus/)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data_dir or Path(tmp) / "data"
        env = {**os.environ, "DUBAN_DATA": str(data)}
        if args.data_dir is None:
            began = time.perf_counter()
            subprocess.run(_duban() + ["run", str(ROOT / "corpus")], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"built {data} from corpus/ in {time.perf_counter() - began:.1f}s (not timed below)")
        _cold(COMMANDS["ask"], env)  # the first question may convert the model or fill OS caches
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        peaks: dict[str, float] = {}
        for _ in range(args.rounds):
            for name, command in COMMANDS.items():
                seconds, peak = _cold(command, env)
                times[name].append(seconds)
                peaks[name] = max(peaks.get(name, 0.0), peak)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name in COMMANDS:
        print(f"{name:10} median {medians[name]:6.2f}s  (min {min(times[name]):.2f}, max {max(times[name]):.2f}) "
              f" peak {peaks[name]:6.0f} MB")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"ask / help: {medians['ask'] / medians['help']:.2f}x (target <= 3)")


if __name__ == "__main__":
    main()
