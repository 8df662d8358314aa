"""The FluentValidation rules the *arr apps apply to media, root folders, providers and config PUTs."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable

from autoarr.sim._arr import JSON, failure, split_camel
from autoarr.sim._arr_state import ArrState

ConfigRule = Callable[[ArrState, JSON, JSON], list[JSON]]


def _between(prop: str, value: int, low: int, high: int) -> list[JSON]:
    if low <= value <= high:
        return []
    message = f"'{split_camel(prop[0].upper() + prop[1:])}' must be between {low} and {high}. You entered {value}."
    return [failure(_pascal(prop), message, value, "InclusiveBetweenValidator", From=low, To=high)]


def _at_least(prop: str, value: int, low: int) -> list[JSON]:
    if value >= low:
        return []
    message = f"'{split_camel(_pascal(prop))}' must be greater than or equal to '{low}'."
    return [failure(_pascal(prop), message, value, "GreaterThanOrEqualValidator", ComparisonValue=low)]


def _not_empty(prop: str, value: object) -> list[JSON]:
    if value not in (None, "", 0, []):
        return []
    message = f"'{split_camel(_pascal(prop))}' must not be empty."
    return [failure(_pascal(prop), message, value, "NotEmptyValidator")]


def _pascal(prop: str) -> str:
    return prop[0].upper() + prop[1:]


def _is_path(value: str) -> bool:
    return value.startswith("/") or bool(re.match(r"^[A-Za-z]:\\", value))


def _invalid_path(prop: str, value: str) -> list[JSON]:
    return [failure(_pascal(prop), f"ValidationError Path: '{value}'", value, "PathValidator")]


def password_hash(password: str) -> str:
    """What the apps store (and config/host shows) for a password: a hash, never the text."""
    return hashlib.sha256(f"autoarr-sim:{password}".encode()).hexdigest()


# --- config resources ---------------------------------------------------------------------------------------


def host_rules(state: ArrState, new: JSON, old: JSON) -> list[JSON]:
    """HostConfigController's validator (Radarr v6 also refuses Basic authentication)."""
    found: list[JSON] = []
    bind = new["bindAddress"]
    if bind not in {"*", "localhost"}:
        try:
            ipaddress.ip_address(bind)
        except ValueError:
            found.append(failure("BindAddress", "Enter a valid IP address", bind, "IpValidator"))
    found += _between("port", new["port"], 1, 65535)
    if new["urlBase"] and not re.match(r"^/[\w\-./]*[^/]$", new["urlBase"]):
        example = f"Must be a valid URL path (ie: '/{state.flavor.app.lower()}')"
        found.append(failure("UrlBase", example, new["urlBase"], "RegularExpressionValidator"))
    if new["authenticationMethod"] == "forms":
        found += _not_empty("username", new["username"]) + _not_empty("password", new["password"])
    if state.flavor.rejects_basic_auth and new["authenticationMethod"] == "basic":
        message = "'Basic' is no longer supported, switch to 'Forms' instead."
        found.append(failure("AuthenticationMethod", message, "basic", "NotEqualValidator"))
    if new["password"] != old["password"] and new["password"] != new.get("passwordConfirmation", ""):
        found.append(failure("PasswordConfirmation", "Must match Password", "", "PredicateValidator"))
    if new["enableSsl"]:
        found += _between("sslPort", new["sslPort"], 1, 65535) + _not_empty("sslCertPath", new["sslCertPath"])
        if new["sslPort"] == new["port"]:
            message = f"'Ssl Port' must not be equal to '{new['port']}'."
            found.append(failure("SslPort", message, new["sslPort"], "NotEqualValidator", ComparisonValue=new["port"]))
    found += _between("logSizeLimit", new["logSizeLimit"], 1, 10)
    if not new["branch"]:
        found.append(failure("Branch", "Branch name is required, 'main' is the default", "", "NotEmptyValidator"))
    found += _between("backupInterval", new["backupInterval"], 1, 7)
    found += _between("backupRetention", new["backupRetention"], 1, 90)
    return found


def store_host(new: JSON, old: JSON) -> JSON:
    """What a valid host PUT keeps: a new password is hashed, the confirmation is never stored, the key stays."""
    stored = {**new, "passwordConfirmation": "", "apiKey": old["apiKey"]}
    if new["password"] != old["password"]:
        stored["password"] = password_hash(new["password"]) if new["password"] else ""
    return stored


def media_management_rules(_state: ArrState, new: JSON, _old: JSON) -> list[JSON]:
    """MediaManagementConfigController's validator."""
    found = _at_least("recycleBinCleanupDays", new["recycleBinCleanupDays"], 0)
    if new["recycleBin"] and not _is_path(new["recycleBin"]):
        found += _invalid_path("recycleBin", new["recycleBin"])
    if new["chmodFolder"] and not re.fullmatch(r"0?[0-7]{3}", new["chmodFolder"]):
        message = "Must contain a valid Unix permissions octal"
        found.append(failure("ChmodFolder", message, new["chmodFolder"], "FolderChmodValidator"))
    found += _at_least("minimumFreeSpaceWhenImporting", new["minimumFreeSpaceWhenImporting"], 100)
    if new["useScriptImport"] and not _is_path(new["scriptImportPath"]):
        found += _invalid_path("scriptImportPath", new["scriptImportPath"])
    return found


