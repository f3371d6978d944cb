"""The docs run as written: the README's command list, the tutorial and the how-to's Friday recipes.

Each document's shell lines run in order in a scratch folder, each using the files the lines before it made.
Only one thing is changed in them: the how-to's folder ``/srv/fazhi`` is the scratch folder (holding links to
this checkout's ``.venv`` and ``examples``). A line marked ``# 需要… / needs …`` (a server, the network) is
skipped with that reason; a crontab line runs its command after its schedule is checked; the mail step goes to
an SMTP server started here (aiosmtpd), and the messages it receives are checked as a mail client would.
"""

from __future__ import annotations

import email
import email.policy
import io
import os
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin"
#: ``# 需要服务器 / needs a PostgreSQL server``: a line the test cannot run here, and why.
NEEDS = re.compile(r"#\s*需要[^/]*/\s*needs (?P<why>.+)$")
#: A crontab line: five schedule fields, then the command.
CRON = re.compile(r"^(?P<fields>(?:[0-9*/,\-]+\s+){4}[0-9*/,\-]+)\s+(?P<command>\S.*)$")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (BIN / "fazhi-tasks").exists(),
                                                    reason="fazhi-tasks is not installed beside this Python")]


def shell_lines(markdown: str, *, sections: str | None = None) -> Iterator[str]:
    """The command lines of the ```sh blocks, continuation lines joined; with ``sections``, only the blocks under
    ``## `` headings matching that pattern."""
    heading = ""
    in_block = False
    pending = ""
    for line in markdown.splitlines():
        if not in_block and line.startswith("## "):
            heading = line
        if line.startswith("```"):
            in_block = not in_block and line.strip() == "```sh"
            continue
        if not in_block or (sections is not None and not re.search(sections, heading)):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole, pending = (pending + line).strip(), ""
        if whole and not whole.startswith("#"):
            yield whole


def cron_command(line: str) -> str:
    """A crontab line's command, after checking its five schedule fields; other lines as they are."""
    found = CRON.match(line)
    if found is None:
        return line
    minute, hour, day, month, weekday = found["fields"].split()
    assert minute.isdigit() and 0 <= int(minute) <= 59, line
    assert hour.isdigit() and 0 <= int(hour) <= 23, line
    assert (day, month) == ("*", "*") and weekday == "5", line  # every Friday
    return found["command"]


