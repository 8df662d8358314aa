"""The simulated Plex server's `/:/prefs`: real PMS setting ids, types and defaults, some planted badly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PrefValue = bool | int | str


def _hour_label(hour: int) -> str:
    if hour in {0, 12}:
        return "Midnight" if hour == 0 else "Noon"
    return f"{hour % 12} {'am' if hour < 12 else 'pm'}"


_HOURS = "|".join(f"{hour}:{_hour_label(hour)}" for hour in range(24))
_BEHAVIOUR = "never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added"
_INTERVALS = (
    "900:every 15 minutes|1800:every 30 minutes|3600:hourly|7200:every 2 hours|21600:every 6 hours|"
    "43200:every 12 hours|86400:daily"
)


@dataclass
class Pref:
    """One `Setting`: `value` follows `type` (bool, int, text, double as a string)."""

    id: str
    label: str
    type: str
    default: PrefValue
    value: PrefValue
    group: str
    summary: str = ""
    hidden: bool = False
    advanced: bool = False
    enum_values: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The Setting object as PMS sends it."""
        body: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "summary": self.summary,
            "type": self.type,
            "default": self.default,
            "value": self.value,
            "hidden": self.hidden,
            "advanced": self.advanced,
            "group": self.group,
        }
        if self.enum_values is not None:
            body["enumValues"] = self.enum_values
        return body

    def parse(self, text: str) -> PrefValue:
        """A PUT value in this setting's type; ValueError when it is not one (PMS answers 400)."""
        if self.type == "bool":
            lowered = text.strip().lower()
            if lowered in {"true", "1"}:
                return True
            if lowered in {"false", "0"}:
                return False
            raise ValueError(f"{self.id} takes true/false or 1/0, not {text!r}")
        if self.type == "int":
            return int(text)
        if self.type == "double":
            return str(float(text))
        return text


def _p(pref_id: str, label: str, kind: str, default: PrefValue, group: str, **extra: Any) -> Pref:
    value = extra.pop("value", default)
    return Pref(pref_id, label, kind, default, value, group, **extra)


