"""ServiceHttp: what counts against a service, what is retried, and what callers see."""

from __future__ import annotations

import asyncio

import httpx2
import msgspec
import pytest

from autoarr.errors import ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations._http import ServiceHttp, Streamed, build_http_client, json_body
from autoarr.integrations.breaker import CircuitBreaker
from autoarr.integrations.json_stream import ArrayStream
from autoarr.sim.server import SimServer
from tests.support.ports import free_port


class Upstream:
    """A tiny upstream whose next answers the test scripts; it records every request it sees."""

    def __init__(self) -> None:
        self.answers: list[httpx2.Response | Exception] = []
        self.seen: list[httpx2.Request] = []

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.seen.append(request)
        answer = self.answers.pop(0) if self.answers else httpx2.Response(200, json={"ok": True})
        if isinstance(answer, Exception):
            raise answer
        return answer


def _http(upstream: Upstream, *, threshold: int = 3) -> tuple[ServiceHttp, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = build_http_client(
        base_url="http://svc",
        timeout_seconds=1,
        connect_timeout_seconds=1,
        verify_tls=True,
        transport=httpx2.MockTransport(upstream.handler),
    )
    breaker = CircuitBreaker("sonarr", threshold=threshold, timeout=60)
    return ServiceHttp("sonarr", client, breaker, sleep=sleep), slept


async def test_idempotent_reads_are_retried_on_transport_errors_with_backoff() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.ConnectError("refused"), httpx2.RemoteProtocolError("closed the kept-alive socket")]
    http, slept = _http(upstream)
    reply = await http.request("GET", "/api", decode=json_body)
    assert reply.decoded() == {"ok": True}
    assert len(upstream.seen) == 3
    assert len(slept) == 2
    assert http.breaker.failure_count == 0  # one logical call, one success


@pytest.mark.parametrize("expired", [httpx2.ReadTimeout("hung"), httpx2.ConnectTimeout("no answer to SYN")])
async def test_a_timeout_is_not_retried_the_service_had_its_whole_time(expired: httpx2.TimeoutException) -> None:
    upstream = Upstream()
    upstream.answers = [expired]
    http, slept = _http(upstream)
    with pytest.raises(ServiceUnavailableError) as failed:
        await http.request("GET", "/api", decode=json_body)
    assert failed.value.reason == "timeout"
    assert (len(upstream.seen), slept) == (1, [])
    assert http.breaker.failure_count == 1


async def test_writes_are_never_retried() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.ConnectError("refused")]
    http, _ = _http(upstream)
    with pytest.raises(ServiceUnavailableError) as failed:
        await http.request("POST", "/api/command", json_body={"name": "RssSync"})
    assert failed.value.reason == "unreachable"
    assert len(upstream.seen) == 1
    assert http.breaker.failure_count == 1


async def test_5xx_counts_against_the_service_and_opens_the_circuit() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.Response(500), httpx2.Response(502), httpx2.Response(503)]
    http, _ = _http(upstream)
    for _ in range(3):
        with pytest.raises(ServiceUnavailableError) as failed:
            await http.request("GET", "/api")
        assert failed.value.reason == "upstream_error"
    assert http.breaker.state == "open"
    with pytest.raises(ServiceUnavailableError) as refused:
        await http.request("GET", "/api")
    assert refused.value.reason == "circuit_open"
    assert len(upstream.seen) == 3  # the refused call never reached the service


async def test_a_harmless_5xx_is_returned_and_does_not_count() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.Response(500, json={"message": "not found upstream"})]
    http, _ = _http(upstream)
    reply = await http.request("GET", "/lookup", harmless_statuses=frozenset({500}))
    assert reply.status == 500
    assert http.breaker.failure_count == 0


@pytest.mark.parametrize("status", [401, 403])
async def test_a_rejected_key_is_upstream_auth_and_never_trips_the_breaker(status: int) -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.Response(status, text="API Key Incorrect")] * 10
    http, _ = _http(upstream)
    for _ in range(10):
        with pytest.raises(UpstreamAuthError) as rejected:
            await http.request("GET", "/api")
    assert rejected.value.status == 503
    assert rejected.value.body()["details"]["reason"] == "upstream_auth"
    assert http.breaker.state == "closed"


async def test_other_4xx_are_handed_to_the_client_as_a_healthy_answer() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.Response(404, json={"title": "Not Found"})]
    http, _ = _http(upstream)
    reply = await http.request("GET", "/series/999", decode=json_body)
    assert reply.status == 404
    assert reply.value is None
    assert http.breaker.failure_count == 0


async def test_an_undecodable_body_counts_as_a_failure() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.Response(200, content=b'{"broken": ')]
    http, _ = _http(upstream)
    with pytest.raises(ServiceUnavailableError) as failed:
        await http.request("GET", "/api", decode=json_body)
    assert failed.value.reason == "bad_response"
    assert http.breaker.failure_count == 1


