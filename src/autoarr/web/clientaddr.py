"""The client's address, trusting `X-Forwarded-For` only from the proxies in AUTOARR_TRUSTED_PROXIES."""

from __future__ import annotations

import ipaddress

from starlette.types import Scope

from autoarr.settings import IpNetwork


def _is_trusted(address: str, trusted: tuple[IpNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(scope: Scope, trusted: tuple[IpNetwork, ...]) -> str:
    """The peer's address, or, when the peer is a trusted proxy, the nearest untrusted X-Forwarded-For hop."""
    client = scope.get("client")
    peer = str(client[0]) if client else "unknown"
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    forwarded: list[str] = [
        value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"x-forwarded-for"
    ]
    hops = [hop.strip() for line in forwarded for hop in line.split(",") if hop.strip()]
    # Walk from the right: each trusted hop vouches for the one before it; the first untrusted is the client.
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer
