"""AutoArr's settings, parsed once from the environment into one `Settings` object.

Nothing below this module reads `os.environ`: `__main__` builds `Settings()` and hands it to
`create_app`, and tests build `Settings.from_mapping({...})` with exactly the variables they want.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

ServiceName = Literal["sabnzbd", "sonarr", "radarr", "plex"]
SERVICE_NAMES: tuple[ServiceName, ...] = ("sabnzbd", "sonarr", "radarr", "plex")

RateCategory = Literal["health", "audit", "apply", "requests", "recommendations", "general"]
RATE_CATEGORIES: tuple[RateCategory, ...] = (
    "health",
    "audit",
    "apply",
    "requests",
    "recommendations",
    "general",
)

# The reference's limits (autoarr-api.md, Rate Limiting; "recommendations" from its per-endpoint notes).
DEFAULT_RATE_LIMITS: dict[RateCategory, str] = {
    "health": "60/minute",
    "audit": "10/hour",
    "apply": "20/hour",
    "requests": "30/hour",
    "recommendations": "50/hour",
    "general": "100/minute",
}

_RATE_ITEM = re.compile(r"^\s*(\w+)\s*=\s*(\d+)\s*/\s*(second|minute|hour)\s*$")

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _env(*names: str) -> AliasChoices:
    """Accept the environment variable name and the field name (for tests and code)."""
    return AliasChoices(*names)


@dataclass(frozen=True)
class ServiceSettings:
    """How to reach one upstream service."""

    name: ServiceName
    url: str
    secret: SecretStr | None  # API key, or the X-Plex-Token for Plex
    timeout_seconds: float
    connect_timeout_seconds: float
    verify_tls: bool


class ServiceOptions(BaseModel):
    """Per-service options set through the settings API (the environment sets only URL and key)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    enabled: bool = True
    timeout_seconds: float | None = None  # None: AUTOARR_SERVICE_TIMEOUT_SECONDS
    verify_tls: bool | None = None  # None: AUTOARR_SERVICE_VERIFY_TLS


