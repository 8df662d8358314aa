"""The ports tests give the programs they start: free, distinct, and out of the kernel's way."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.support.ports import free_port


def test_ports_are_free_distinct_and_below_the_ephemeral_range() -> None:
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports = [free_port() for _ in range(20)]
    assert len(set(ports)) == 20
    assert all(port < low for port in ports)  # the kernel never hands these to bind(0) or connect()
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", port))


def test_a_port_in_use_is_skipped() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        held = taken.getsockname()[1]
        ports = [free_port() for _ in range(2000)]  # more than a worker's block: every port comes round again
    assert held not in ports