class _Id(msgspec.Struct):
    id: int


def _streamed() -> Streamed[list[_Id]]:
    return Streamed(lambda: ArrayStream(_Id, segment_bytes=8))


async def test_a_streamed_decode_reads_a_success_in_pieces_and_an_error_whole() -> None:
    upstream = Upstream()
    pieces = [b'[{"id": 1}, ', b'{"id": 2}, {"id"', b": 3}]"]
    upstream.answers = [
        httpx2.Response(200, stream=httpx2.ByteStream(b"".join(pieces))),
        httpx2.Response(404, json={"message": "NotFound"}),
    ]
    http, _ = _http(upstream)
    reply = await http.request("GET", "/movie", decode=_streamed())
    assert [item.id for item in reply.decoded()] == [1, 2, 3]
    missing = await http.request("GET", "/movie/9", decode=_streamed())
    assert (missing.status, missing.value, missing.response.json()) == (404, None, {"message": "NotFound"})
    assert http.breaker.failure_count == 0


async def test_a_streamed_body_that_breaks_off_is_retried_and_a_malformed_one_counts_as_a_failure() -> None:
    upstream = Upstream()
    upstream.answers = [
        httpx2.ReadError("connection reset"),
        httpx2.Response(200, content=b'[{"id": 1}, {"id": "one"}]'),
    ]
    http, slept = _http(upstream)
    with pytest.raises(ServiceUnavailableError) as failed:
        await http.request("GET", "/movie", decode=_streamed())
    assert failed.value.reason == "bad_response"
    assert (len(upstream.seen), len(slept)) == (2, 1)
    assert http.breaker.failure_count == 1


async def test_error_messages_never_carry_the_key_from_the_url() -> None:
    upstream = Upstream()
    upstream.answers = [httpx2.ConnectError("cannot reach http://svc/api?apikey=SECRETSECRET123")] * 3
    http, _ = _http(upstream)
    with pytest.raises(ServiceUnavailableError) as failed:
        await http.request("GET", "/api", params={"apikey": "SECRETSECRET123"})
    assert "SECRETSECRET123" not in failed.value.message


async def test_a_real_timeout_on_a_slow_socket_is_reason_timeout() -> None:
    release = asyncio.Event()

    async def slow_app(scope: dict[str, object], receive: object, send: object) -> None:
        await release.wait()

    async with SimServer(slow_app) as server:  # type: ignore[arg-type]
        client = build_http_client(base_url=server.url, timeout_seconds=0.2, connect_timeout_seconds=1, verify_tls=True)
        http = ServiceHttp("plex", client, CircuitBreaker("plex", threshold=5, timeout=60), attempts=1)
        async with client:
            with pytest.raises(ServiceUnavailableError) as failed:
                await http.request("GET", "/")
        release.set()
    assert failed.value.reason == "timeout"


async def test_a_closed_port_is_reason_unreachable() -> None:
    client = build_http_client(
        base_url=f"http://127.0.0.1:{free_port()}", timeout_seconds=1, connect_timeout_seconds=1, verify_tls=True
    )
    http = ServiceHttp("radarr", client, CircuitBreaker("radarr", threshold=5, timeout=60), attempts=1)
    async with client:
        with pytest.raises(ServiceUnavailableError) as failed:
            await http.request("GET", "/")
    assert failed.value.reason == "unreachable"


async def test_exactly_one_probe_reaches_the_service_under_concurrent_callers() -> None:
    now = [0.0]
    release = asyncio.Event()
    probe_arrived = asyncio.Event()
    seen: list[str] = []

    async def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.url.path)
        if request.url.path == "/probe":
            probe_arrived.set()
            await release.wait()
            return httpx2.Response(200, json={})
        return httpx2.Response(500)

    client = build_http_client(
        base_url="http://svc",
        timeout_seconds=5,
        connect_timeout_seconds=1,
        verify_tls=True,
        transport=httpx2.MockTransport(handler),
    )
    breaker = CircuitBreaker("sabnzbd", threshold=2, timeout=30, clock=lambda: now[0])
    http = ServiceHttp("sabnzbd", client, breaker)
    for _ in range(2):
        with pytest.raises(ServiceUnavailableError):
            await http.request("GET", "/fail")
    now[0] += 30
    probe = asyncio.create_task(http.request("GET", "/probe"))
    await asyncio.wait_for(probe_arrived.wait(), 5)  # the probe holds its permit and is at the service
    others = await asyncio.gather(*(http.request("GET", "/probe") for _ in range(5)), return_exceptions=True)
    assert all(isinstance(o, ServiceUnavailableError) and o.reason == "circuit_open" for o in others)
    release.set()
    await probe
    assert seen.count("/probe") == 1
    assert breaker.state == "closed"
