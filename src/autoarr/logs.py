"""Structured JSON logs on standard error, with every secret scrubbed before a line is written.

Secrets are scrubbed twice over: the configured values themselves wherever they appear (headers,
upstream URLs, exception texts), and anything that looks like a key in a query string.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, MutableMapping
from typing import Any

import structlog

REDACTED = "***"

# Query-string and header-like spellings of credentials (`?api_key=`, `apikey=`, `X-Plex-Token=`, ...).
_CREDENTIAL_PARAM = re.compile(
    r"(?i)\b(api_key|apikey|x-api-key|x-plex-token|token|nzb_key|password|access_token)=([^&\s\"']+)"
)


class SecretScrubber:
    """A structlog processor that replaces known secrets and credential-looking parameters."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *secrets: str) -> None:
        # Very short values would scrub ordinary words; real keys are long.
        self._secrets.update(s for s in secrets if s and len(s) >= 6)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if "=" in text:
            text = _CREDENTIAL_PARAM.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
        return text

    def __call__(self, _logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        for key, value in event_dict.items():
            if isinstance(value, str):
                event_dict[key] = self.scrub(value)
        return event_dict


class _Stderr:
    """Whatever `sys.stderr` is at write time (tests and daemons swap it after logging is configured)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


# Logging is process-wide by nature; so is the set of secrets it must never print.
_scrubber = SecretScrubber()


def scrub(text: str) -> str:
    """The text with every known secret and credential-looking parameter replaced (for texts clients see)."""
    return _scrubber.scrub(text)


def register_secrets(*secrets: str) -> None:
    """Make every later log line scrub these values (generated keys, keys set at run time)."""
    _scrubber.add(*secrets)


def configure_logging(*, level: str = "info", secrets: Iterable[str] = ()) -> None:
    """Send structlog and stdlib records (uvicorn, SQLAlchemy) through one JSON pipeline on stderr."""
    scrubber = _scrubber
    scrubber.add(*secrets)
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    finish: list[Any] = [
        structlog.processors.format_exc_info,
        scrubber,
        structlog.processors.JSONRenderer(),
    ]
    numeric_level = logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
    structlog.configure(
        processors=[*shared, *finish],
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=structlog.WriteLoggerFactory(file=_Stderr()),  # type: ignore[arg-type]
        cache_logger_on_first_use=False,  # tests reconfigure; the lookup costs about a microsecond
    )
    handler = logging.StreamHandler(_Stderr())
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_logger_name, *shared],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *finish],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(numeric_level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    # Migrations announce every plugin at INFO on each start; only their warnings matter.
    logging.getLogger("alembic").setLevel(max(numeric_level, logging.WARNING))
    # uvicorn's own access log would print the raw query string (and so `?api_key=`); ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True


def get_logger(name: str) -> Any:
    """A structlog logger bound to a component name."""
    return structlog.get_logger(name)
