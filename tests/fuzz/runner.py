"""Run mutated inputs through every reader and the CLI, each in a worker process under a time limit.

Each input must either load or raise a :class:`fazhi_tasks.FazhiTasksError`; through the CLI it must end
with exit 0, 1 or 2, at most one line on stderr and no traceback. Anything else is a finding, keyed by
its *site*: the exception type and the innermost ``fazhi_tasks`` function it came from.

Findings in readers that other people are changing are listed in :data:`KNOWN`, so the CI-sized run
stays green while they are fixed; the long run (``make fuzz``) prints how often each one was hit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import multiprocessing
import os
import random
import resource
import signal
import tempfile
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

import fazhi_tasks as ft
from fazhi_tasks import cli

from .mutate import mutate

#: The formats fuzzed: name → (suffix, kind).
FORMATS = {"plan.toml": (".toml", "plan"), "plan.json": (".json", "plan"), "plan.csv": (".csv", "plan"),
           "plan.xlsx": (".xlsx", "plan"), "plan.xls": (".xls", "plan"), "plan.ods": (".ods", "plan"),
           "plan-title-rows.xlsx": (".xlsx", "plan"), "updates.csv": (".csv", "updates"),
           "updates.xlsx": (".xlsx", "updates"), "updates.ods": (".ods", "updates"),
           "updates.json": (".json", "updates")}

#: Seeds the library cannot write (.xls, .ods, a clerk's layout with title rows): from the corpus of real sheets.
CORPUS = {"plan.xls": "24-two-row-header.xls", "plan.ods": "25-section-stages.ods",
          "plan-title-rows.xlsx": "01-title-rows.xlsx"}
_SHEETS = Path(__file__).resolve().parent.parent / "data" / "sheets"

#: Seconds one input may take (reading, then the CLI) before it counts as a finding.
TIME_LIMIT = float(os.environ.get("FUZZ_TIME_LIMIT", "5"))
#: Address space per worker: an input that needs more fails with MemoryError, a finding.
MEMORY_LIMIT = 1536 << 20

#: Findings in modules owned by other work in progress (issue 18), by site → what it is. Each is
#: reported by the long run with its count; remove an entry when its fix lands (the CI run then guards it).
KNOWN: dict[str, str] = {}


class _Timeout(BaseException):
    """The input ran past :data:`TIME_LIMIT`."""


@attrs.frozen
class Outcome:
    """What one input did."""

    fmt: str
    index: int
    result: str  # "loaded", "rejected" or "finding"
    site: str = ""
    detail: str = ""


def _seed_plan() -> ft.Plan:
    """A small plan with every kind of field, from the bundled sample."""
    sample = ft.sample_plan()
    order = sample.topological_order[:15]
    tasks = [sample[i] for i in order]
    return ft.Plan(name=sample.name, stages=sample.stages, divisions=sample.divisions, tasks=tasks,
                   indicators=sample.indicators, holidays=[dt.date(2021, 3, 8)], workdays=[dt.date(2021, 3, 13)],
                   description="fuzz seed")


def write_seeds(folder: Path) -> dict[str, Path]:
    """One file per format, written by the library itself."""
    plan = _seed_plan()
    with_calendar = attrs.evolve(plan, calendar_years=[ft.YearSchedule(
        2027, [dt.date(2027, 1, 1), dt.date(2027, 2, 8)], [dt.date(2027, 2, 14)], source="seed")])
    updates = [u for u in ft.sample_updates() if u.task_id in plan][:30]
    seeds = {}
    for fmt, (suffix, kind) in FORMATS.items():
        path = folder / f"seed-{fmt}"
        if fmt in CORPUS:
            path.write_bytes((_SHEETS / CORPUS[fmt]).read_bytes())
        elif fmt == "updates.ods":  # the library writes no .ods: the progress sheet as LibreOffice types it
            _updates_ods(path, updates)
        elif kind == "plan":
            ft.save_plan(with_calendar if suffix in (".toml", ".json") else plan, path)
        else:
            ft.export_updates(updates, path)
        seeds[fmt] = path
    return seeds


def _updates_ods(path: Path, updates: list[ft.Update]) -> None:
    """A progress sheet in .ods: ids and statuses as text, percent cells typed as percentages, dates as dates."""
    from tests.hostile import ods, ods_cell

    rows = "<table:table-row>" + "".join(ods_cell(h) for h in ("任务编号", "状态", "完成进度", "报送日期", "进展情况"))
    rows += "</table:table-row>"
    for u in updates:
        percent = ("" if u.percent is None else f'<table:table-cell office:value-type="percent" '
                   f'office:value="{u.percent / 100}"><text:p>{u.percent}%</text:p></table:table-cell>')
        rows += ("<table:table-row>" + ods_cell(u.task_id) + ods_cell(u.status.value) + (percent or ods_cell())
                 + f'<table:table-cell office:value-type="date" office:date-value="{u.on.isoformat()}">'
                 f"<text:p>{u.on.isoformat()}</text:p></table:table-cell>" + ods_cell(u.note) + "</table:table-row>")
    ods(path, whole=rows)


def _site(exc: BaseException) -> str:
    """``Type@module:function`` of the innermost frame inside fazhi_tasks (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    inside = [f for f in frames if "fazhi_tasks" in f.filename]
    chosen = inside or frames
    where = f"{Path(chosen[-1].filename).stem}:{chosen[-1].name}" if chosen else "?"
    kind = "timeout" if isinstance(exc, _Timeout) else type(exc).__name__
    return f"{kind}@{where}"


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _init_worker() -> None:
    # openpyxl warns about odd cells (a date serial out of range); the CLI's stderr contract is checked on the
    # CLI's own stream, and pytest's "warnings are errors" must not turn those warnings into findings.
    warnings.simplefilter("ignore")
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _on_alarm)


