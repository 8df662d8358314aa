"""Reading and writing one setting in a service, through its own API, and proving the write took.

- SABnzbd: `set_config`, whose echo is compared with what was sent (it silently keeps refused values);
- Sonarr/Radarr: GET the config resource, change one field, PUT the whole resource back (every field
  the service sent, known to us or not, goes back unchanged), then GET again;
- Plex: `PUT /:/prefs?Id=value`, then read `/:/prefs` again.
"""

from __future__ import annotations

from typing import Any

from autoarr.audit.rules.model import ApplyTarget, ArrTarget, PlexTarget, SabnzbdTarget
from autoarr.audit.rules.values import to_wire
from autoarr.errors import ConflictError, NotFoundError
from autoarr.integrations._arr import ArrClient
from autoarr.integrations.registry import Integrations


def resource_key(service: str, target: ApplyTarget) -> tuple[str, str]:
    """What one write locks: writes to the same config resource of one service are serialised."""
    if isinstance(target, SabnzbdTarget):
        return service, f"{target.section}.{target.keyword}"
    if isinstance(target, ArrTarget):
        return service, target.endpoint  # GET then PUT of the whole resource: one writer at a time
    return service, f"prefs.{target.pref}"


def same_value(left: Any, right: Any) -> bool:
    """Equal as the service stores them (1 == True == "1" on the wire, lists as comma strings)."""
    return left == right or to_wire(left) == to_wire(right)


def _arr(integrations: Integrations, service: str) -> ArrClient:
    return integrations.sonarr if service == "sonarr" else integrations.radarr


def _config_name(target: ArrTarget) -> str:
    return target.endpoint.rstrip("/").rsplit("/", 1)[1]  # "/api/v3/config/mediamanagement" -> "mediamanagement"


async def read_setting(integrations: Integrations, service: str, target: ApplyTarget) -> Any:
    """The setting's live value; NotFoundError when the service does not have it."""
    if isinstance(target, SabnzbdTarget):
        config = await integrations.sabnzbd.get_config(target.section, target.keyword)
        section = config.get(target.section)
        if not isinstance(section, dict) or target.keyword not in section:
            raise NotFoundError(f"SABnzbd has no setting {target.section}.{target.keyword}")
        return section[target.keyword]
    if isinstance(target, ArrTarget):
        resource = await _arr(integrations, service).raw(target.endpoint.removeprefix("/api/v3/"))
        if not isinstance(resource, dict) or target.field not in resource:
            raise NotFoundError(f"{service} has no setting {target.field} in {target.endpoint}")
        return resource[target.field]
    for setting in await integrations.plex.prefs():
        if setting.id == target.pref:
            return setting.value
    raise NotFoundError(f"Plex has no setting {target.pref}")


async def write_setting(integrations: Integrations, service: str, target: ApplyTarget, value: Any) -> Any:
    """Write the value through the service's API and return the value read back; ConflictError if it did not take."""
    if isinstance(target, SabnzbdTarget):
        # Raises InvalidRequestError when SABnzbd's echo shows it kept the old value.
        await integrations.sabnzbd.set_config_verified(target.section, target.keyword, value=to_wire(value))
    elif isinstance(target, ArrTarget):
        client = _arr(integrations, service)
        resource = await client.raw(target.endpoint.removeprefix("/api/v3/"))
        await client.update_config(_config_name(target), {**resource, target.field: value})  # type: ignore[arg-type]
    elif isinstance(target, PlexTarget):
        await integrations.plex.set_prefs({target.pref: to_wire(value)})
    stored = await read_setting(integrations, service, target)
    if not same_value(stored, value):
        raise ConflictError(
            f"{service} did not keep the new value: it reads back {stored!r}, not {value!r}",
            details={"stored": stored, "sent": value},
        )
    return stored
