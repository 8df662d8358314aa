"""Reading and changing AutoArr's settings at run time: validate all, store all, apply live, show no secret."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from autoarr.errors import InvalidRequestError
from autoarr.integrations.registry import Integrations
from autoarr.logs import get_logger, register_secrets
from autoarr.settings import SERVICE_NAMES, Settings
from autoarr.settings_api.schema import SPECS, effective, flatten
from autoarr.store.settings_repo import SettingsRepository

log = get_logger("autoarr.settings")


class Reconfigurable(Protocol):
    async def apply_settings(self, settings: Settings) -> None:
        """Take the new settings into use at once."""


def _set(tree: dict[str, Any], path: str, value: Any) -> None:
    node = tree
    *parents, leaf = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


class SettingsService:
    """The settings API's logic; `components` are told about every accepted change."""

    def __init__(
        self,
        *,
        base: Settings,
        current: Settings,
        repository: SettingsRepository,
        integrations: Integrations,
        components: Sequence[Reconfigurable],
    ) -> None:
        self._base = base
        self.current = current
        self._repository = repository
        self._integrations = integrations
        self._components = components

    def view(self) -> dict[str, Any]:
        """GET /api/v1/settings: every setting users tune; secrets only as `api_key_set` / `token_set`."""
        settings = self.current
        servers: dict[str, Any] = {}
        for name in SERVICE_NAMES:
            url: str | None = getattr(settings, f"{name}_url")
            options = settings.service_options.get(name)
            service = settings.service(name)
            slot = next((s for s in self._integrations if s.name == name), None)
            secret = settings.plex_token if name == "plex" else getattr(settings, f"{name}_api_key")
            servers[name] = {
                "enabled": service is not None,
                "url": url,
                "connected": bool(slot and slot.health.healthy),
                ("token_set" if name == "plex" else "api_key_set"): bool(secret and secret.get_secret_value()),
                "timeout_seconds": (options.timeout_seconds if options else None) or settings.service_timeout_seconds,
                "verify_tls": settings.service_verify_tls
                if options is None or options.verify_tls is None
                else options.verify_tls,
            }
        return {
            "mcp_servers": servers,
            "llm": {
                "provider": settings.llm_provider,
                "model": settings.llm_model,
                "base_url": settings.llm_base_url,
                "api_key_set": bool(settings.llm_api_key and settings.llm_api_key.get_secret_value()),
            },
            "audit": {
                "auto_audit_enabled": settings.auto_audit_enabled,
                "auto_audit_interval_hours": settings.auto_audit_interval_hours,
            },
            "monitoring": {
                "download_poll_seconds": settings.download_poll_seconds,
                "health_interval_seconds": settings.health_interval_seconds,
            },
            "recovery": {
                "enabled": settings.recovery_enabled,
                "retry_limit": settings.recovery_retry_limit,
                "backoff_seconds": settings.recovery_backoff_seconds,
                "mark_failed": {
                    "sonarr": settings.recovery_mark_failed_sonarr,
                    "radarr": settings.recovery_mark_failed_radarr,
                },
            },
            "rate_limits": dict(settings.effective_rate_limits),
            "circuit_breaker": {
                "failure_threshold": settings.circuit_failure_threshold,
                "timeout_seconds": settings.circuit_timeout_seconds,
            },
        }

    async def update(self, body: Any) -> dict[str, Any]:
        """PUT /api/v1/settings: all or nothing; `null` drops a stored value back to the environment's."""
        if not isinstance(body, dict) or not body:
            raise InvalidRequestError(
                "Send an object with the settings to change", details={"body": "empty or not an object"}
            )
        changes: dict[str, Any] = {}
        dropped: set[str] = set()
        errors: dict[str, str] = {}
        for path, value in flatten(body):
            spec = SPECS.get(path)
            if spec is None:
                errors[path] = "unknown setting"
            elif value is None:
                dropped.add(path)
            else:
                try:
                    changes[path] = spec.adapter.validate_python(value)
                except ValueError as exc:  # pydantic's ValidationError is a ValueError
                    errors[path] = _first_error(exc)
        if errors:
            raise InvalidRequestError(f"Invalid settings: {', '.join(errors)}", details=errors)
        stored = [(p, v) for p, v in await self._repository.load() if p not in dropped and p not in changes]
        try:
            new = effective(self._base, [*stored, *changes.items()])
        except ValueError as exc:  # a combination the settings refuse (checked before anything is saved)
            raise InvalidRequestError("Invalid settings", details={"body": _first_error(exc)}) from exc
        await self._repository.save(changes, dropped=dropped)
        await self._apply(new)
        updated: dict[str, Any] = {}
        for path in [*changes, *dropped]:
            shown = _shown_as(path) if SPECS[path].secret else path
            _set(updated, shown, self._lookup(shown))  # as the view shows it (a dropped secret may be the env's)
        log.info("settings updated", changed=sorted(changes), dropped=sorted(dropped))
        return {"success": True, "message": "Settings updated successfully", "updated_settings": updated}

    def _lookup(self, path: str) -> Any:
        node: Any = self.view()
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    async def _apply(self, new: Settings) -> None:
        register_secrets(*new.secrets())
        self.current = new
        for component in self._components:
            await component.apply_settings(new)


def _shown_as(secret_path: str) -> str:
    """Where the view tells whether a secret is set: `...api_key` -> `...api_key_set`, `...token` -> `...token_set`."""
    parent, _, leaf = secret_path.rpartition(".")
    return f"{parent}.{'token_set' if leaf == 'token' else 'api_key_set'}"


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return str(found[0].get("msg", exc))
    return str(exc)
