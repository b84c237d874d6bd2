"""Run every benchmark script (benchmarks/bench_*.py) with its default arguments, one after another.

    make benchmarks        # or: .venv/bin/python benchmarks/run_all.py

Each script prints its own JSON result; docs/benchmarks.md records the figures
and the command for each. Scripts run in sequence because the machines have
two cores and parallel runs would distort each other's timings.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], check=False)
        print(f"== {script.name}: exit {result.returncode} after {time.perf_counter() - started:.1f} s", flush=True)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
