"""One event fanned out to 1,000 WebSocket clients in one room of one AutoArr process; idle cost per connection.

Targets (issue: live events): spread (p99 receive time minus first receive time) <= 250 ms;
an idle connection costs <= 50 KB of AutoArr's RSS.

The event is a real one: AutoArr health-checks a SABnzbd simulator running in its own process every
second; stopping the simulator makes the next check publish `service.health_changed` (healthy false)
to the `system` room, restarting it on the same port publishes healthy true. The circuit breaker's
threshold is raised so that its opening does not publish a second event per outage.

The clients run in child processes of this script (so that starting and stopping the simulator does
not run in their loop); all stamp receive times with time.perf_counter(), which is CLOCK_MONOTONIC on
Linux and so one clock across processes. Three client set-ups show how much of the spread is the
clients' own: the `websockets` library in one asyncio loop (as the tests use it), the same split over
two processes, and a minimal client that stamps the time as the bytes arrive, before any parsing.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any, cast

import httpx2

from autoarr.sim.server import free_port
from bench._harness import ROOT, Proc, autoarr_serve, record
from bench._sim_proc import KEY as SIM_KEY

KEY = "bench-key-0123456789abcdefghijkl"
SECTION = "WebSocket fan-out: 1,000 clients in one room"
JOIN = json.dumps({"type": "join_room", "room": "system"})
EVENT_MARK = b'"service.health_changed"'
CONNECT_CONCURRENCY = 50
EVENT_TIMEOUT_S = 30.0


# --- the client side (runs in worker processes) -------------------------------------------------


class Tally:
    """How many clients have received their K-th event, and a signal when all of them have."""

    def __init__(self, clients: int) -> None:
        self._clients = clients
        self._counts: Counter[int] = Counter()
        self._complete: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

    def received(self, k: int) -> None:
        self._counts[k] += 1
        if self._counts[k] == self._clients:
            self._complete[k].set()

    def complete(self, k: int) -> asyncio.Event:
        return self._complete[k]


class LibraryClient:
    """The `websockets` library's asyncio client; the time is taken when `recv` hands the message over."""

    def __init__(self, tally: Tally) -> None:
        self.stamps: list[float] = []
        self.healthy: list[bool] = []  # what each event said, to check that every toggle gave one event
        self._tally = tally
        self._ws: Any = None
        self._task: asyncio.Task[None] | None = None

    async def open(self, url: str) -> None:
        from websockets.asyncio.client import connect

        self._ws = await connect(url, compression=None, ping_interval=None, open_timeout=60)
        await self._ws.send(JOIN)
        reply = json.loads(await self._ws.recv())
        if reply != {"type": "room_joined", "room": "system"}:
            raise RuntimeError(f"unexpected reply to join_room: {reply}")
        self._task = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for message in self._ws:
                if EVENT_MARK.decode() in message:
                    self.stamps.append(time.perf_counter())
                    self.healthy.append('"healthy": true' in message)
                    self._tally.received(len(self.stamps))
        except ConnectionClosed:
            pass

    async def close(self) -> None:
        await self._ws.close()
        if self._task is not None:
            await self._task


