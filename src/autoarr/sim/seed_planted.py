"""The settings the simulated Sonarr and Radarr start with, including the sub-optimal ones an audit should find."""

# Every planted problem is marked `# PLANTED:` with the audit rule it trips (shared/research/audit-rules.md).

from __future__ import annotations

from dataclasses import dataclass

from autoarr.sim._arr import JSON
from autoarr.sim.seed_settings import (
    SabnzbdLink,
    field,
    host_config,
    media_management,
    newznab_indexer,
    notification,
    sabnzbd_client,
    ui_config,
)

# The Connect events each app knows.
# fmt: off
_SONARR_EVENTS = (
    "onGrab", "onDownload", "onUpgrade", "onImportComplete", "onRename", "onSeriesAdd", "onSeriesDelete",
    "onEpisodeFileDelete", "onEpisodeFileDeleteForUpgrade", "onHealthIssue", "onHealthRestored",
    "onApplicationUpdate", "onManualInteractionRequired",
)
_RADARR_EVENTS = (
    "onGrab", "onDownload", "onUpgrade", "onRename", "onMovieAdded", "onMovieDelete", "onMovieFileDelete",
    "onMovieFileDeleteForUpgrade", "onHealthIssue", "onHealthRestored", "onApplicationUpdate",
    "onManualInteractionRequired",
)
# fmt: on


@dataclass(frozen=True)
class ArrSettings:
    """Everything configurable an *arr simulator starts with."""

    configs: dict[str, JSON]
    root_folders: list[JSON]
    download_clients: list[JSON]
    indexers: list[JSON]
    notifications: list[JSON]


def sonarr_settings(sab: SabnzbdLink) -> ArrSettings:
    """Sonarr's seeded settings."""
    plex_fields = [
        field(0, "host", "Host", "plex"),
        field(1, "port", "Port", 32400, "number"),
        field(2, "useSsl", "Use SSL", False, "checkbox"),
        field(3, "authToken", "Auth Token", "plex-token-6f1c2d", privacy="apiKey", advanced=True),
        field(4, "updateLibrary", "Update Library", True, "checkbox"),
        field(5, "mapFrom", "Map Paths From", "", advanced=True),
        field(6, "mapTo", "Map Paths To", "", advanced=True),
    ]
    switched_on = ("onDownload", "onUpgrade", "onImportComplete", "onRename", "onSeriesDelete")
    events = dict.fromkeys(_SONARR_EVENTS, False) | dict.fromkeys(switched_on, True)
    return ArrSettings(
        configs={
            # PLANTED: SON-17 authenticationMethod "none"; SON-22 logLevel "trace"; analyticsEnabled true.
            "host": host_config(
                port=8989, instance="Sonarr", authentication="none", required="enabled", log_level="trace", retention=28
            ),
            "mediamanagement": media_management(
                media="Episodes", folder="Series", hardlinks=True, extra={"episodeTitleRequired": "always"}
            ),
            "naming": {
                "id": 1,
                "renameEpisodes": False,  # PLANTED: SON-12, files keep their release names
                "replaceIllegalCharacters": True,
                "colonReplacementFormat": 4,
                "customColonReplacementFormat": "",
                "multiEpisodeStyle": 5,
                "standardEpisodeFormat": "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
                "dailyEpisodeFormat": "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}",
                "animeEpisodeFormat": "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
                "seriesFolderFormat": "{Series Title}",
                "seasonFolderFormat": "Season {season}",
                "specialsFolderFormat": "Specials",
            },
            # PLANTED: SON-26 rssSyncInterval 0, Sonarr never grabs new releases by itself.
            "indexer": {"id": 1, "minimumAge": 0, "retention": 0, "maximumSize": 0, "rssSyncInterval": 0},
            "downloadclient": {
                "id": 1,
                "downloadClientWorkingFolders": "_UNPACK_|_FAILED_",
                "enableCompletedDownloadHandling": True,
                "autoRedownloadFailed": True,
                "autoRedownloadFailedFromInteractiveSearch": True,
            },
            "ui": ui_config({}),
        },
        root_folders=[
            {
                "id": 1,
                "path": "/tv",
                "accessible": True,
                "freeSpace": 1_234_567_890_123,
                "unmappedFolders": [{"name": "Firefly", "path": "/tv/Firefly", "relativePath": "Firefly"}],
            },
        ],
        # PLANTED: X-01, tvCategory "sonarr" while SABnzbd's TV category is "tv".
        download_clients=[
            sabnzbd_client("sonarr", sab, category_field="tvCategory", category="sonarr", remove_completed=True)
        ],
        indexers=[
            newznab_indexer(
                "sonarr",
                categories=[5030, 5040],
                automatic_search=True,
                extra={"seasonSearchMaximumSingleEpisodeAge": 0},
            ),
        ],
        notifications=[notification("Plex", "PlexServer", plex_fields, events, "https://www.plex.tv/")],
    )


