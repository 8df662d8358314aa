"""The table of cases for the rules Sonarr and Radarr share, built from the app descriptor like the rules."""

from __future__ import annotations

from typing import Any

from autoarr.audit.rules.arr_common import ArrApp
from autoarr.audit.snapshot import ConfigSnapshot
from tests.audit.cases import Build, Case, Resources

GOOD_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def sabnzbd_client(app: ArrApp, **changes: Any) -> dict[str, Any]:
    """An enabled SABnzbd download client resource with the app's category field."""
    category = changes.pop("category", app.default_category)
    return {
        "id": 1,
        "name": "SABnzbd",
        "implementation": "Sabnzbd",
        "enable": True,
        "protocol": "usenet",
        "removeCompletedDownloads": True,
        "removeFailedDownloads": True,
        "fields": [
            {"name": "host", "value": "sabnzbd"},
            {"name": "apiKey", "value": "********", "privacy": "apiKey"},
            {"name": app.category_field, "value": category},
        ],
    } | changes


def indexer(**changes: Any) -> dict[str, Any]:
    """An indexer with RSS and automatic search."""
    return {"id": 1, "name": "NZBgeek", "enableRss": True, "enableAutomaticSearch": True} | changes


def good_base(app: ArrApp, version: str) -> Resources:
    """A Sonarr/Radarr configuration satisfying every shared rule."""
    return {
        "host": {
            "authenticationMethod": "forms",
            "authenticationRequired": "enabled",
            "certificateValidation": "enabled",
            "apiKey": GOOD_KEY,
            "logLevel": "info",
            "backupInterval": 7,
            "backupRetention": 28,
            "analyticsEnabled": False,
            "username": "admin",
            "password": "$2a$hash",
        },
        "mediamanagement": {
            "copyUsingHardlinks": True,
            "enableMediaInfo": True,
            "downloadPropersAndRepacks": "doNotPrefer",
            "recycleBin": "/data/media/.recycle",
            app.unmonitor_field: True,
            "importExtraFiles": True,
            "rescanAfterRefresh": "always",
            "skipFreeSpaceCheckWhenImporting": False,
            "minimumFreeSpaceWhenImporting": 2048,
            "setPermissionsLinux": False,
            "chmodFolder": "775",
            "deleteEmptyFolders": True,
            "episodeTitleRequired": "bulkSeasonReleases",
        },
        "naming": {
            app.rename_field: True,
            app.standard_format_field: app.standard_format,
            app.folder_format_field: app.folder_format,
            "seasonFolderFormat": "Season {season:00}",
            "multiEpisodeStyle": 5,
        },
        "indexer_config": {
            "rssSyncInterval": app.rss_default,
            "retention": 0,
            "allowHardcodedSubs": False,
            "whitelistedHardcodedSubs": "",
        },
        "downloadclient_config": {
            "enableCompletedDownloadHandling": True,
            "autoRedownloadFailed": True,
            "autoRedownloadFailedFromInteractiveSearch": True,
        },
        "downloadclients": [sabnzbd_client(app)],
        "indexers": [indexer()],
        "rootfolders": [{"id": 1, "path": f"/data/media/{app.default_category}", "accessible": True}],
        "qualityprofiles": [],
        "health": [],
        "system_status": {"version": version},
    }


def builder(app: ArrApp) -> Build:
    """The snapshot builder for `app`."""

    def build(resources: Resources, version: str | None) -> ConfigSnapshot:
        return ConfigSnapshot(app.service, version, resources)

    return build


def field_case(
    app: ArrApp, rule: str, *, resource: str, key: str, fire: Any, ok: Any, wrong: Any, **extra: Any
) -> Case:
    """A rule on one field of a config resource."""
    return Case(
        f"{app.service}.{rule}",
        {resource: {key: fire}},
        {resource: {key: ok}},
        {resource: {key: wrong}},
        (resource, key),
        **extra,
    )