def indexer_rules(_state: ArrState, new: JSON, _old: JSON) -> list[JSON]:
    """IndexerConfigController's validator (RSS sync: 0 to disable, else 10 to 120 minutes)."""
    found = _at_least("minimumAge", new["minimumAge"], 0)
    found += _at_least("maximumSize", new["maximumSize"], 0) + _at_least("retention", new["retention"], 0)
    interval = new["rssSyncInterval"]
    if interval != 0 and not 10 <= interval <= 120:
        message = "Must be between 10 and 120 or 0 to disable"
        found.append(failure("RssSyncInterval", message, interval, "RssSyncIntervalValidator"))
    return found


def no_rules(_state: ArrState, _new: JSON, _old: JSON) -> list[JSON]:
    """Config resources the apps save without a validator (naming is only checked for tokens, not here)."""
    return []


CONFIG_RULES: dict[str, ConfigRule] = {
    "host": host_rules,
    "mediamanagement": media_management_rules,
    "indexer": indexer_rules,
    "naming": no_rules,
    "downloadclient": no_rules,
    "ui": no_rules,
}


# --- media, root folders, providers -------------------------------------------------------------------------


def media_rules(state: ArrState, body: JSON, *, creating: bool, own_id: int = 0) -> list[JSON]:
    """SeriesController / MovieController validation: quality profile, paths, title and the external id."""
    kind = state.flavor.media
    found: list[JSON] = []
    profile = body.get("qualityProfileId", 0)
    if profile <= 0:
        message = "'Quality Profile Id' must be greater than '0'."
        found.append(failure("QualityProfileId", message, profile, "GreaterThanValidator", ComparisonValue=0))
    elif state.quality_profiles.get(profile) is None:
        found.append(
            failure("QualityProfileId", "Quality Profile does not exist", profile, "QualityProfileExistsValidator")
        )
    path = body.get("path", "")
    if path:
        if not _is_path(path):
            found += _invalid_path("path", path)
        elif any(item["path"] == path and item["id"] != own_id for item in state.library.values()):
            message = f"Path '{path}' is already configured for another {kind.resource}"
            found.append(failure("Path", message, path, f"{kind.model}PathValidator"))
    if creating:
        found += _new_media_rules(state, body, has_path=bool(path))
    return found


def _new_media_rules(state: ArrState, body: JSON, *, has_path: bool) -> list[JSON]:
    kind = state.flavor.media
    found: list[JSON] = []
    root = body.get("rootFolderPath", "")
    if not has_path and not _is_path(root):
        found += _invalid_path("path", "") + _invalid_path("rootFolderPath", root)
    elif not has_path and find_root_folder(state, root) is None:
        message = f"Root folder '{root}' does not exist"
        found.append(failure("RootFolderPath", message, root, "RootFolderExistsValidator"))
    external = body.get(kind.external_id, 0)
    if kind.title_always_required or external <= 0:
        found += _not_empty("title", body.get("title", ""))
    prop = _pascal(kind.external_id)
    if kind.external_id_rule == "greaterThan" and external <= 0:
        message = f"'{split_camel(prop)}' must be greater than '0'."
        found.append(failure(prop, message, external, "GreaterThanValidator", ComparisonValue=0))
    elif kind.external_id_rule == "notEmpty" and external == 0:
        found += _not_empty(kind.external_id, external)
    elif any(item[kind.external_id] == external for item in state.library.values()):
        found.append(failure(prop, kind.exists_message, external, f"{kind.model}ExistsValidator"))
    return found


def find_root_folder(state: ArrState, path: str) -> JSON | None:
    """The configured root folder with this path (trailing slashes ignored)."""
    wanted = path.rstrip("/")
    for folder in state.root_folders.values():
        if folder["path"].rstrip("/") == wanted:
            return folder
    return None


def root_folder_rules(state: ArrState, path: str) -> list[JSON]:
    """RootFolderController's validator for POST {path}."""
    if not _is_path(path):
        return _invalid_path("path", path)
    if find_root_folder(state, path) is not None:
        return [failure("Path", "Path is already configured as a root folder", path, "RootFolderValidator")]
    return []


def provider_rules(existing: list[JSON], body: JSON, *, own_id: int = 0) -> list[JSON]:
    """ProviderControllerBase's shared rules: a unique, non-empty name and a priority of 1 to 50."""
    found = _not_empty("name", body.get("name", ""))
    if any(item["name"].lower() == str(body.get("name", "")).lower() and item["id"] != own_id for item in existing):
        found.append(failure("Name", "Should be unique", body.get("name"), "PredicateValidator"))
    if "priority" in body:
        found += _between("priority", body["priority"], 1, 50)
    return found
