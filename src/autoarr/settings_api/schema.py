"""Every setting the API can change: its path, how a value is checked, and where it lands in `Settings`.

Paths are the request's own (`mcp_servers.sonarr.url`, `audit.auto_audit_interval_hours`); stored
overrides are kept by path and laid over the environment's values in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, StrictBool, StrictFloat, StrictInt, TypeAdapter

from autoarr.settings import (
    RATE_CATEGORIES,
    SERVICE_NAMES,
    ServiceName,
    ServiceOptions,
    Settings,
    parse_rate_limits,
)


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL with a host")
    return value.rstrip("/")


def _rate(value: str) -> str:
    parse_rate_limits(f"general={value}")  # raises with the reason
    return value.replace(" ", "")


Url = Annotated[str, Field(max_length=2000), AfterValidator(_http_url)]
Secret = Annotated[str, Field(min_length=1, max_length=500)]
Number = StrictInt | StrictFloat

Values = dict[str, Any]  # Settings field values by field name


@dataclass(frozen=True)
class SettingSpec:
    """One changeable setting."""

    path: str
    adapter: TypeAdapter[Any]
    write: Callable[[Values, Any], None]
    secret: bool = False


def _field(name: str) -> Callable[[Values, Any], None]:
    def write(values: Values, value: Any) -> None:
        values[name] = value

    return write


def _service_option(service: ServiceName, option: str) -> Callable[[Values, Any], None]:
    def write(values: Values, value: Any) -> None:
        options = dict(values.get("service_options") or {})
        current = options.get(service, ServiceOptions())
        options[service] = current.model_copy(update={option: value})
        values["service_options"] = options

    return write


def _rate_limit(category: str) -> Callable[[Values, Any], None]:
    def write(values: Values, value: Any) -> None:
        limits = parse_rate_limits(values.get("rate_limits") or "")
        limits[category] = value  # type: ignore[index]  # category comes from RATE_CATEGORIES
        values["rate_limits"] = ",".join(f"{k}={v}" for k, v in limits.items())

    return write


def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _specs() -> dict[str, SettingSpec]:
    specs: list[SettingSpec] = []
    for service in SERVICE_NAMES:
        prefix = f"mcp_servers.{service}"
        secret_name = "token" if service == "plex" else "api_key"
        secret_field = "plex_token" if service == "plex" else f"{service}_api_key"
        specs += [
            SettingSpec(f"{prefix}.url", _adapter(Url), _field(f"{service}_url")),
            SettingSpec(f"{prefix}.{secret_name}", _adapter(Secret), _field(secret_field), secret=True),
            SettingSpec(f"{prefix}.enabled", _adapter(StrictBool), _service_option(service, "enabled")),
            SettingSpec(
                f"{prefix}.timeout_seconds",
                _adapter(Annotated[Number, Field(gt=0, le=300)]),
                _service_option(service, "timeout_seconds"),
            ),
            SettingSpec(f"{prefix}.verify_tls", _adapter(StrictBool), _service_option(service, "verify_tls")),
        ]
    specs += [
        SettingSpec("llm.provider", _adapter(Literal["none", "claude", "openai"]), _field("llm_provider")),
        SettingSpec("llm.model", _adapter(Annotated[str, Field(min_length=1, max_length=200)]), _field("llm_model")),
        SettingSpec("llm.api_key", _adapter(Secret), _field("llm_api_key"), secret=True),
        SettingSpec("llm.base_url", _adapter(Url), _field("llm_base_url")),
        SettingSpec("audit.auto_audit_enabled", _adapter(StrictBool), _field("auto_audit_enabled")),
        SettingSpec(
            "audit.auto_audit_interval_hours",
            _adapter(Annotated[StrictInt, Field(ge=1, le=168)]),
            _field("auto_audit_interval_hours"),
        ),
        SettingSpec(
            "monitoring.download_poll_seconds",
            _adapter(Annotated[Number, Field(ge=1, le=3600)]),
            _field("download_poll_seconds"),
        ),
        SettingSpec(
            "monitoring.health_interval_seconds",
            _adapter(Annotated[Number, Field(ge=1, le=3600)]),
            _field("health_interval_seconds"),
        ),
        SettingSpec(
            "circuit_breaker.failure_threshold",
            _adapter(Annotated[StrictInt, Field(ge=1, le=100)]),
            _field("circuit_failure_threshold"),
        ),
        SettingSpec(
            "circuit_breaker.timeout_seconds",
            _adapter(Annotated[Number, Field(ge=1, le=3600)]),
            _field("circuit_timeout_seconds"),
        ),
    ]
    specs += [
        SettingSpec("recovery.enabled", _adapter(StrictBool), _field("recovery_enabled")),
        SettingSpec(
            "recovery.retry_limit", _adapter(Annotated[StrictInt, Field(ge=0, le=10)]), _field("recovery_retry_limit")
        ),
        SettingSpec(
            "recovery.backoff_seconds",
            _adapter(Annotated[StrictInt, Field(ge=1, le=86_400)]),
            _field("recovery_backoff_seconds"),
        ),
        SettingSpec("recovery.mark_failed.sonarr", _adapter(StrictBool), _field("recovery_mark_failed_sonarr")),
        SettingSpec("recovery.mark_failed.radarr", _adapter(StrictBool), _field("recovery_mark_failed_radarr")),
    ]
    specs += [
        SettingSpec(f"rate_limits.{category}", _adapter(Annotated[str, AfterValidator(_rate)]), _rate_limit(category))
        for category in RATE_CATEGORIES
    ]
    return {spec.path: spec for spec in specs}


SPECS: dict[str, SettingSpec] = _specs()


def flatten(tree: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """`{"audit": {"x": 1}}` -> `[("audit.x", 1)]`; objects that are no known setting's parent stay leaves."""
    if isinstance(tree, dict) and (not prefix or any(path.startswith(prefix + ".") for path in SPECS)):
        leaves: list[tuple[str, Any]] = []
        for key, value in tree.items():
            leaves += flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return leaves
    return [(prefix, tree)]


def effective(base: Settings, overrides: list[tuple[str, Any]]) -> Settings:
    """The environment's settings with the stored overrides laid over them, in order."""
    values = base.field_values()
    for path, value in overrides:
        spec = SPECS.get(path)
        if spec is not None:  # a setting dropped in a later version: ignore what was stored
            spec.write(values, value)
    return Settings.from_mapping(values)