def radarr_settings(sab: SabnzbdLink, *, admin_password_hash: str) -> ArrSettings:
    """Radarr's seeded settings."""
    discord_fields = [
        field(0, "webHookUrl", "Webhook URL", "https://discord.com/api/webhooks/1234/radarr-sim", privacy="apiKey"),
        field(1, "username", "Username", "Radarr"),
        field(2, "avatar", "Avatar", ""),
    ]
    events = dict.fromkeys(_RADARR_EVENTS, True)
    return ArrSettings(
        configs={
            # PLANTED: RAD-15 authenticationRequired "disabledForLocalAddresses"; backupRetention 2 (SON-22's twin);
            # analyticsEnabled true.
            "host": host_config(
                port=7878,
                instance="Radarr",
                authentication="forms",
                required="disabledForLocalAddresses",
                log_level="info",
                retention=2,
                username="admin",
                password=admin_password_hash,
            ),
            # PLANTED: RAD-01 copyUsingHardlinks false.
            "mediamanagement": media_management(
                media="Movies",
                folder="Movie",
                hardlinks=False,
                extra={"autoRenameFolders": False, "pathsDefaultStatic": False},
            ),
            "naming": {
                "id": 1,
                "renameMovies": True,
                "replaceIllegalCharacters": True,
                "colonReplacementFormat": "smart",
                "standardMovieFormat": "{Movie CleanTitle} {(Release Year)} {imdb-{ImdbId}} [{Quality Full}]"
                "[{Mediainfo AudioCodec} {Mediainfo AudioChannels}][{Mediainfo VideoCodec}]-{Release Group}",
                "movieFolderFormat": "{Movie Title} ({Release Year})",
            },
            # PLANTED: RAD-21 allowHardcodedSubs with no whitelist; retention 1100 days, below usenet providers'.
            "indexer": {
                "id": 1,
                "minimumAge": 0,
                "maximumSize": 0,
                "retention": 1100,
                "rssSyncInterval": 60,
                "preferIndexerFlags": False,
                "availabilityDelay": 0,
                "allowHardcodedSubs": True,
                "whitelistedHardcodedSubs": "",
            },
            # PLANTED: RAD-18 completed download handling on, but failed downloads are not retried.
            "downloadclient": {
                "id": 1,
                "downloadClientWorkingFolders": "_UNPACK_|_FAILED_",
                "enableCompletedDownloadHandling": True,
                "checkForFinishedDownloadInterval": 1,
                "autoRedownloadFailed": False,
                "autoRedownloadFailedFromInteractiveSearch": False,
            },
            "ui": ui_config({"movieRuntimeFormat": "hoursMinutes", "movieInfoLanguage": 1}),
        },
        root_folders=[
            {"id": 1, "path": "/movies", "accessible": True, "freeSpace": 2_345_678_901_234, "unmappedFolders": []},
            # PLANTED: RAD-22, a root folder that is gone (health: "Missing root folder").
            {"id": 2, "path": "/movies-4k", "accessible": False, "unmappedFolders": []},
        ],
        # PLANTED: RAD-19 removeCompletedDownloads false.
        download_clients=[
            sabnzbd_client("radarr", sab, category_field="movieCategory", category="movies", remove_completed=False)
        ],
        # PLANTED: automatic search off on the only indexer (health: IndexerSearchCheck).
        indexers=[
            newznab_indexer(
                "radarr", categories=[2000, 2010, 2030, 2040, 2045, 2050, 2060], automatic_search=False, extra={}
            )
        ],
        notifications=[notification("Discord", "Discord", discord_fields, events, "https://discord.com/")],
    )
