"""The web front's figures under load: ``python benchmarks/web.py [--rounds N]``.

The app runs under uvicorn in a thread on an SQLite ledger file (a synthetic plan of 1,000 tasks, 8 divisions of
125 tasks each). Eight clients, one per division, each log in and then, round after round, upload a 100-row
progress sheet of their own tasks (new dates every round) and load the dashboard; the office loads the weekly
dashboard between. Printed: p50 and p95 latency of the upload and of the dashboard page, and the ledger's count
against what was sent (no update lost, none duplicated: every sheet uploaded a second time records nothing).
Then the office's dashboard for a plan of 10⁴ tasks (target under 1 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

import fazhi_tasks as ft  # noqa: E402
from benchmarks.synthetic import AS_OF, DIVISIONS, synthetic_plan, synthetic_updates  # noqa: E402
from fazhi_tasks.web import create_app  # noqa: E402

PASSWORD = "bench-password-1"
TODAY = AS_OF


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Running:
    """The app under uvicorn in a thread, for a ``with`` block."""

    def __init__(self, app: Any) -> None:
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def _sheet(task_ids: list[str], day: dt.date, round_no: int) -> bytes:
    lines = ["任务编号,状态,完成百分比,进展情况,报送日期"]
    lines += [f"{t},推进中,{(round_no * 7 + i) % 100},第{round_no}轮,{day.isoformat()}" for i, t in enumerate(task_ids)]
    return ("\n".join(lines) + "\n").encode()


def _quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   (n={len(ordered)})"


def _login(client: httpx.Client, name: str) -> None:
    answer = client.post("/api/login", json={"username": name, "password": PASSWORD})
    answer.raise_for_status()


def concurrent_clients(rounds: int) -> None:
    """Eight division clients uploading and reading at once; the office reading the dashboard."""
    plan = synthetic_plan(1000)
    with tempfile.TemporaryDirectory() as folder:
        ledger = ft.Ledger(Path(folder) / "progress.db", plan=plan)
        ledger.record_many(synthetic_updates(plan))
        for k, division in enumerate(DIVISIONS):
            ledger.add_account(f"d{k}", "division", division=division, password=PASSWORD)
        ledger.add_account("office", "office", password=PASSWORD)
        start_count = len(ledger)
        uploads: list[float] = []
        pages: list[float] = []
        dashboards: list[float] = []
        counts = {"imported": 0, "skipped": 0, "again": 0}
        lock = threading.Lock()
        with Running(create_app(plan=plan, ledger=ledger, today=TODAY, secret_key="bench")) as base:

            def division_client(k: int) -> None:
                own = [t.id for t in plan if t.division == DIVISIONS[k]][:100]
                with httpx.Client(base_url=base, timeout=120) as client:
                    _login(client, f"d{k}")
                    for r in range(rounds):
                        data = _sheet(own, TODAY - dt.timedelta(days=rounds - r), r)
                        t0 = time.perf_counter()
                        answer = client.post("/api/progress", files={"file": ("进展.csv", data, "text/csv")})
                        took = time.perf_counter() - t0
                        answer.raise_for_status()
                        again = client.post("/api/progress", files={"file": ("进展.csv", data, "text/csv")}).json()
                        t0 = time.perf_counter()
                        client.get("/").raise_for_status()
                        page = time.perf_counter() - t0
                        with lock:
                            uploads.append(took)
                            pages.append(page)
                            counts["imported"] += answer.json()["imported"]
                            counts["skipped"] += answer.json()["skipped"]
                            counts["again"] += again["imported"]

            def office_client() -> None:
                with httpx.Client(base_url=base, timeout=120) as client:
                    _login(client, "office")
                    for _ in range(rounds):
                        t0 = time.perf_counter()
                        client.get("/", params={"week_ending": TODAY.isoformat()}).raise_for_status()
                        with lock:
                            dashboards.append(time.perf_counter() - t0)

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=9) as pool:
                futures = [pool.submit(division_client, k) for k in range(len(DIVISIONS))]
                futures.append(pool.submit(office_client))
                for future in futures:
                    future.result()
            wall = time.perf_counter() - t0
        sent = len(DIVISIONS) * rounds * 100
        recorded = len(ledger) - start_count
        ledger.close()
    print(f"8 division clients × {rounds} rounds, 100-row sheets, SQLite ledger, uvicorn (one process), "
          f"{wall:.1f} s wall")
    print(f"  progress upload (100 rows)   {_quantiles(uploads)}")
    print(f"  division dashboard page      {_quantiles(pages)}")
    print(f"  office weekly dashboard      {_quantiles(dashboards)}")
    verdict = "ok" if recorded == sent == counts["imported"] and counts["again"] == 0 else "LOST OR DUPLICATED"
    print(f"  updates sent {sent}, imported {counts['imported']}, in the ledger {recorded}, "
          f"re-uploads recorded {counts['again']}: {verdict}")


def big_dashboard(n: int = 10_000) -> None:
    """The office's weekly dashboard for a plan of ``n`` tasks."""
    plan = synthetic_plan(n)
    with ft.Ledger(":memory:", plan=plan) as ledger:
        ledger.record_many(synthetic_updates(plan))
        ledger.add_account("office", "office", password=PASSWORD)
        with Running(create_app(plan=plan, ledger=ledger, today=TODAY, secret_key="bench")) as base, \
                httpx.Client(base_url=base, timeout=120) as client:
            _login(client, "office")
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                answer = client.get("/", params={"week_ending": TODAY.isoformat()})
                times.append(time.perf_counter() - t0)
                answer.raise_for_status()
            size = len(answer.content)
    print(f"office dashboard, {n:,} tasks: {_quantiles(times)}, page {size / 1e6:.1f} MB "
          f"({'under' if statistics.median(times) < 1 else 'OVER'} 1 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="upload rounds per client (default 5)")
    args = parser.parse_args()
    concurrent_clients(args.rounds)
    big_dashboard()
    return 0


if __name__ == "__main__":
    sys.exit(main())
