"""``python -m tests.fuzz``: the long run (``make fuzz``); FUZZ_COUNT inputs per format (default 2000)."""

from __future__ import annotations

import os
import sys
import time

from .runner import KNOWN, run


def main() -> int:
    count = int(os.environ.get("FUZZ_COUNT", "2000"))
    seed = int(os.environ.get("FUZZ_SEED", "2026"))
    started = time.monotonic()
    report = run(count, seed=seed)
    print(f"fuzz: {count} inputs per format, seed {seed}, {time.monotonic() - started:.0f} s\n")
    print(report.table())
    if report.known:
        print("\nknown findings in others' modules (tests/fuzz/runner.py KNOWN):")
        for site, n in report.known.most_common():
            print(f"  {n:5}  {site}  — {KNOWN[site]}")
    for o in report.unexpected:
        print(f"UNEXPECTED {o.fmt} #{o.index} (seed {seed}): {o.site}: {o.detail}")
    return 1 if report.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
