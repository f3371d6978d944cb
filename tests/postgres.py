"""A throwaway PostgreSQL server for the tests, started from the installed server binaries.

It runs as the ``postgres`` user when the tests run as root (the server refuses root), in a
temporary folder, on a free port, with its unix socket in that folder and no TCP listener.
Where no server binaries are found or it does not start, :func:`start` says why and the
PostgreSQL tests are skipped with that reason.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs

#: Where Debian and Ubuntu put each major version's server binaries; the newest is used.
BIN_DIRS = tuple(str(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                                        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                                        reverse=True))


@attrs.frozen
class Server:
    """A running server: its folder, socket folder and port; the superuser is ``postgres``."""

    folder: Path
    port: int
    bin_dir: Path

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        """A libpq URL for ``user`` on ``database`` over the unix socket."""
        return f"postgresql://{user}@/{database}?host={self.folder}&port={self.port}"

    def new_database(self, template: str = "template1") -> str:
        """A fresh, empty database's URL (as the superuser)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def restart(self) -> None:
        """Stop the server (fast: sessions are ended) and start it again, as an upgrade or a crash would."""
        subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                                        "-l", str(self.folder / "log"), "-w", "-t", "60", "restart"]),
                       check=True, capture_output=True, timeout=120)

    def drop_database(self, url: str) -> None:
        """Drop a database :meth:`new_database` made (its sessions ended first)."""
        import psycopg

        name = url.split("/")[3].split("?", maxsplit=1)[0]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def start() -> Iterator[Server | str]:
    """Start a server for the duration of the block; yields it, or the reason it could not start."""
    bin_dir = next((Path(d) for d in BIN_DIRS if Path(d, "initdb").exists()), None)
    if bin_dir is None:
        yield "no PostgreSQL server binaries found (apt-get install postgresql)"
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield "psycopg is not installed (pip install 'fazhi-tasks[postgres]')"
        return
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            yield "running as root and there is no 'postgres' user to run the server as"
            return
    folder = Path(tempfile.mkdtemp(prefix="fazhi-pg-"))
    if os.geteuid() == 0:
        os.chown(folder, user.pw_uid, user.pw_gid)
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                        "-E", "UTF8", "--locale=C", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                        str(folder / "log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        yield f"the PostgreSQL server did not start: {exc} {detail.decode(errors='replace')[-300:]}"
        return
    try:
        yield Server(folder, port, bin_dir)
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
