"""Ports for the programs tests start themselves (AutoArr, SABnzbd, Redis, PostgreSQL, relays).

Such a program binds its port a second or more after the test chose it. A port the kernel handed out
(`bind(0)`) is in its ephemeral range, where any other worker's listener or outgoing connection may take it
in between. These ports come from below that range instead, a block per pytest-xdist worker, handed out in
turn: nothing else on the machine allocates them, and no two workers share one.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import socket
from pathlib import Path

from autoarr.sim.server import free_port as kernel_port

_FIRST = 20_000
_BLOCK = 1_500
_WORKERS = 8  # blocks; workers beyond share them modulo (the bind check below still skips a taken port)
# From a random place in the block: a second pytest run beside this one (a single file during a full run) rarely
# walks the same ports at the same time.
_turn = itertools.count(random.randrange(_BLOCK))


def free_port() -> int:
    """A loopback TCP port nothing is bound to, outside the kernel's ephemeral range when possible."""
    if _ephemeral_low() < _FIRST + _WORKERS * _BLOCK:
        return kernel_port()
    base = _FIRST + _worker_index() % _WORKERS * _BLOCK
    for _ in range(_BLOCK):
        port = base + next(_turn) % _BLOCK
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))  # no SO_REUSEADDR: a port still in TIME_WAIT is skipped too
            except OSError:
                continue
        return port
    return kernel_port()


def _worker_index() -> int:
    match = re.search(r"\d+", os.environ.get("PYTEST_XDIST_WORKER", "gw0"))
    return int(match.group()) if match else 0


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768  # Linux's default
