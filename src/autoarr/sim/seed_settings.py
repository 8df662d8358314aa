"""Building blocks of the simulated Sonarr's and Radarr's settings: qualities, profiles, providers, config resources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from autoarr.sim._arr import JSON

# Quality definitions: (id, name, source, resolution) for Sonarr; Radarr adds the modifier.
# fmt: off
SONARR_QUALITIES: Final = (
    (0, "Unknown", "unknown", 0), (1, "SDTV", "television", 480), (12, "WEBRip-480p", "webRip", 480),
    (8, "WEBDL-480p", "web", 480), (2, "DVD", "dvd", 480), (13, "Bluray-480p", "bluray", 480),
    (4, "HDTV-720p", "television", 720), (9, "HDTV-1080p", "television", 1080),
    (10, "Raw-HD", "televisionRaw", 1080), (14, "WEBRip-720p", "webRip", 720), (5, "WEBDL-720p", "web", 720),
    (6, "Bluray-720p", "bluray", 720), (15, "WEBRip-1080p", "webRip", 1080), (3, "WEBDL-1080p", "web", 1080),
    (7, "Bluray-1080p", "bluray", 1080), (20, "Bluray-1080p Remux", "blurayRaw", 1080),
    (16, "HDTV-2160p", "television", 2160), (17, "WEBRip-2160p", "webRip", 2160), (18, "WEBDL-2160p", "web", 2160),
    (19, "Bluray-2160p", "bluray", 2160), (21, "Bluray-2160p Remux", "blurayRaw", 2160),
)
RADARR_QUALITIES: Final = (
    (0, "Unknown", "unknown", 0, "none"), (24, "WORKPRINT", "workprint", 0, "none"), (25, "CAM", "cam", 0, "none"),
    (26, "TELESYNC", "telesync", 0, "none"), (27, "TELECINE", "telecine", 0, "none"),
    (29, "REGIONAL", "dvd", 480, "regional"), (28, "DVDSCR", "dvd", 480, "screener"),
    (1, "SDTV", "tv", 480, "none"), (2, "DVD", "dvd", 0, "none"), (23, "DVD-R", "dvd", 480, "remux"),
    (8, "WEBDL-480p", "webdl", 480, "none"), (12, "WEBRip-480p", "webrip", 480, "none"),
    (20, "Bluray-480p", "bluray", 480, "none"), (21, "Bluray-576p", "bluray", 576, "none"),
    (4, "HDTV-720p", "tv", 720, "none"), (5, "WEBDL-720p", "webdl", 720, "none"),
    (14, "WEBRip-720p", "webrip", 720, "none"), (6, "Bluray-720p", "bluray", 720, "none"),
    (9, "HDTV-1080p", "tv", 1080, "none"), (3, "WEBDL-1080p", "webdl", 1080, "none"),
    (15, "WEBRip-1080p", "webrip", 1080, "none"), (7, "Bluray-1080p", "bluray", 1080, "none"),
    (30, "Remux-1080p", "bluray", 1080, "remux"), (16, "HDTV-2160p", "tv", 2160, "none"),
    (18, "WEBDL-2160p", "webdl", 2160, "none"), (17, "WEBRip-2160p", "webrip", 2160, "none"),
    (19, "Bluray-2160p", "bluray", 2160, "none"), (31, "Remux-2160p", "bluray", 2160, "remux"),
    (22, "BR-DISK", "bluray", 1080, "brdisk"), (10, "Raw-HD", "tv", 1080, "rawhd"),
)
# fmt: on

_KEYS = ("id", "name", "source", "resolution", "modifier")
_HOST_ENUMS: Final = {
    "authenticationMethod": ("none", "basic", "forms", "external"),
    "authenticationRequired": ("enabled", "disabledForLocalAddresses"),
    "certificateValidation": ("enabled", "disabledForLocalAddresses", "disabled"),
    "updateMechanism": ("builtIn", "script", "external", "apt", "docker"),
    "proxyType": ("http", "socks4", "socks5"),
    "downloadPropersAndRepacks": ("preferAndUpgrade", "doNotUpgrade", "doNotPrefer"),
    "rescanAfterRefresh": ("always", "afterManual", "never"),
}
SONARR_ENUMS: Final = {
    **_HOST_ENUMS,
    "fileDate": ("none", "localAirDate", "utcAirDate"),
    "episodeTitleRequired": ("always", "bulkSeasonReleases", "never"),
}
RADARR_ENUMS: Final = {
    **_HOST_ENUMS,
    "fileDate": ("none", "cinemas", "release"),
    "colonReplacementFormat": ("delete", "dash", "spaceDash", "spaceDashSpace", "smart"),
    "movieRuntimeFormat": ("hoursMinutes", "minutes"),
}


# What the host and UI resources hold besides the values each app sets (as a fresh install has them).
# fmt: off
_HOST_DEFAULTS: Final[Mapping[str, Any]] = MappingProxyType({
    "id": 1, "bindAddress": "*", "sslPort": 9898, "enableSsl": False, "launchBrowser": True, "analyticsEnabled": True,
    "passwordConfirmation": "", "logSizeLimit": 1, "consoleLogLevel": "", "branch": "main", "apiKey": "",
    "sslCertPath": "", "sslCertPassword": "", "urlBase": "", "applicationUrl": "", "updateAutomatically": False,
    "updateMechanism": "docker", "updateScriptPath": "", "proxyEnabled": False, "proxyType": "http",
    "proxyHostname": "", "proxyPort": 8080, "proxyUsername": "", "proxyPassword": "", "proxyBypassFilter": "",
    "proxyBypassLocalAddresses": True, "certificateValidation": "enabled", "backupFolder": "Backups",
    "backupInterval": 7, "trustCgnatIpAddresses": False,
})
_UI_DEFAULTS: Final[Mapping[str, Any]] = MappingProxyType({
    "id": 1, "firstDayOfWeek": 0, "calendarWeekColumnHeader": "ddd M/D", "shortDateFormat": "MMM D YYYY",
    "longDateFormat": "dddd, MMMM D YYYY", "timeFormat": "h(:mm)a", "showRelativeDates": True,
    "enableColorImpairedMode": False, "theme": "auto", "uiLanguage": 1,
})
# fmt: on


@dataclass(frozen=True)
class SabnzbdLink:
    """Where the seeded SABnzbd download client points (the demo passes the SABnzbd simulator's address)."""

    host: str = "sabnzbd"
    port: int = 8080
    api_key: str = "0123456789abcdef0123456789abcdef"


def qualities(table: Iterable[tuple[Any, ...]]) -> dict[str, JSON]:
    """Quality resources by name."""
    return {row[1]: dict(zip(_KEYS, row, strict=False)) for row in table}


def quality_profiles(by_name: Mapping[str, JSON], *, language: JSON | None = None) -> list[JSON]:
    """Profiles 1 HD-1080p, 2 Ultra-HD and 3 Any, each listing every quality with its `allowed` flag."""
    hd = {"HDTV-1080p", "WEBDL-1080p", "WEBRip-1080p", "Bluray-1080p"}
    uhd = {"WEBDL-2160p", "WEBRip-2160p", "Bluray-2160p", "Remux-2160p", "Bluray-2160p Remux"}
    anything = set(by_name) - {"Unknown", "WORKPRINT", "CAM", "TELESYNC", "TELECINE", "REGIONAL", "DVDSCR", "BR-DISK"}
    plans = (
        ("HD-1080p", hd, "Bluray-1080p", True),
        ("Ultra-HD", uhd, "Bluray-2160p", True),
        ("Any", anything, "SDTV", False),
    )
    profiles: list[JSON] = []
    for number, (name, allowed, cutoff, upgrades) in enumerate(plans, start=1):
        profile: JSON = {
            "id": number,
            "name": name,
            "upgradeAllowed": upgrades,
            "cutoff": by_name[cutoff]["id"],
            "items": [
                {"quality": quality, "items": [], "allowed": quality["name"] in allowed} for quality in by_name.values()
            ],
            "minFormatScore": 0,
            "cutoffFormatScore": 0,
            "minUpgradeFormatScore": 1,
            "formatItems": [],
        }
        if language is not None:
            profile["language"] = language
        profiles.append(profile)
    return profiles


def field(order: int, name: str, label: str, value: Any, kind: str = "textbox", **extra: Any) -> JSON:
    """One provider field (`privacy`, `advanced`, `selectOptions`, `helpText` as keyword arguments)."""
    return {
        "order": order,
        "name": name,
        "label": label,
        "value": value,
        "type": kind,
        "advanced": False,
        "privacy": "normal",
        "isFloat": False,
        **extra,
    }


_PRIORITIES = ((-100, "Default"), (-2, "Paused"), (-1, "Low"), (0, "Normal"), (1, "High"), (2, "Force"))


def _priority_options() -> list[JSON]:
    return [{"value": value, "name": name, "order": value} for value, name in _PRIORITIES]


def sabnzbd_client(app: str, sab: SabnzbdLink, *, category_field: str, category: str, remove_completed: bool) -> JSON:
    """The SABnzbd download client resource, `tvCategory`/`movieCategory` named by `category_field`."""
    media = category_field.removesuffix("Category")
    return {
        "id": 1,
        "name": "SABnzbd",
        "fields": [
            field(0, "host", "Host", sab.host),
            field(1, "port", "Port", sab.port, "number"),
            field(2, "useSsl", "Use SSL", False, "checkbox"),
            field(3, "urlBase", "URL Base", "", advanced=True),
            field(4, "apiKey", "API Key", sab.api_key, privacy="apiKey"),
            field(5, "username", "Username", "", privacy="userName"),
            field(6, "password", "Password", "", "password", privacy="password"),
            field(7, category_field, "Category", category),
            field(
                8,
                f"recent{media.title()}Priority",
                "Recent Priority",
                -100,
                "select",
                selectOptions=_priority_options(),
            ),
            field(
                9, f"older{media.title()}Priority", "Older Priority", -100, "select", selectOptions=_priority_options()
            ),
        ],
        "implementationName": "SABnzbd",
        "implementation": "Sabnzbd",
        "configContract": "SabnzbdSettings",
        "infoLink": f"https://wiki.servarr.com/{app}/supported#sabnzbd",
        "tags": [],
        "enable": True,
        "protocol": "usenet",
        "priority": 1,
        "removeCompletedDownloads": remove_completed,
        "removeFailedDownloads": True,
    }


def newznab_indexer(app: str, *, categories: list[int], automatic_search: bool, extra: JSON) -> JSON:
    """The NZBgeek Newznab indexer resource."""
    return {
        "id": 1,
        "name": "NZBgeek",
        "fields": [
            field(0, "baseUrl", "URL", "https://api.nzbgeek.info"),
            field(1, "apiPath", "API Path", "/api", advanced=True),
            field(2, "apiKey", "API Key", "nzbgeek-0a1b2c3d4e5f60718293a4b5c6d7e8f9", privacy="apiKey"),
            field(3, "categories", "Categories", categories, "select"),
            field(4, "additionalParameters", "Additional Parameters", "", advanced=True),
        ],
        "implementationName": "Newznab",
        "implementation": "Newznab",
        "configContract": "NewznabSettings",
        "infoLink": f"https://wiki.servarr.com/{app}/supported#newznab",
        "tags": [],
        "enableRss": True,
        "enableAutomaticSearch": automatic_search,
        "enableInteractiveSearch": True,
        "supportsRss": True,
        "supportsSearch": True,
        "protocol": "usenet",
        "priority": 25,
        "downloadClientId": 0,
        **extra,
    }


def notification(name: str, implementation: str, fields: list[JSON], events: Mapping[str, bool], link: str) -> JSON:
    """A notification (Connect) resource; every event is supported, `events` says which are switched on."""
    supports = {f"supports{event[0].upper()}{event[1:]}": True for event in events}
    return {
        "id": 1,
        "name": name,
        "fields": fields,
        "implementationName": name if implementation != "PlexServer" else "Plex Media Server",
        "implementation": implementation,
        "configContract": f"{implementation}Settings",
        "infoLink": link,
        "tags": [],
        "link": link,
        **events,
        "includeHealthWarnings": False,
        **supports,
    }


def host_config(
    *,
    port: int,
    instance: str,
    authentication: str,
    required: str,
    log_level: str,
    retention: int,
    username: str = "",
    password: str = "",
) -> JSON:
    """A HostConfigResource; `apiKey` is filled in by the app factory."""
    return {
        **_HOST_DEFAULTS,
        "port": port,
        "authenticationMethod": authentication,
        "authenticationRequired": required,
        "username": username,
        "password": password,
        "logLevel": log_level,
        "instanceName": instance,
        "backupRetention": retention,
    }


def media_management(*, media: str, folder: str, hardlinks: bool, extra: JSON) -> JSON:
    """A MediaManagementConfigResource; `media` ("Episodes"/"Movies") and `folder` ("Series"/"Movie") name fields."""
    return {
        "id": 1,
        f"autoUnmonitorPreviouslyDownloaded{media}": False,
        "recycleBin": "",  # PLANTED: SON-04 / RAD-04, no recycle bin
        "recycleBinCleanupDays": 7,
        "downloadPropersAndRepacks": "preferAndUpgrade",  # PLANTED: SON-03 / RAD-03
        f"createEmpty{folder}Folders": False,
        "deleteEmptyFolders": False,
        "fileDate": "none",
        "rescanAfterRefresh": "always",
        **extra,
        "setPermissionsLinux": False,
        "chmodFolder": "755",
        "chownGroup": "",
        "skipFreeSpaceCheckWhenImporting": False,
        "minimumFreeSpaceWhenImporting": 100,  # PLANTED: SON-09 / RAD-08, the validator's floor
        "copyUsingHardlinks": hardlinks,
        "useScriptImport": False,
        "scriptImportPath": "",
        "importExtraFiles": False,
        "extraFileExtensions": "srt",
        "enableMediaInfo": True,
    }


def ui_config(extra: JSON) -> JSON:
    """A UiConfigResource."""
    return {**_UI_DEFAULTS, **extra}