class RawClient(asyncio.Protocol):
    """A minimal RFC 6455 client: the time is taken as the bytes arrive, before any frame is parsed."""

    def __init__(self, request: bytes, tally: Tally) -> None:
        self.stamps: list[float] = []
        self.healthy: list[bool] = []  # what each event said, to check that every toggle gave one event
        self._tally = tally
        self._request = request
        self._buffer = bytearray()
        self._upgraded = False
        self._transport: asyncio.Transport | None = None
        self.joined: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass it
        self._transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self._buffer += data
        if not self._upgraded:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self._buffer.startswith(b"HTTP/1.1 101"):
                self._fail(f"handshake refused: {bytes(self._buffer[:end])!r}")
                return
            del self._buffer[: end + 4]
            self._upgraded = True
            self.send(0x1, JOIN.encode())
        while (frame := self._next_frame()) is not None:
            opcode, payload = frame
            if opcode == 0x1 and EVENT_MARK in payload:
                self.stamps.append(now)
                self.healthy.append(b'"healthy": true' in payload)
                self._tally.received(len(self.stamps))
            elif opcode == 0x1 and b"room_joined" in payload and not self.joined.done():
                self.joined.set_result(None)
            elif opcode == 0x9:  # the server's keep-alive ping
                self.send(0xA, payload)
            elif opcode == 0x8:
                self._fail("closed by the server")

    def _next_frame(self) -> tuple[int, bytes] | None:
        """One complete unmasked, unfragmented server frame off the buffer, or None."""
        buf = self._buffer
        if len(buf) < 2:
            return None
        length, header = buf[1] & 0x7F, 2
        if length == 126:
            if len(buf) < 4:
                return None
            length, header = int.from_bytes(buf[2:4], "big"), 4
        elif length == 127:
            if len(buf) < 10:
                return None
            length, header = int.from_bytes(buf[2:10], "big"), 10
        if len(buf) < header + length:
            return None
        opcode, payload = buf[0] & 0x0F, bytes(buf[header : header + length])
        del buf[: header + length]
        return opcode, payload

    def send(self, opcode: int, payload: bytes) -> None:
        """A final, masked frame; the all-zero mask leaves the payload as it is (payloads here are < 126 bytes)."""
        assert self._transport is not None
        assert len(payload) < 126
        self._transport.write(bytes([0x80 | opcode, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)

    def _fail(self, why: str) -> None:
        if not self.joined.done():
            self.joined.set_exception(ConnectionError(why))
        if self._transport is not None:
            self._transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.joined.done():
            self.joined.set_exception(ConnectionError(f"connection lost: {exc}"))

    async def close(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self.send(0x8, (1000).to_bytes(2, "big"))
            self._transport.close()


async def _open_raw(host: str, port: int, path: str, tally: Tally) -> RawClient:
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    _, client = await asyncio.get_running_loop().create_connection(lambda: RawClient(request, tally), host, port)
    await asyncio.wait_for(client.joined, 60)
    return client


async def _worker(mode: str, port: int, first: int, count: int) -> None:
    """Connect `count` clients, say ready, then per `K` line on stdin report every client's K-th receive time."""
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    tally = Tally(count)
    started = time.perf_counter()

    async def one(n: int) -> LibraryClient | RawClient:
        path = f"/ws/bench-{n}?api_key={KEY}"
        async with gate:
            if mode == "raw":
                return await _open_raw("127.0.0.1", port, path, tally)
            client = LibraryClient(tally)
            await client.open(f"ws://127.0.0.1:{port}{path}")
            return client

    clients = await asyncio.gather(*(one(first + n) for n in range(count)))
    _say({"ready": len(clients), "connect_s": time.perf_counter() - started})
    while (line := (await asyncio.to_thread(sys.stdin.readline)).strip()) not in ("", "quit"):
        expected = int(line)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(tally.complete(expected).wait(), EVENT_TIMEOUT_S)
        got = [c for c in clients if len(c.stamps) >= expected]
        said = sorted({c.healthy[expected - 1] for c in got})
        _say({"times": [c.stamps[expected - 1] for c in got], "missing": count - len(got), "healthy": said})
    await asyncio.gather(*(c.close() for c in clients))


def _say(message: dict[str, Any]) -> None:
    print(json.dumps(message), flush=True)


def _worker_main(argv: list[str]) -> None:
    mode, port, first, count = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    if mode == "raw":
        import uvloop

        uvloop.run(_worker(mode, port, first, count))
    else:
        asyncio.run(_worker(mode, port, first, count))


# --- the orchestrating side ----------------------------------------------------------------------


@dataclass
class Setup:
    label: str
    mode: str
    processes: int


SETUPS = (
    Setup("`websockets` library, 1 process (asyncio)", "library", 1),
    Setup("`websockets` library, 2 processes (asyncio)", "library", 2),
    Setup("minimal client, stamp on arrival, 1 process (uvloop)", "raw", 1),
)


@dataclass
class Spread:
    p50_ms: float
    p99_ms: float
    max_ms: float
    missing: int


def _spread(times: list[float], missing: int) -> Spread:
    ordered = sorted(times)
    first = ordered[0]

    def rank(q: float) -> float:
        return (ordered[max(0, math.ceil(q * len(ordered)) - 1)] - first) * 1000

    return Spread(rank(0.50), rank(0.99), (ordered[-1] - first) * 1000, missing)


class Simulator:
    """The SABnzbd simulator in its own process, stopped and restarted on one port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        argv = [sys.executable, "-m", "bench._sim_proc", "sabnzbd", str(self.port)]
        self._process = subprocess.Popen(argv, cwd=ROOT)
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"the simulator exited with {self._process.returncode}")
            try:
                httpx2.get(self.url + "/api", params={"mode": "version"}, timeout=1)
            except httpx2.TransportError:
                time.sleep(0.02)
            else:
                return

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None

    @property
    def running(self) -> bool:
        return self._process is not None


def _wait_sab(server: Proc, *, healthy: bool) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        body = httpx2.get(server.url + "/health/sabnzbd", headers={"X-API-Key": KEY}, timeout=5).json()
        if body["healthy"] is healthy and body["last_check"] is not None:
            return
        time.sleep(0.1)
    raise RuntimeError(f"SABnzbd never turned healthy={healthy} in AutoArr's health view")


def _spawn(setup: Setup, port: int, first: int, count: int) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "bench.ws_fanout", "--worker", setup.mode, str(port), str(first), str(count)]
    return subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _read(stream: IO[str] | None) -> dict[str, Any]:
    assert stream is not None
    line = stream.readline()
    if not line:
        raise RuntimeError("a client worker exited early (see its stderr above)")
    message: dict[str, Any] = json.loads(line)
    return message


@dataclass
class SetupResult:
    setup: Setup
    connect_s: float
    spreads: list[Spread]


def _run_setup(
    setup: Setup, server: Proc, sim: Simulator, *, clients: int, events: int, on_ready: Any = None
) -> SetupResult:
    port = int(server.url.rsplit(":", 1)[1])
    share = clients // setup.processes
    workers = [_spawn(setup, port, n * share, share) for n in range(setup.processes)]
    try:
        connect_s = max(_read(w.stdout)["connect_s"] for w in workers)
        if on_ready is not None:
            on_ready()
        spreads = []
        for k in range(1, events + 1):
            # Each toggle flips SABnzbd's verdict, and the next health check publishes exactly one event.
            if sim.running:
                sim.stop()
            else:
                sim.start()
            for w in workers:
                assert w.stdin is not None
                w.stdin.write(f"{k}\n")
                w.stdin.flush()
            times: list[float] = []
            missing = 0
            for w in workers:
                answer = _read(w.stdout)
                times += answer["times"]
                missing += answer["missing"]
                if answer["healthy"] != [sim.running]:
                    raise RuntimeError(f"event {k} said healthy={answer['healthy']}, expected {sim.running}")
            spreads.append(_spread(times, missing))
            s = spreads[-1]
            print(
                f"  {setup.label}: event {k}: p50 {s.p50_ms:.1f} ms, p99 {s.p99_ms:.1f} ms, max {s.max_ms:.1f} ms, "
                f"missing {s.missing}",
                flush=True,
            )
        for w in workers:
            assert w.stdin is not None
            w.stdin.write("quit\n")
            w.stdin.flush()
        for w in workers:
            w.wait(timeout=60)
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    return SetupResult(setup, connect_s, spreads)


def _raise_open_files(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=6, help="events per client set-up (even: ends healthy)")
    parser.add_argument("--idle-seconds", type=float, default=3.0)
    args = parser.parse_args()
    _raise_open_files(2 * args.clients + 1024)  # inherited by the server and the client workers

    load_before = os.getloadavg()[0]
    sim = Simulator()
    sim.start()
    env = {
        "AUTOARR_API_KEY": KEY,
        "AUTOARR_DATA_DIR": tempfile.mkdtemp(prefix="autoarr-bench-"),
        "AUTOARR_LOG_LEVEL": "warning",
        "AUTOARR_RATE_LIMITS": "general=100000/minute",  # every WebSocket handshake is a `general` hit
        "AUTOARR_HEALTH_INTERVAL_SECONDS": "1",
        "AUTOARR_CIRCUIT_FAILURE_THRESHOLD": "1000000",
        "SABNZBD_URL": sim.url,
        "SABNZBD_API_KEY": SIM_KEY,
    }
    server = autoarr_serve(env, KEY)
    rss: dict[str, float] = {}
    results: list[SetupResult] = []
    try:
        _wait_sab(server, healthy=True)
        time.sleep(1)
        rss["before"] = server.rss_mb()

        def idle() -> None:
            time.sleep(args.idle_seconds)
            rss["idle"] = server.rss_mb()

        for n, setup in enumerate(SETUPS):
            result = _run_setup(
                setup, server, sim, clients=args.clients, events=args.events, on_ready=idle if n == 0 else None
            )
            results.append(result)
            if n == 0:
                rss["after_events"] = server.rss_mb()
        alive = server.process.poll() is None
        load_after = os.getloadavg()[0]
    finally:
        server.stop()
        sim.stop()

    per_kb = (rss["idle"] - rss["before"]) * 1024 / args.clients
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"{args.clients} clients in room `system` of one `autoarr serve` process; {args.events} events per client "
        "set-up, each a real `service.health_changed` (the SABnzbd simulator, in its own process, stopped or "
        "restarted; health checks every 1 s); spread = receive time minus the first receive time, over all clients.",
        "",
        "Machine noise: 2 cores shared by AutoArr, the client processes and the simulator, so the server's sends and "
        "the clients' receives compete for CPU; the client side's own receive loop adds to the spread. The "
        "minimal client, which stamps as the bytes arrive, is the closest figure for AutoArr's own part. "
        f"1-minute load average {load_before:.1f} at the start and {load_after:.1f} at the end (other work on the "
        "machine shows up there and widens the spread).",
        "",
        "| clients side | connect all (s) | median p50 ms | median p99 spread ms | median max ms | p99 per event ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        p50 = statistics.median(s.p50_ms for s in r.spreads)
        p99 = statistics.median(s.p99_ms for s in r.spreads)
        mx = statistics.median(s.max_ms for s in r.spreads)
        each = ", ".join(f"{s.p99_ms:.0f}" for s in r.spreads)
        missing = sum(s.missing for s in r.spreads)
        lines.append(
            f"| {r.setup.label} | {r.connect_s:.1f} | {p50:.0f} | {p99:.0f} | {mx:.0f} | {each}"
            + (f" ({missing} receives missing)" if missing else "")
            + " |"
        )
    lines += [
        "",
        f"- spread target: p99 <= 250 ms with the `websockets` library in one process: "
        f"{statistics.median(s.p99_ms for s in results[0].spreads):.0f} ms",
        f"- idle cost per connection: {per_kb:.1f} KB (target <= 50 KB): AutoArr's RSS {rss['before']:.1f} MB before "
        f"any connection, {rss['idle']:.1f} MB with {args.clients} connected and idle for {args.idle_seconds:.0f} s "
        f"(delta / {args.clients}, first connections' one-off costs included), {rss['after_events']:.1f} MB after "
        f"{args.events} events",
        f"- AutoArr still running after {len(SETUPS) * args.clients} connections opened and closed: "
        f"{'yes' if alive else 'NO'}",
    ]
    print("\n".join(lines))
    record(SECTION, lines)


if __name__ == "__main__":
    main()