def list_case(app: ArrApp, rule: str, *, resource: str, fire: list[Any], ok: list[Any], **extra: Any) -> Case:
    """A rule over a list resource."""
    return Case(
        f"{app.service}.{rule}",
        {resource: fire},
        {resource: ok},
        {resource: {"not": "a list"}},
        (resource,),
        missing_reason="resource absent",
        **extra,
    )


def shared_cases(app: ArrApp) -> list[Case]:
    """One case per shared rule."""
    mm, naming, host = "mediamanagement", "naming", "host"
    dl_config, idx_config = "downloadclient_config", "indexer_config"
    scored = [{"formatItems": [{"format": 3, "name": "Repack/Proper", "score": 5}]}]
    return [
        field_case(
            app, "copy_using_hardlinks", resource=mm, key="copyUsingHardlinks", fire=False, ok=True, wrong="false"
        ),
        field_case(app, "enable_media_info", resource=mm, key="enableMediaInfo", fire=False, ok=True, wrong=1),
        field_case(
            app,
            "propers_and_repacks",
            resource=mm,
            key="downloadPropersAndRepacks",
            fire="preferAndUpgrade",
            ok="doNotUpgrade",
            wrong=1,
            recommended="doNotPrefer",
            extra_fires=(
                ({mm: {"downloadPropersAndRepacks": "preferAndUpgrade"}}, "low"),
                ({mm: {"downloadPropersAndRepacks": "preferAndUpgrade"}, "qualityprofiles": scored}, "medium"),
            ),
        ),
        field_case(app, "recycle_bin", resource=mm, key="recycleBin", fire="", ok="/recycle", wrong=None),
        field_case(app, "unmonitor_deleted", resource=mm, key=app.unmonitor_field, fire=False, ok=True, wrong="no"),
        field_case(app, "import_extra_files", resource=mm, key="importExtraFiles", fire=False, ok=True, wrong=0),
        field_case(
            app, "rescan_after_refresh", resource=mm, key="rescanAfterRefresh", fire="never", ok="afterManual", wrong=2
        ),
        field_case(
            app,
            "skip_free_space_check",
            resource=mm,
            key="skipFreeSpaceCheckWhenImporting",
            fire=True,
            ok=False,
            wrong="true",
        ),
        field_case(
            app, "minimum_free_space", resource=mm, key="minimumFreeSpaceWhenImporting", fire=100, ok=1024, wrong="100"
        ),
        Case(
            f"{app.service}.set_permissions",
            {mm: {"setPermissionsLinux": True, "chmodFolder": "755"}},
            {mm: {"setPermissionsLinux": True, "chmodFolder": "775"}},
            {mm: {"setPermissionsLinux": "yes"}},
            (mm, "chmodFolder"),
        ),
        field_case(app, "delete_empty_folders", resource=mm, key="deleteEmptyFolders", fire=False, ok=True, wrong=None),
        field_case(app, "rename", resource=naming, key=app.rename_field, fire=False, ok=True, wrong=0),
        field_case(
            app,
            "standard_format",
            resource=naming,
            key=app.standard_format_field,
            fire="{Title} {Quality Full}",
            ok="{Title} [{Quality Full}]-{Release Group}",
            wrong=3,
            recommended=app.standard_format,
        ),
        field_case(
            app,
            "folder_format",
            resource=naming,
            key=app.folder_format_field,
            fire="{Title}",
            ok="{Title} ({Release Year})",
            wrong=[],
        ),
        field_case(
            app,
            "authentication_method",
            resource=host,
            key="authenticationMethod",
            fire="none",
            ok="external",
            wrong=0,
            extra_fires=(
                ({host: {"authenticationMethod": "basic"}}, "high"),
                ({host: {"authenticationMethod": "none"}}, "critical"),
            ),
        ),
        field_case(
            app,
            "authentication_required",
            resource=host,
            key="authenticationRequired",
            fire="disabledForLocalAddresses",
            ok="enabled",
            wrong=True,
        ),
        field_case(
            app,
            "certificate_validation",
            resource=host,
            key="certificateValidation",
            fire="disabled",
            ok="enabled",
            wrong=False,
        ),
        field_case(app, "api_key_length", resource=host, key="apiKey", fire="short-key-123", ok=GOOD_KEY, wrong=12345),
        field_case(app, "log_level", resource=host, key="logLevel", fire="trace", ok="info", wrong=1),
        field_case(app, "backup_retention", resource=host, key="backupRetention", fire=2, ok=14, wrong="2"),
        field_case(app, "analytics", resource=host, key="analyticsEnabled", fire=True, ok=False, wrong="yes"),
        field_case(
            app,
            "completed_download_handling",
            resource=dl_config,
            key="enableCompletedDownloadHandling",
            fire=False,
            ok=True,
            wrong=0,
        ),
        field_case(
            app,
            "auto_redownload_failed",
            resource=dl_config,
            key="autoRedownloadFailed",
            fire=False,
            ok=True,
            wrong="false",
        ),
        field_case(
            app,
            "auto_redownload_failed_interactive",
            resource=dl_config,
            key="autoRedownloadFailedFromInteractiveSearch",
            fire=False,
            ok=True,
            wrong=None,
        ),
        field_case(
            app,
            "rss_sync_interval",
            resource=idx_config,
            key="rssSyncInterval",
            fire=0,
            ok=60,
            wrong="15",
            recommended=app.rss_default,
        ),
        field_case(app, "indexer_retention", resource=idx_config, key="retention", fire=1100, ok=4000, wrong="0"),
        list_case(
            app,
            "download_client_enabled",
            resource="downloadclients",
            fire=[sabnzbd_client(app, enable=False)],
            ok=[sabnzbd_client(app), sabnzbd_client(app, id=2, enable=False)],
        ),
        list_case(
            app,
            "remove_completed_downloads",
            resource="downloadclients",
            fire=[sabnzbd_client(app, removeCompletedDownloads=False)],
            ok=[sabnzbd_client(app)],
            current={"SABnzbd": False},
        ),
        list_case(
            app,
            "remove_failed_downloads",
            resource="downloadclients",
            fire=[sabnzbd_client(app, removeFailedDownloads=False)],
            ok=[sabnzbd_client(app)],
        ),
        list_case(
            app,
            "download_client_category",
            resource="downloadclients",
            fire=[sabnzbd_client(app, category="")],
            ok=[sabnzbd_client(app, category="media")],
            recommended=app.default_category,
        ),
        list_case(
            app,
            "indexer_rss",
            resource="indexers",
            fire=[indexer(enableRss=False)],
            ok=[indexer(), indexer(enableRss=False)],
        ),
        list_case(
            app,
            "indexer_automatic_search",
            resource="indexers",
            fire=[indexer(enableAutomaticSearch=False)],
            ok=[indexer()],
        ),
        list_case(
            app,
            "root_folders_accessible",
            resource="rootfolders",
            fire=[{"path": "/gone", "accessible": False}],
            ok=[{"path": "/data/media/x", "accessible": True}],
            current=["/gone"],
        ),
        list_case(
            app,
            "health",
            resource="health",
            fire=[{"source": "IndexerRssCheck", "type": "warning", "message": "No RSS"}],
            ok=[{"source": "UpdateCheck", "type": "notice", "message": "New version"}],
            extra_fires=(({"health": [{"source": "RootFolderCheck", "type": "error", "message": "Missing"}]}, "high"),),
        ),
        field_case(
            app,
            "version",
            resource="system_status",
            key="version",
            fire=f"{app.supported_major - 1}.0.0.1000",
            ok=f"{app.supported_major + 1}.0.0.1",
            wrong=4,
        ),
    ]
