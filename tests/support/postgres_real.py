"""Runs Debian's real PostgreSQL as a private cluster (initdb, pg_ctl) on a free loopback port, for tests.

PostgreSQL refuses to run as root: when the tests run as root, the cluster belongs to the `postgres`
system user the Debian package creates. It keeps nothing safe on disk (fsync off): it lives as long as
the test session, in a temporary folder removed afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port

INSTALL_HINT = "PostgreSQL is not installed; install it with: sudo bash .ci/install-system-packages"
STARTUP_TIMEOUT = 60.0
SUPERUSER = "autoarr"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def postgres_bin_dir() -> Path | None:
    """The newest `/usr/lib/postgresql/<version>/bin` (Debian's layout), else the folder of `initdb` on PATH."""
    found = sorted(
        (p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


@dataclass(frozen=True)
class RealPostgres:
    """A running cluster whose superuser `autoarr` logs in without a password from loopback."""

    host: str
    port: int
    bin_dir: Path
    data_dir: Path

    def url(self, database: str) -> str:
        """The SQLAlchemy URL AutoArr takes (`postgresql+asyncpg://...`)."""
        return f"postgresql+asyncpg://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def sql(self, statement: str) -> str:
        """Run one statement as the superuser in the `postgres` database; its output, unaligned."""
        args = [str(self.bin_dir / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]
        args += ["-h", self.host, "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres", "-c", statement]
        done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed ({statement!r}): {done.stderr.strip()}")
        return done.stdout

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        self.sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def postmaster_pid(self) -> int:
        """The server's main process (its first line of postmaster.pid)."""
        return int((self.data_dir / "postmaster.pid").read_text().split()[0])

    def dump(self, name: str) -> bytes:
        """Everything the database holds, as pg_dump writes it (schema and rows)."""
        args = [str(self.bin_dir / "pg_dump"), "-h", self.host, "-p", str(self.port), "-U", SUPERUSER, name]
        return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout

    def drop_database(self, name: str) -> None:
        """Drop it, disconnecting whoever is still connected."""
        if not _NAME.match(name):
            raise ValueError(f"not a plain database name: {name!r}")
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _as_owner() -> dict[str, object]:
    """subprocess arguments running a server program as `postgres` when we are root (it refuses root)."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


@contextmanager
def real_postgres() -> Iterator[RealPostgres]:
    """initdb a cluster in a fresh temporary folder, start it on a free loopback port, stop and remove it after."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise RuntimeError(INSTALL_HINT)
    home = Path(tempfile.mkdtemp(prefix="autoarr-pg-"))
    owner = _as_owner()
    if owner:
        shutil.chown(home, user="postgres", group="postgres")
    data, log = home / "data", home / "postgres.log"
    host, port = "127.0.0.1", free_port()
    try:
        subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"],
            capture_output=True,
            check=True,
            timeout=120,
            **owner,  # type: ignore[call-overload]
        )
        options = f"-p {port} -k {home} -c listen_addresses={host} -c fsync=off -c synchronous_commit=off"
        options += " -c full_page_writes=off -c max_connections=300"
        subprocess.run(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
            capture_output=True,
            check=True,
            timeout=STARTUP_TIMEOUT + 10,
            **owner,  # type: ignore[call-overload]
        )
        server = RealPostgres(host=host, port=port, bin_dir=bin_dir, data_dir=data)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:  # pg_ctl -w waits for the socket; loopback TCP may lag a moment behind it
            try:
                server.sql("SELECT 1")
                break
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield server
    except subprocess.CalledProcessError as exc:
        tail = log.read_text()[-2000:] if log.exists() else ""
        raise RuntimeError(f"PostgreSQL failed to start: {exc.stderr!r} {tail}") from exc
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                check=False,
                timeout=60,
                **owner,  # type: ignore[call-overload]
            )
        shutil.rmtree(home, ignore_errors=True)
