"""The one place httpx2 errors become AutoArr errors: breaker, retries for idempotent reads, translation.

Every call to a service goes through `ServiceHttp.request`, which
- asks the service's circuit breaker for a permit (an open circuit fails fast: the service sees nothing);
- retries idempotent reads on transport errors that fail fast (refused, reset, a kept-alive connection
  the service closed) with jittered exponential backoff, inside one permit, so one logical call is one
  breaker outcome; a timeout is not retried (the service had its whole time: a hung service answers 503
  after one read timeout, not three);
- counts timeouts, connection errors, 5xx and undecodable bodies as failures, the service rejecting
  our key (401/403) as neither failure nor success (contract: `upstream_auth`), everything else as success;
- raises `ServiceUnavailableError` / `UpstreamAuthError`, never an httpx2 exception.
Other 4xx answers are returned to the client, which knows what they mean for its service.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, Protocol, TypeVar

import httpx2
from httpcore2._async.http11 import AsyncHTTP11Connection
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from autoarr.errors import ServiceUnavailableError, UpstreamAuthError
from autoarr.integrations.breaker import CircuitBreaker, CircuitOpenError, Permit
from autoarr.logs import get_logger, scrub

log = get_logger("autoarr.integrations")

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})

# httpcore2 reads a response 64 KB at a time, and each read is a trip through anyio and h11. Radarr's
# list of 10,000 movies is 34 MB: read 256 KB at a time, it costs about a third less CPU (bench/arr_read.py).
# Every HTTP/1.1 connection this process opens is AutoArr's own, so the class-wide size is ours to set.
AsyncHTTP11Connection.READ_NUM_BYTES = 256 * 1024

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def build_http_client(
    *,
    base_url: str,
    timeout_seconds: float,
    connect_timeout_seconds: float,
    verify_tls: bool,
    headers: Mapping[str, str] | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> httpx2.AsyncClient:
    """The AsyncClient for one service (built once in the lifespan and injected into its client)."""
    return httpx2.AsyncClient(
        base_url=base_url,
        timeout=httpx2.Timeout(timeout_seconds, connect=connect_timeout_seconds),
        verify=tls_context(verify_tls),
        headers=dict(headers or {}),
        transport=transport,
        follow_redirects=False,
    )


def _worth_retrying(exc: BaseException) -> bool:
    return isinstance(exc, httpx2.TransportError) and not isinstance(exc, httpx2.TimeoutException)


@cache
def tls_context(verify: bool) -> ssl.SSLContext:
    """One TLS context per verify setting, shared by every service's client.

    httpx2 otherwise builds one per client, each loading the whole CA store: about 25 ms and a megabyte
    apiece at every start and every reconfiguration.
    """
    return httpx2.create_ssl_context(verify=verify)


@dataclass(frozen=True)
class Reply(Generic[T]):
    """A service's answer: the response, and the decoded body when a decoder was given and it was a 2xx."""

    response: httpx2.Response
    value: T | None

    @property
    def status(self) -> int:
        return self.response.status_code

    def decoded(self) -> T:
        """The decoded 2xx body (a client bug to ask for it otherwise)."""
        if self.value is None:
            raise RuntimeError(f"no decoded body for HTTP {self.status}")
        return self.value


class Incremental(Protocol[T_co]):
    """A decoder fed a body chunk by chunk as it arrives (`json_stream.ArrayStream`)."""

    def feed(self, chunk: bytes) -> None: ...

    def finish(self) -> T_co: ...


@dataclass(frozen=True)
class Streamed(Generic[T_co]):
    """Decode a success while it streams in, with a fresh `Incremental` per attempt, rather than whole."""

    start: Callable[[], Incremental[T_co]]


Decode = Callable[[bytes], T] | Streamed[T]


class _BadBodyError(Exception):
    """A 2xx whose body is not the JSON the service always sends: it is not itself."""


