"""TLS to a service: verified by default, a self-signed certificate accepted only when verification is off."""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from autoarr.errors import ServiceUnavailableError
from autoarr.integrations._http import ServiceHttp, build_http_client, json_body, tls_context
from autoarr.integrations.breaker import CircuitBreaker


def _self_signed(directory: Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


@asynccontextmanager
async def https_service(directory: Path) -> AsyncIterator[str]:
    """An HTTPS endpoint with a self-signed certificate that answers every request with `{"ok": true}`."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"ok": true}')
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            pass  # the verifying client hangs up during the handshake
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=_self_signed(directory))
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"https://127.0.0.1:{port}"


def _http(url: str, *, verify_tls: bool) -> ServiceHttp:
    client = build_http_client(base_url=url, timeout_seconds=5, connect_timeout_seconds=5, verify_tls=verify_tls)
    return ServiceHttp("sonarr", client, CircuitBreaker("sonarr", threshold=5, timeout=60), attempts=1)


async def test_a_self_signed_service_is_refused_while_verification_is_on(tmp_path: Path) -> None:
    async with https_service(tmp_path) as url:
        http = _http(url, verify_tls=True)
        async with http.client:
            with pytest.raises(ServiceUnavailableError) as refused:
                await http.request("GET", "/api/v3/system/status", decode=json_body)
    assert refused.value.reason == "unreachable"
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value.__cause__ or refused.value)


async def test_a_self_signed_service_answers_once_verification_is_off(tmp_path: Path) -> None:
    async with https_service(tmp_path) as url:
        http = _http(url, verify_tls=False)
        async with http.client:
            reply = await http.request("GET", "/api/v3/system/status", decode=json_body)
    assert reply.decoded() == {"ok": True}


def test_every_client_shares_one_context_per_verify_setting() -> None:
    verified, unverified = tls_context(True), tls_context(False)
    assert tls_context(True) is verified
    assert verified.verify_mode == ssl.CERT_REQUIRED
    assert verified.check_hostname
    assert unverified.verify_mode == ssl.CERT_NONE
    assert not unverified.check_hostname