def run_document(lines: list[str], folder: Path, env: dict[str, str], *, stdin: str | None = None
                 ) -> list[tuple[str, str]]:
    """Run each line in ``folder`` as written (``stdin``: what each reads on standard input, as a script would
    give it); returns the lines skipped, with why."""
    skipped = []
    for written in lines:
        marked = NEEDS.search(written)
        if marked:
            skipped.append((written, marked["why"]))
            continue
        command = cron_command(written).replace("/srv/fazhi", shlex.quote(str(folder)))
        result = subprocess.run(["bash", "-e", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                                timeout=180, check=False, input=stdin)
        allowed = (0, 1) if "--fail-on" in command else (0,)
        assert result.returncode in allowed, f"{written}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, written
    return skipped


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """An empty folder with this checkout's .venv and examples linked in, as /srv/fazhi has them."""
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    return tmp_path


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "COV_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def test_readme_commands_run_as_written(scratch: Path) -> None:
    """The README's command list, in order, in an empty folder; only the PostgreSQL lines are skipped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = list(shell_lines(text, sections="Commands"))
    assert len(lines) >= 15
    skipped = run_document(lines, scratch, environment())
    assert [why for _, why in skipped] == ["a browser (runs until stopped)", "a PostgreSQL server",
                                           "a PostgreSQL server"]
    assert {"督办通报.docx", "清单.xlsx", "预测.html", "任务分解表.xlsx", "progress.db", "进展报送.xlsx",
            "周报.html"} <= {p.name for p in scratch.iterdir()}
    assert (scratch / "通知单").is_dir()


def test_tutorial_runs_as_written(scratch: Path) -> None:
    """The tutorial's shell lines, in order; the install lines (network) are skipped."""
    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    skipped = run_document(list(shell_lines(text)), scratch, environment())
    assert 2 == len(skipped) and all("network" in why for _, why in skipped)
    assert {"任务清单.xlsx", "progress.db", "进展报送.xlsx", "周报.html", "周报.xlsx"} <= {
        p.name for p in scratch.iterdir()}


class Inbox:
    """What the local SMTP server received: the raw bytes of each message."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_howto_friday_recipes_run_and_mail(scratch: Path) -> None:
    """The how-to's Friday recipes: the setup lines, then each crontab line's command as cron would run it,
    the mail going to a local SMTP server — a proper MIME message with the report attached."""
    from aiosmtpd.controller import Controller

    text = (ROOT / "docs" / "howto.md").read_text(encoding="utf-8")
    lines = list(shell_lines(text, sections="周五"))
    assert 2 == sum(1 for line in lines if CRON.match(line))
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        skipped = run_document(lines, scratch, environment(FAZHI_SMTP=f"127.0.0.1:{port}",
                                                            FAZHI_MAIL_FROM="fzb@example.gov.cn"))
    finally:
        controller.stop()
    assert [] == skipped
    assert (scratch / "out" / "周报.html").exists() and (scratch / "out" / "督办通报.docx").exists()
    assert 2 == len(inbox.messages)
    html_mail, word_mail = (email.message_from_bytes(m, policy=email.policy.default) for m in inbox.messages)
    for msg in (html_mail, word_mail):
        assert isinstance(msg, EmailMessage)
        assert "coordinator@example.gov.cn" == msg["To"]
        assert "1.0" == msg["MIME-Version"]
        assert msg["Message-ID"] and msg["Date"]
        raw_subject = next(line for line in bytes(msg).decode("ascii").splitlines() if line.startswith("Subject:"))
        assert "=?utf-8?" in raw_subject.lower()  # RFC 2047: Chinese survives every mail server
        assert str(msg["Subject"]).startswith("法治政府建设示范创建督办通报")
    assert html_mail.get_body(("html",)) is not None
    attached = {part.get_filename(): part for part in word_mail.iter_attachments()}
    assert {"督办通报.docx", "督办通知单.docx"} == set(attached)
    part = attached["督办通报.docx"]
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" == part.get_content_type()
    import docx

    body = docx.Document(io.BytesIO(part.get_content()))
    assert any("通报" in p.text for p in body.paragraphs)


def python_blocks(markdown: str, section: str) -> list[str]:
    """The ```python blocks under the ``## `` heading matching ``section``."""
    blocks: list[str] = []
    heading = ""
    current: list[str] | None = None
    for line in markdown.splitlines():
        if current is None and line.startswith("## "):
            heading = line
        if line.startswith("```"):
            if current is not None:
                blocks.append("\n".join(current))
                current = None
            elif line.strip() == "```python" and re.search(section, heading):
                current = []
            continue
        if current is not None:
            current.append(line)
    return blocks


WEB_PASSWORD = "correct horse 123"


def test_howto_web_front_setup_runs_as_written(scratch: Path) -> None:
    """The how-to's web front steps in an empty folder, the passwords given on standard input as a script
    would: the plan, the ledger, the accounts; then the app over them takes the division's login."""
    pytest.importorskip("starlette")
    text = (ROOT / "docs" / "howto.md").read_text(encoding="utf-8")
    lines = list(shell_lines(text, sections="运行网页端"))
    skipped = run_document(lines, scratch, environment(), stdin=WEB_PASSWORD + "\n")
    assert ["the network (the package, its web extra)", "a browser (runs until stopped)"] == [
        why for _, why in skipped]
    import fazhi_tasks as ft

    with ft.Ledger(scratch / "progress.db") as ledger:
        assert {"法治办", "局长", "政法处"} == {a.name for a in ledger.accounts()}
        division = ledger.account("政法处")
        assert division is not None
        assert "政策法规处" == division.division
    client = _test_client(scratch / "任务分解表.xlsx", scratch / "progress.db")
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    answer = client.post("/login", data={"username": "政法处", "password": WEB_PASSWORD,
                                         "csrf": token.group(1)}, follow_redirects=False)
    assert 303 == answer.status_code
    assert "政策法规处" in client.get("/").text


def _test_client(app_or_plan: Any, ledger: Path | None = None, **kwargs: Any) -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        from fazhi_tasks.web import create_app

        app = app_or_plan if ledger is None else create_app(plan=str(app_or_plan), ledger=str(ledger),
                                                             secret_key="k")
        return TestClient(app, **kwargs)


def test_howto_mount_example_runs_as_written(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The how-to's mounting example, run as written in a host's module (with the host's secret and its own
    authentication around it): the host's user reports on the front at /tasks/, recorded by the host's name."""
    pytest.importorskip("starlette")
    from starlette.authentication import AuthCredentials, AuthenticationBackend, SimpleUser
    from starlette.middleware.authentication import AuthenticationMiddleware

    import fazhi_tasks as ft

    run_document([".venv/bin/fazhi-tasks export -o 任务分解表.xlsx",
                  ".venv/bin/fazhi-tasks ledger init --ledger progress.db"], scratch, environment())
    blocks = python_blocks((ROOT / "docs" / "howto.md").read_text(encoding="utf-8"), "挂进自己的系统")
    assert 1 == len(blocks)
    monkeypatch.chdir(scratch)
    host: dict[str, Any] = {"OUR_SECRET": "the host's own secret"}
    exec(compile(blocks[0], "howto.md", "exec"), host)  # our own docs, as written

    class User(SimpleUser):
        def __init__(self, login: str, department: str) -> None:
            super().__init__(login)
            self.login, self.department = login, department

    class HostLogin(AuthenticationBackend):
        async def authenticate(self, conn: Any) -> tuple[AuthCredentials, User] | None:
            if conn.headers.get("x-host-user") != "zs":
                return None
            return AuthCredentials(["authenticated"]), User("张三", "政策法规处")

    app = host["app"]
    app.add_middleware(AuthenticationMiddleware, backend=HostLogin())
    client = _test_client(app, headers={"x-host-user": "zs"})
    page = client.get("/tasks/").text
    assert "张三（政策法规处）" in page
    assert 'href="/tasks/static/web.css"' in page
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/tasks/tasks/T001").text)
    assert token is not None
    answer = client.post("/tasks/tasks/T001/progress", data={
        "csrf": token.group(1), "status": "推进中", "percent": "30", "on": "2021-06-25", "note": "主机登录"},
        follow_redirects=False)
    assert 303 == answer.status_code
    assert answer.headers["location"].startswith("/tasks/tasks/T001")
    with ft.Ledger(scratch / "progress.db") as ledger:
        assert [("T001", "张三")] == [(u.task_id, u.by) for u in ledger.history("T001")]
    stranger = _test_client(app)
    assert stranger.get("/tasks/", follow_redirects=False).headers["location"].startswith(
        "/tasks/login")
