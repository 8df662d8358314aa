"""The sources the rules cite (from research/audit-rules.md), named once so rule tables stay readable."""

from __future__ import annotations

from typing import Final

# SABnzbd
SAB_GENERAL: Final = "https://sabnzbd.org/wiki/configuration/5.1/general"
SAB_FOLDERS: Final = "https://sabnzbd.org/wiki/configuration/5.1/folders"
SAB_SWITCHES: Final = "https://sabnzbd.org/wiki/configuration/5.1/switches"
SAB_SPECIAL: Final = "https://sabnzbd.org/wiki/configuration/5.1/special"
SAB_SERVERS: Final = "https://sabnzbd.org/wiki/configuration/5.1/servers"
SAB_CATEGORIES: Final = "https://sabnzbd.org/wiki/configuration/5.1/categories"
SAB_HIGHSPEED: Final = "https://sabnzbd.org/wiki/advanced/highspeed-downloading"
SAB_DIRECT_WRITE: Final = "https://sabnzbd.org/wiki/advanced/direct-write"
SAB_DUPLICATES: Final = "https://sabnzbd.org/wiki/extra/duplicate-detection"
SAB_ENCRYPTED_RARS: Final = "https://sabnzbd.org/wiki/advanced/password-protected-rars"
SAB_HOSTNAME_CHECK: Final = "https://sabnzbd.org/wiki/extra/hostname-check"
SAB_HTTPS: Final = "https://sabnzbd.org/wiki/advanced/https"
SAB_CFG_SOURCE: Final = "sabnzbd/sabnzbd source: sabnzbd/cfg.py (protect=True options)"
SAB_API_SOURCE: Final = "sabnzbd/sabnzbd source: sabnzbd/api.py (_api_set_config)"
TRASH_SAB_BASIC: Final = "https://trash-guides.info/Downloaders/SABnzbd/Basic-Setup/"
TRASH_SAB_UNWANTED: Final = "https://trash-guides.info/Downloaders/SABnzbd/Basic-Setup/#prevent-unwanted-extensions"
TRASH_SAB_PATHS: Final = "https://trash-guides.info/Downloaders/SABnzbd/Paths-and-Categories/"

# Sonarr / Radarr
SONARR_SETTINGS: Final = "https://wiki.servarr.com/sonarr/settings"
RADARR_SETTINGS: Final = "https://wiki.servarr.com/radarr/settings"
SONARR_FAQ_V4_AUTH: Final = "https://wiki.servarr.com/sonarr/faq-v4#authentication-required"
RADARR_FAQ_AUTH: Final = "https://wiki.servarr.com/radarr/faq#authentication-method"
SERVARR_DOCKER: Final = "https://wiki.servarr.com/docker-guide"
TRASH_HARDLINKS: Final = "https://trash-guides.info/File-and-Folder-Structure/Hardlinks-and-Instant-Moves/"
TRASH_SONARR_NAMING: Final = "https://trash-guides.info/Sonarr/Sonarr-recommended-naming-scheme/"
TRASH_RADARR_NAMING: Final = "https://trash-guides.info/Radarr/Radarr-recommended-naming-scheme/"
TRASH_SONARR_PROFILES: Final = "https://trash-guides.info/Sonarr/sonarr-setup-quality-profiles/"
TRASH_RADARR_PROFILES: Final = "https://trash-guides.info/Radarr/radarr-setup-quality-profiles/"
TRASH_SONARR_V3_EOL: Final = "https://trash-guides.info/Sonarr/sonarr-v3-eol/"
SONARR_SABNZBD_SOURCE: Final = "Sonarr/Sonarr source: src/NzbDrone.Core/Download/Clients/Sabnzbd/Sabnzbd.cs"
SONARR_HEALTH_SOURCE: Final = "Sonarr/Sonarr source: src/NzbDrone.Core/HealthCheck/Checks/"
SONARR_API_KEY_CHECK: Final = "Sonarr/Sonarr source: src/NzbDrone.Core/HealthCheck/Checks/ApiKeyValidationCheck.cs"
SONARR_HOST_CONTROLLER: Final = "Sonarr/Sonarr source: src/Sonarr.Api.V3/Config/HostConfigController.cs"
SONARR_PLEX_SETTINGS: Final = "Sonarr/Sonarr source: src/NzbDrone.Core/Notifications/Plex/Server/PlexServerSettings.cs"

# Plex
PLEX_LIBRARY: Final = "https://support.plex.tv/articles/200289526-library/"
PLEX_PREVIEW_THUMBNAILS: Final = "https://support.plex.tv/articles/202197528-video-preview-thumbnails/"
PLEX_TRANSCODING: Final = "https://support.plex.tv/articles/227715247-server-settings-bandwidth-and-transcoding-limits/"
PLEX_NETWORK: Final = "https://support.plex.tv/articles/200430283-network/"
PLEX_SECURE_CONNECTIONS: Final = "https://support.plex.tv/articles/206225077-how-to-use-secure-server-connections/"
PLEX_ALLOWED_NETWORKS: Final = (
    "https://support.plex.tv/articles/200890058-require-authentication-for-local-network-access/"
)
PLEX_DLNA: Final = "https://support.plex.tv/articles/200350536-dlna/"
PLEX_RELAY: Final = "https://support.plex.tv/articles/216766168-accessing-a-server-through-relay/"
PLEX_PREFS_SUMMARY: Final = "Plex Media Server GET /:/prefs: the setting's own summary text"
TRASH_PLEX: Final = "https://trash-guides.info/Plex/Tips/Plex-media-server/"
AUTOSCAN_ISSUE_52: Final = "https://github.com/cloudbox/autoscan/issues/52"