def default_prefs(*, friendly_name: str, machine_identifier: str) -> list[Pref]:
    """The seeded settings. `value=` marks the ones planted for an audit (see the comments)."""
    return [
        _p("FriendlyName", "Friendly name", "text", "", "general", value=friendly_name,
           summary="The name other computers on the network see for this server."),
        _p("sendCrashReports", "Send crash reports to Plex", "bool", True, "general"),
        _p("ButlerUpdateChannel", "Server update Channel", "text", "16", "general", enum_values="16:Public|8:Beta"),
        _p("logDebug", "Enable Plex Media Server debug logging", "bool", True, "general", advanced=True),
        # Planted: verbose logging fills the disk and slows the server.
        _p("LogVerbose", "Enable Plex Media Server verbose logging", "bool", False, "general", advanced=True,
           value=True),
        # Planted: tokens written to logs can be lifted from shared log files.
        _p("logTokens", "Allow Plex Media Server tokens in logs", "bool", False, "general", advanced=True,
           value=True,
           summary="Server tokens give access to library content; logs holding them must not be shared."),
        # Default off, left off: new files appear only on the periodic scan or an explicit refresh.
        _p("FSEventLibraryUpdatesEnabled", "Scan my library automatically", "bool", False, "library",
           summary="Update the library when changes to library folders are detected."),
        _p("FSEventLibraryPartialScanEnabled", "Run a partial scan when changes are detected", "bool", False,
           "library", advanced=True),
        _p("ScheduledLibraryUpdatesEnabled", "Scan my library periodically", "bool", False, "library", value=True),
        # Planted: a full scan of every library every 15 minutes.
        _p("ScheduledLibraryUpdateInterval", "Library scan interval", "int", 3600, "library", value=900,
           enum_values=_INTERVALS),
        # Planted: deleted files stay in the library as unavailable items.
        _p("autoEmptyTrash", "Empty trash automatically after every scan", "bool", True, "library", value=False),
        _p("allowMediaDeletion", "Allow media deletion", "bool", True, "library", advanced=True),
        _p("OnDeckWindow", "Weeks to consider for On Deck and Continue Watching", "int", 16, "library",
           advanced=True),
        # Planted: preview thumbnails for every new file, at once (CPU and disk heavy).
        _p("GenerateBIFBehavior", "Generate video preview thumbnails", "text", "never", "library", value="asap",
           enum_values=_BEHAVIOUR),
        _p("GenerateChapterThumbBehavior", "Generate chapter thumbnails", "text", "scheduled", "library",
           enum_values=_BEHAVIOUR),
        _p("ScannerLowPriority", "Run scanner tasks at a lower priority", "bool", False, "library", advanced=True),
        # Planted: plain HTTP accepted from every app ("2" = Disabled; PMS's "0" means Required).
        _p("secureConnections", "Secure connections", "int", 1, "network", value=2,
           enum_values="0:Required|1:Preferred|2:Disabled",
           summary='"Required" turns away apps that cannot connect securely.'),
        _p("customCertificatePath", "Custom certificate location", "text", "", "network", advanced=True),
        _p("customCertificateDomain", "Custom certificate domain", "text", "", "network", advanced=True),
        _p("EnableIPv6", "Enable server support for IPv6", "bool", False, "network", advanced=True),
        _p("GdmEnabled", "Enable local network discovery (GDM)", "bool", True, "network"),
        _p("RelayEnabled", "Enable Relay", "bool", True, "network", advanced=True,
           summary="Connect through Plex's relay (bandwidth-limited) when a direct connection fails."),
        _p("customConnections", "Custom server access URLs", "text", "", "network", advanced=True),
        _p("allowedNetworks", "List of IP addresses and networks that are allowed without auth", "text", "",
           "network", advanced=True),
        _p("LanNetworksBandwidth", "LAN Networks", "text", "", "network", advanced=True),
        _p("WanPerUserStreamCount", "Remote streams allowed per user", "int", 0, "network", advanced=True),
        _p("ManualPortMappingMode", "", "bool", False, "", hidden=True),
        _p("ManualPortMappingPort", "", "int", 32400, "", hidden=True),
        _p("PublishServerOnPlexOnlineKey", "Publish server on Plex Online", "bool", False, "", hidden=True,
           value=True),
        _p("DlnaEnabled", "Enable the DLNA server", "bool", True, "dlna"),
        _p("TranscoderQuality", "Transcoder quality", "int", 0, "transcoder",
           enum_values="0:Automatic|1:Prefer higher speed encoding|2:Prefer higher quality encoding|"
                       "3:Make my CPU hurt"),
        # Default empty, left empty: transcodes land in the app-data folder, often on a small system disk.
        _p("TranscoderTempDirectory", "Transcoder temporary directory", "text", "", "transcoder", advanced=True),
        _p("TranscoderThrottleBuffer", "Transcoder default throttle buffer", "int", 60, "transcoder", advanced=True),
        _p("TranscoderH264MinimumCRF", "", "double", "16", "transcoder", hidden=True),
        _p("HardwareAcceleratedCodecs", "Use hardware acceleration when available", "bool", False, "transcoder",
           advanced=True),
        _p("TranscodeCountLimit", "Maximum simultaneous video transcode", "int", 0, "transcoder"),
        _p("WanPerStreamMaxUploadRate", "Limit remote stream bitrate", "int", 0, "", hidden=True),
        _p("WanTotalMaxUploadRate", "External network total upload limit (kbps)", "int", 0, "", hidden=True),
        _p("ButlerStartHour", "Time at which tasks start to run", "int", 2, "butler", enum_values=_HOURS),
        _p("ButlerEndHour", "Time at which tasks stop running", "int", 5, "butler", enum_values=_HOURS),
        # Planted: no database backups.
        _p("ButlerTaskBackupDatabase", "Backup database every three days", "bool", True, "butler", value=False),
        _p("ButlerTaskOptimizeDatabase", "Optimize database every week", "bool", True, "butler"),
        _p("ButlerTaskCleanOldBundles", "Remove old bundles every week", "bool", True, "butler"),
        _p("ButlerTaskRefreshLibraries", "Update all libraries during maintenance", "bool", False, "butler"),
        _p("MachineIdentifier", "A unique identifier for the machine", "text", "", "", hidden=True,
           value=machine_identifier),
    ]  # fmt: skip