@contextlib.contextmanager
def _limit(seconds: float) -> Iterator[None]:
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _cli_args(kind: str, path: Path) -> list[str]:
    if kind == "plan":
        return ["check", "--plan", str(path)]
    return ["import", str(path), "--ledger", ":memory:"]


def _cells(path: Path) -> int:
    """Rows × columns the worksheets of an XLSX declare or use (0 when it is no readable zip)."""
    import re
    import zipfile

    from openpyxl.utils import column_index_from_string

    most = 0
    with contextlib.suppress(zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError), \
            zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    text = archive.read(name).decode("utf-8", "replace")
                    for col, row in re.findall(r'\b(?:r|ref)="(?:[A-Z]+\d+:)?([A-Z]{1,3})(\d{1,7})"', text):
                        most = max(most, column_index_from_string(col) * int(row))
    return most


def run_one(job: tuple[str, int, int, str, str]) -> Outcome:
    """Mutate the seed of one format with (seed, index), then read it and run it through the CLI.

    Reading and the CLI each get :data:`TIME_LIMIT` seconds; making the input is not timed.
    """
    fmt, index, seed, seed_path, folder = job
    suffix, kind = FORMATS[fmt]
    rng = random.Random(f"{fmt}:{seed}:{index}")
    path = Path(folder) / f"{fmt.replace('.', '-')}-{seed}-{index}{suffix}"
    result = "loaded"
    try:
        path.write_bytes(mutate(Path(seed_path).read_bytes(), suffix, rng))
        try:
            with _limit(TIME_LIMIT):
                ft.load_plan(path) if kind == "plan" else ft.import_updates(path)
        except ft.FazhiTasksError:
            result = "rejected"
        out, err = io.StringIO(), io.StringIO()
        with _limit(TIME_LIMIT):
            code = cli.main(_cli_args(kind, path), stdout=out, stderr=err)
        lines = err.getvalue().splitlines()
        if code not in (0, 1, 2) or len(lines) > 1 or "Traceback" in err.getvalue():
            return Outcome(fmt, index, "finding", f"cli-exit-{code}@cli:main", err.getvalue()[:300])
        return Outcome(fmt, index, result)
    except BaseException as exc:
        site = _site(exc)
        if isinstance(exc, _Timeout | MemoryError) and suffix == ".xlsx" and _cells(path) >= 50_000:
            site = f"{site.split('@')[0]}@_tabular:huge sheet"  # wherever the alarm struck, the sheet's size is why
        outcome = Outcome(fmt, index, "finding", site, f"{type(exc).__name__}: {str(exc)[:200]}")
        keep = os.environ.get("FUZZ_KEEP")
        if keep and path.exists():
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / path.name).write_bytes(path.read_bytes())
        return outcome
    finally:
        path.unlink(missing_ok=True)


@attrs.frozen
class Report:
    """Counts per format and every finding."""

    tried: Counter[str]
    loaded: Counter[str]
    rejected: Counter[str]
    findings: tuple[Outcome, ...]

    @property
    def unexpected(self) -> list[Outcome]:
        """Findings not in :data:`KNOWN`."""
        return [o for o in self.findings if o.site not in KNOWN]

    @property
    def known(self) -> Counter[str]:
        """How often each known site was hit."""
        return Counter(o.site for o in self.findings if o.site in KNOWN)

    def table(self) -> str:
        """The per-format summary, as Markdown."""
        rows = ["| format | inputs | loaded | rejected cleanly | known (others' modules) | unexpected |",
                "|---|---:|---:|---:|---:|---:|"]
        for fmt in FORMATS:
            known = sum(1 for o in self.findings if o.fmt == fmt and o.site in KNOWN)
            other = sum(1 for o in self.findings if o.fmt == fmt and o.site not in KNOWN)
            counts = (self.tried[fmt], self.loaded[fmt], self.rejected[fmt], known, other)
            rows.append(f"| {fmt} | " + " | ".join(map(str, counts)) + " |")
        return "\n".join(rows)


def run(count: int, *, seed: int = 2026, workers: int | None = None) -> Report:
    """``count`` mutated inputs per format, in a pool of worker processes."""
    with tempfile.TemporaryDirectory(prefix="fazhi-fuzz-") as folder:
        seeds = write_seeds(Path(folder))
        jobs = [(fmt, i, seed, str(seeds[fmt]), folder) for i in range(count) for fmt in FORMATS]
        tried: Counter[str] = Counter()
        loaded: Counter[str] = Counter()
        rejected: Counter[str] = Counter()
        findings: list[Outcome] = []
        context = multiprocessing.get_context("fork")
        with context.Pool(workers or min(2, os.cpu_count() or 1), initializer=_init_worker,
                          maxtasksperchild=100) as pool:
            results = pool.imap_unordered(run_one, jobs)
            for _ in jobs:
                outcome: Any = results.next(timeout=TIME_LIMIT * 4 + 60)
                tried[outcome.fmt] += 1
                if outcome.result == "loaded":
                    loaded[outcome.fmt] += 1
                elif outcome.result == "rejected":
                    rejected[outcome.fmt] += 1
                else:
                    findings.append(outcome)
        return Report(tried, loaded, rejected, tuple(sorted(findings, key=lambda o: (o.fmt, o.index))))
