"""A tiny asyncio NNTP server on loopback: serves the articles it was given, 430 for every other one."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from types import TracebackType
from typing import Self

from tests.support.nzb import PostedFile

_FIXED_REPLIES = {
    "CAPABILITIES": b"101 Capability list:\r\nVERSION 2\r\nREADER\r\nAUTHINFO USER\r\n.\r\n",
    "MODE": b"200 reader mode, posting prohibited\r\n",
}


class NntpServer:
    """Loopback NNTP server; any AUTHINFO USER/PASS is accepted; use as `async with NntpServer() as nntp`."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.articles: dict[str, bytes] = {}
        # How often each command verb arrived and which message-ids were asked for: evidence for tests.
        self.commands: Counter[str] = Counter()
        self.requested: list[str] = []
        self._server: asyncio.Server | None = None
        self._handlers: dict[asyncio.Task[None], asyncio.StreamWriter] = {}

    @property
    def port(self) -> int:
        """The port the server listens on (chosen by the kernel)."""
        assert self._server is not None, "server not started"
        return int(self._server.sockets[0].getsockname()[1])

    def publish(self, posted: PostedFile) -> None:
        """Make every article of posted retrievable."""
        for segment in posted.segments:
            self.articles[segment.message_id] = segment.body

    async def start(self) -> None:
        """Listen on a free loopback port."""
        self._server = await asyncio.start_server(self._serve, self.host, 0)

    async def stop(self) -> None:
        """Close the listener and every open connection."""
        if self._server is None:
            return
        self._server.close()
        # Python 3.11's wait_closed does not wait for open connections, so end and await them here.
        for writer in self._handlers.values():
            writer.close()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers[task] = writer
        try:
            writer.write(b"200 autoarr test news server ready\r\n")
            await writer.drain()
            while line := await reader.readline():
                reply = self._answer(line.decode("utf-8", "replace").strip())
                if reply is None:
                    writer.write(b"205 bye\r\n")
                    await writer.drain()
                    break
                # One write per reply: SABnzbd treats a chunk ending in CRLF.CRLF as a complete article.
                writer.write(reply)
                await writer.drain()
        except ConnectionError:
            pass  # SABnzbd drops connections without QUIT when it pauses or shuts down
        finally:
            self._handlers.pop(task, None)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    def _answer(self, line: str) -> bytes | None:
        """The reply to one command line, or None for QUIT."""
        verb, _, argument = line.partition(" ")
        verb = verb.upper()
        self.commands[verb] += 1
        if verb == "QUIT":
            return None
        if verb in _FIXED_REPLIES:
            return _FIXED_REPLIES[verb]
        if verb == "AUTHINFO":
            kind = argument.partition(" ")[0].upper()
            return b"381 password required\r\n" if kind == "USER" else b"281 authentication accepted\r\n"
        if verb == "GROUP":
            return f"211 {len(self.articles)} 1 {max(len(self.articles), 1)} {argument}\r\n".encode()
        if verb in ("STAT", "HEAD", "BODY", "ARTICLE"):
            return self._article(verb, argument.strip())
        return b"500 command not recognized\r\n"

    def _article(self, verb: str, argument: str) -> bytes:
        message_id = argument.removeprefix("<").removesuffix(">")
        self.requested.append(message_id)
        body = self.articles.get(message_id)
        if body is None:
            return b"430 no such article\r\n"
        ident = f"0 <{message_id}>".encode()
        head = b"Message-ID: <" + message_id.encode() + b">\r\nSubject: autoarr test\r\n"
        if verb == "STAT":
            return b"223 " + ident + b"\r\n"
        if verb == "HEAD":
            return b"221 " + ident + b"\r\n" + head + b".\r\n"
        if verb == "BODY":
            return b"222 " + ident + b"\r\n" + body + b".\r\n"
        return b"220 " + ident + b"\r\n" + head + b"\r\n" + body + b".\r\n"