class Settings(BaseSettings):
    """Every knob of the runtime contract, with its environment variable."""

    model_config = SettingsConfigDict(populate_by_name=True, extra="ignore", case_sensitive=True)

    api_key: SecretStr | None = Field(None, validation_alias=_env("AUTOARR_API_KEY", "api_key"))
    data_dir: Path = Field(Path("./data"), validation_alias=_env("AUTOARR_DATA_DIR", "data_dir"))
    database_url: str | None = Field(None, validation_alias=_env("AUTOARR_DATABASE_URL", "database_url"))
    root_path: str = Field("", validation_alias=_env("AUTOARR_ROOT_PATH", "root_path"))
    trusted_proxies: str = Field("", validation_alias=_env("AUTOARR_TRUSTED_PROXIES", "trusted_proxies"))
    rate_limits: str = Field("", validation_alias=_env("AUTOARR_RATE_LIMITS", "rate_limits"))
    log_level: str = Field("info", validation_alias=_env("AUTOARR_LOG_LEVEL", "log_level"))

    sabnzbd_url: str | None = Field(None, validation_alias=_env("SABNZBD_URL", "sabnzbd_url"))
    sabnzbd_api_key: SecretStr | None = Field(None, validation_alias=_env("SABNZBD_API_KEY", "sabnzbd_api_key"))
    sonarr_url: str | None = Field(None, validation_alias=_env("SONARR_URL", "sonarr_url"))
    sonarr_api_key: SecretStr | None = Field(None, validation_alias=_env("SONARR_API_KEY", "sonarr_api_key"))
    radarr_url: str | None = Field(None, validation_alias=_env("RADARR_URL", "radarr_url"))
    radarr_api_key: SecretStr | None = Field(None, validation_alias=_env("RADARR_API_KEY", "radarr_api_key"))
    plex_url: str | None = Field(None, validation_alias=_env("PLEX_URL", "plex_url"))
    plex_token: SecretStr | None = Field(None, validation_alias=_env("PLEX_TOKEN", "plex_token"))
    service_timeout_seconds: float = Field(
        15.0, gt=0, validation_alias=_env("AUTOARR_SERVICE_TIMEOUT_SECONDS", "service_timeout_seconds")
    )
    service_connect_timeout_seconds: float = Field(
        5.0,
        gt=0,
        validation_alias=_env("AUTOARR_SERVICE_CONNECT_TIMEOUT_SECONDS", "service_connect_timeout_seconds"),
    )
    service_verify_tls: bool = Field(True, validation_alias=_env("AUTOARR_SERVICE_VERIFY_TLS", "service_verify_tls"))

    circuit_failure_threshold: int = Field(
        5, ge=1, validation_alias=_env("AUTOARR_CIRCUIT_FAILURE_THRESHOLD", "circuit_failure_threshold")
    )
    circuit_timeout_seconds: float = Field(
        60.0, gt=0, validation_alias=_env("AUTOARR_CIRCUIT_TIMEOUT_SECONDS", "circuit_timeout_seconds")
    )
    download_poll_seconds: float = Field(
        10.0, gt=0, validation_alias=_env("AUTOARR_DOWNLOAD_POLL_SECONDS", "download_poll_seconds")
    )
    health_interval_seconds: float = Field(
        30.0, gt=0, validation_alias=_env("AUTOARR_HEALTH_INTERVAL_SECONDS", "health_interval_seconds")
    )
    redis_url: str | None = Field(None, validation_alias=_env("AUTOARR_REDIS_URL", "redis_url"))
    # Keys and channels in Redis start with this, so several AutoArr deployments can share one server.
    redis_prefix: str = Field(
        "autoarr", min_length=1, pattern=r"^[\w.:-]+$", validation_alias=_env("AUTOARR_REDIS_PREFIX", "redis_prefix")
    )
    # With several replicas: how long the leader's lease lasts unrenewed (a dead leader is replaced within it).
    leader_lease_seconds: float = Field(
        15.0, ge=1, le=600, validation_alias=_env("AUTOARR_LEADER_LEASE_SECONDS", "leader_lease_seconds")
    )
    llm_provider: Literal["none", "claude", "openai"] = Field(
        "none", validation_alias=_env("AUTOARR_LLM_PROVIDER", "llm_provider")
    )
    llm_model: str | None = Field(None, validation_alias=_env("AUTOARR_LLM_MODEL", "llm_model"))
    llm_api_key: SecretStr | None = Field(None, validation_alias=_env("AUTOARR_LLM_API_KEY", "llm_api_key"))
    llm_base_url: str | None = Field(None, validation_alias=_env("AUTOARR_LLM_BASE_URL", "llm_base_url"))
    search_url: str | None = Field(None, validation_alias=_env("AUTOARR_SEARCH_URL", "search_url"))
    auto_audit_enabled: bool = Field(False, validation_alias=_env("AUTOARR_AUTO_AUDIT_ENABLED", "auto_audit_enabled"))
    auto_audit_interval_hours: int = Field(
        24, ge=1, le=168, validation_alias=_env("AUTOARR_AUTO_AUDIT_INTERVAL_HOURS", "auto_audit_interval_hours")
    )
    service_options: dict[ServiceName, ServiceOptions] = Field(default_factory=dict)
    recovery_enabled: bool = Field(False, validation_alias=_env("AUTOARR_RECOVERY_ENABLED", "recovery_enabled"))
    recovery_retry_limit: int = Field(
        3, ge=0, le=10, validation_alias=_env("AUTOARR_RECOVERY_RETRY_LIMIT", "recovery_retry_limit")
    )
    recovery_backoff_seconds: int = Field(
        300, ge=1, le=86_400, validation_alias=_env("AUTOARR_RECOVERY_BACKOFF_SECONDS", "recovery_backoff_seconds")
    )
    recovery_mark_failed_sonarr: bool = True
    recovery_mark_failed_radarr: bool = True

    def field_values(self) -> dict[str, Any]:
        """Every field by name, as `from_mapping` takes them back (to derive settings with changes)."""
        return {name: getattr(self, name) for name in type(self).model_fields}

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Settings:
        """Settings from exactly these values (environment names or field names), ignoring the process env."""
        return _ExplicitSettings.model_validate(dict(values))

    @field_validator("root_path")
    @classmethod
    def _normalise_root_path(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith("/"):
            value = "/" + value
        return value

    @field_validator("rate_limits")
    @classmethod
    def _check_rate_limits(cls, value: str) -> str:
        parse_rate_limits(value)  # raises ValueError with the offending item
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_trusted_proxies(cls, value: str) -> str:
        parse_trusted_proxies(value)
        return value

    @property
    def data_path(self) -> Path:
        return self.data_dir.expanduser().resolve()

    @property
    def effective_database_url(self) -> str:
        """The store's SQLAlchemy URL: the variable's value, else a SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_path / 'autoarr.db'}"

    @property
    def effective_rate_limits(self) -> dict[RateCategory, str]:
        """The reference's limits with `AUTOARR_RATE_LIMITS` laid over them."""
        return {**DEFAULT_RATE_LIMITS, **parse_rate_limits(self.rate_limits)}

    @property
    def trusted_proxy_networks(self) -> tuple[IpNetwork, ...]:
        return parse_trusted_proxies(self.trusted_proxies)

    def service(self, name: ServiceName) -> ServiceSettings | None:
        """The service's connection settings, or None while its URL is unset (the service is disabled)."""
        url: str | None = getattr(self, f"{name}_url")
        options = self.service_options.get(name, ServiceOptions())
        if not url or not options.enabled:
            return None
        secret: SecretStr | None = self.plex_token if name == "plex" else getattr(self, f"{name}_api_key")
        return ServiceSettings(
            name=name,
            url=url.rstrip("/"),
            secret=secret,
            timeout_seconds=options.timeout_seconds or self.service_timeout_seconds,
            connect_timeout_seconds=self.service_connect_timeout_seconds,
            verify_tls=self.service_verify_tls if options.verify_tls is None else options.verify_tls,
        )

    def enabled_services(self) -> tuple[ServiceName, ...]:
        return tuple(name for name in SERVICE_NAMES if self.service(name) is not None)

    def secrets(self) -> tuple[str, ...]:
        """Every secret value configured, so logging can scrub them wherever they appear."""
        values = (
            self.api_key,
            self.sabnzbd_api_key,
            self.sonarr_api_key,
            self.radarr_api_key,
            self.plex_token,
            self.llm_api_key,
        )
        return tuple(v.get_secret_value() for v in values if v is not None and v.get_secret_value())


class _ExplicitSettings(Settings):
    """Settings that read nothing but the values they are given."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def parse_rate_limits(value: str) -> dict[RateCategory, str]:
    """Parse `category=N/unit,...`; raise ValueError naming the bad item."""
    limits: dict[RateCategory, str] = {}
    for raw in filter(None, (part.strip() for part in value.split(","))):
        match = _RATE_ITEM.match(raw)
        if match is None:
            raise ValueError(f"rate limit {raw!r} is not 'category=N/second|minute|hour'")
        category, amount, unit = match.groups()
        if category not in RATE_CATEGORIES:
            raise ValueError(f"unknown rate limit category {category!r}; known: {', '.join(RATE_CATEGORIES)}")
        if int(amount) < 1:
            raise ValueError(f"rate limit {raw!r} must allow at least one request")
        limits[category] = f"{int(amount)}/{unit}"
    return limits


def parse_trusted_proxies(value: str) -> tuple[IpNetwork, ...]:
    """Parse a comma-separated list of addresses or CIDR networks."""
    networks: list[IpNetwork] = []
    for raw in filter(None, (part.strip() for part in value.split(","))):
        try:
            networks.append(ipaddress.ip_network(raw, strict=False))
        except ValueError as exc:
            raise ValueError(f"trusted proxy {raw!r} is not an IP address or network") from exc
    return tuple(networks)