def _describe(exc: BaseException) -> str:
    # Error texts reach API responses (`/health`'s `error`): never let a URL with a key through.
    text = str(exc).strip()
    return scrub(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


class ServiceHttp:
    """One service's HTTP conversation, guarded by its breaker."""

    def __init__(
        self,
        service: str,
        client: httpx2.AsyncClient,
        breaker: CircuitBreaker,
        *,
        attempts: int = 3,
        backoff_seconds: float = 0.2,
        sleep: Sleep | None = None,
    ) -> None:
        self.service = service
        self.client = client
        self.breaker = breaker
        self._attempts = attempts
        self._backoff = backoff_seconds
        self._sleep = sleep

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        decode: Decode[T] | None = None,
        harmless_statuses: frozenset[int] = frozenset(),
    ) -> Reply[T]:
        """Send one logical request; see the module docstring for what counts and what is raised.

        `decode` turns a 2xx body into the value the client wants (inside the permit, so a body it
        cannot decode counts against the service). `harmless_statuses` are 5xx codes this call expects
        for an ordinary outcome (Radarr's 500 for an unknown TMDb id): they are returned as they are.
        """
        try:
            permit = self.breaker.acquire()
        except CircuitOpenError as exc:
            raise ServiceUnavailableError(
                self.service,
                f"{self.service} is failing; its circuit is open for another {exc.retry_in:.0f}s",
                reason="circuit_open",
            ) from exc
        try:
            response, value = await self._send(
                method, url, params=params, json_body=json_body, data=data, files=files, headers=headers, decode=decode
            )
        except (httpx2.TransportError, _BadBodyError) as exc:
            self.breaker.record_failure(permit)
            raise self._unavailable(exc) from exc
        except BaseException:
            self.breaker.release(permit)
            raise
        self._judge(response, permit, harmless_statuses)
        return Reply(response=response, value=value)

    async def _send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None,
        json_body: Any,
        data: Mapping[str, Any] | None,
        files: Any,
        headers: Mapping[str, str] | None,
        decode: Decode[T] | None,
    ) -> tuple[httpx2.Response, T | None]:
        attempts = self._attempts if method.upper() in _IDEMPOTENT and files is None else 1
        retrying = AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(multiplier=self._backoff, max=5 * self._backoff),
            retry=retry_if_exception(_worth_retrying),
            reraise=True,
        )
        if self._sleep is not None:
            retrying.sleep = self._sleep  # type: ignore[assignment]  # tests count the backoff, not wait it out
        async for attempt in retrying:
            with attempt:
                request = self.client.build_request(
                    method, url, params=params, json=json_body, data=data, files=files, headers=headers
                )
                if isinstance(decode, Streamed):
                    return await self._streamed(request, decode)
                response = await self.client.send(request)
                return response, self._decoded(response, decode)
        raise AssertionError("unreachable: tenacity re-raises the last error")

    async def _streamed(self, request: httpx2.Request, decode: Streamed[T]) -> tuple[httpx2.Response, T | None]:
        """Send, and decode a 200 chunk by chunk as it arrives (any other answer is read whole)."""
        response = await self.client.send(request, stream=True)
        try:
            if response.status_code != 200:  # errors (and odd 2xx) are read whole for the client
                await response.aread()
                return response, None
            decoder = decode.start()
            try:
                async for chunk in response.aiter_bytes():
                    decoder.feed(chunk)
                return response, decoder.finish()
            except ValueError as exc:
                raise self._bad_body(response) from exc
        finally:
            await response.aclose()

    def _decoded(self, response: httpx2.Response, decode: Callable[[bytes], T] | None) -> T | None:
        if decode is None or not response.is_success:
            return None
        try:
            return decode(response.content)
        except ValueError as exc:  # JSON and pydantic validation errors both are ValueErrors
            raise self._bad_body(response) from exc

    def _bad_body(self, response: httpx2.Response) -> _BadBodyError:
        return _BadBodyError(f"HTTP {response.status_code} body is not what {self.service} sends")

    def _judge(self, response: httpx2.Response, permit: Permit, harmless: frozenset[int]) -> None:
        status = response.status_code
        if status in (401, 403):
            self.breaker.record_neutral(permit)
            raise UpstreamAuthError(self.service)
        if status >= 500:
            if status in harmless:  # an ordinary outcome, or a failure after all: the caller's second look tells
                self.breaker.record_neutral(permit)
                return
            self.breaker.record_failure(permit)
            raise ServiceUnavailableError(
                self.service,
                f"{self.service} answered HTTP {status}",
                reason="upstream_error",
                details={"status": status},
            )
        self.breaker.record_success(permit)

    def _unavailable(self, exc: Exception) -> ServiceUnavailableError:
        if isinstance(exc, httpx2.TimeoutException):
            reason, what = "timeout", "timed out"
        elif isinstance(exc, _BadBodyError):
            reason, what = "bad_response", "sent a malformed response"
        else:
            reason, what = "unreachable", "is unreachable"
        log.warning("service call failed", service=self.service, reason=reason, error=_describe(exc))
        return ServiceUnavailableError(self.service, f"{self.service} {what} ({_describe(exc)})", reason=reason)


def json_body(content: bytes) -> Any:
    """The plain JSON decoder, for replies whose shape the client checks itself."""
    return json.loads(content)
