"""Plex rules about security, networking, logging and transcoding."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, pref_reader
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.plex_common import pref_rule
from autoarr.audit.rules.values import BOOLEAN, TEXT, ValueSpec
from autoarr.audit.snapshot import ConfigSnapshot

SECURE = ValueSpec("choice", choices=(0, 1, 2))  # 0 Required, 1 Preferred, 2 Disabled
QUALITY = ValueSpec("choice", choices=(0, 1, 2, 3))  # automatic, speed, quality, "make my CPU hurt"


def _entries(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _wide_network(entry: str) -> bool:
    try:
        network = ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
    return network.prefixlen == 0 or network.is_global


def _allowed_networks(snapshot: ConfigSnapshot) -> CheckResult:
    value = pref_reader("allowedNetworks", TEXT)(snapshot)
    if isinstance(value, Skip):
        return value
    entries = _entries(value)
    if not entries:
        return None
    wide = [entry for entry in entries if _wide_network(entry)]
    if wide:
        return Finding(value, "", f"{', '.join(wide)} lets internet clients in without signing in", "critical")
    return Finding(value, "", "LAN clients in these networks skip authentication")


def _network_path(value: str) -> bool:
    text = value.strip()
    return text.startswith(("//", "\\\\")) or "://" in text


def _custom_connections(snapshot: ConfigSnapshot) -> CheckResult:
    value = pref_reader("customConnections", TEXT)(snapshot)
    if isinstance(value, Skip):
        return value
    portless = []
    for url in _entries(value):
        try:
            port = urlsplit(url).port
        except ValueError:
            port = None
        if port is None:
            portless.append(url)
    return Finding(value, "URLs with an explicit port, e.g. https://plex.example.com:443") if portless else None


RULES: tuple[Rule, ...] = (
    pref_rule(
        key="secure_connections",
        pref="secureConnections",
        spec=SECURE,
        fires=equals(2),
        recommended=1,
        category="security",
        priority="high",
        condition="secureConnections is 2 (Disabled)",
        rationale="'Disabled' sends tokens and media in clear text.",
        impact="Apps connect over TLS where they can.",
        explanation=(
            "Secure connections decides whether Plex apps use TLS: 0 Required (strictest), 1 Preferred (the "
            "default), 2 Disabled. With Disabled every app talks plain HTTP, so the X-Plex-Token that grants "
            "access to the server travels in clear text. Plex strongly recommends Preferred; use Required only "
            "when every client supports secure connections."
        ),
        references=(ref.PLEX_NETWORK, ref.PLEX_SECURE_CONNECTIONS),
    ),
    pref_rule(
        key="allowed_networks",
        pref="allowedNetworks",
        spec=TEXT,
        fires=lambda value: bool(_entries(value)),
        recommended="",
        category="security",
        priority="high",
        condition="allowedNetworks is not empty (critical for 0.0.0.0/0 or a public network)",
        rationale="Listed networks skip authentication entirely.",
        impact="Every client signs in; nobody gets in just by being on a network.",
        explanation=(
            "'List of IP addresses and networks that are allowed without auth' lets any device in those networks "
            "use the server as the owner, without signing in. Plex warns that it can compromise security: one "
            "infected device on the LAN is enough. Listing a public range or 0.0.0.0/0 opens the server to the "
            "internet. The default, empty, is safe."
        ),
        references=(ref.PLEX_ALLOWED_NETWORKS,),
        check=_allowed_networks,
    ),
    pref_rule(
        key="log_tokens",
        pref="logTokens",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="security",
        priority="medium",
        condition="logTokens is true",
        rationale="Tokens in logs grant library access to anyone who receives the logs.",
        impact="Logs can be shared for support without leaking access.",
        explanation=(
            "With 'Allow Plex Media Server tokens in logs' the full X-Plex-Token of every request is written to "
            "the log files. Logs get attached to forum posts and support tickets, and a token in them gives the "
            "reader access to the server. Leave it off except while Plex support asks for it."
        ),
        references=(ref.PLEX_PREFS_SUMMARY,),
    ),
    pref_rule(
        key="allow_media_deletion",
        pref="allowMediaDeletion",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="security",
        priority="medium",
        condition="allowMediaDeletion is true",
        rationale="Sonarr/Radarr should be the only owners of file deletion.",
        impact="A compromised or careless Plex account cannot delete media files.",
        explanation=(
            "With media deletion allowed, the owner and admins can delete files from disk through any Plex app. "
            "When Sonarr and Radarr manage the library they should own deletions, otherwise they re-download "
            "what Plex deleted. TRaSH suggests disabling it (and mounting media read-only in the Plex container)."
        ),
        references=(ref.TRASH_PLEX,),
    ),
    pref_rule(
        key="dlna",
        pref="DlnaEnabled",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="security",
        priority="medium",
        condition="DlnaEnabled is true",
        rationale="DLNA is unauthenticated: any UPnP device on the LAN can browse and play the libraries.",
        impact="Only signed-in Plex apps can reach the media.",
        explanation=(
            "The DLNA server shares the libraries with any UPnP/DLNA device on the network, without Plex accounts, "
            "sharing limits or restrictions (an inference from the protocol; Plex's article documents the setting). "
            "Turn it off unless a DLNA-only device (an old TV, a receiver) really needs it. Defaults differ "
            "between Plex versions."
        ),
        references=(ref.PLEX_DLNA,),
    ),
    pref_rule(
        key="publish_server",
        pref="PublishServerOnPlexOnlineKey",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="security",
        priority="low",
        condition="PublishServerOnPlexOnlineKey is true (remote access is published)",
        rationale="Publishing the server for remote access exposes it to the internet.",
        impact="Fewer exposed paths when nobody streams from outside the home.",
        explanation=(
            "Remote access publishes the server's address to plex.tv and usually opens a port on the router. If "
            "nobody streams from outside the home, turning it off (Settings > Remote Access) removes that exposure. "
            "When it is needed, prefer a fixed manual port mapping."
        ),
        references=(ref.PLEX_NETWORK, ref.TRASH_PLEX),
        advice_only="Only you know whether remote streaming is used: change it in Settings > Remote Access.",
    ),
    pref_rule(
        key="relay",
        pref="RelayEnabled",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="performance",
        priority="low",
        condition="RelayEnabled is true",
        rationale="The relay caps remote streams at about 1-2 Mbps, giving poor playback.",
        impact="Remote clients use the direct connection or fail visibly instead of crawling.",
        explanation=(
            "When a remote app cannot connect directly, Plex routes the stream through its relay, limited to "
            "about 1 Mbps (2 Mbps with Plex Pass). The result is heavy transcoding to a poor quality. If direct "
            "remote access works, turn the relay off; if it does not, fix port forwarding first."
        ),
        references=(ref.PLEX_RELAY, ref.TRASH_PLEX),
        advice_only="Disabling the relay breaks remote access where direct connections fail: check that first.",
    ),
    pref_rule(
        key="log_verbose",
        pref="LogVerbose",
        spec=BOOLEAN,
        fires=equals(True),
        recommended=False,
        category="performance",
        priority="low",
        condition="LogVerbose is true",
        rationale="Verbose logging multiplies log volume and slows the server.",
        impact="Smaller logs and less disk activity.",
        explanation=(
            "Verbose logging is a troubleshooting aid. Left on, Plex writes many times more log lines, rotating "
            "away the useful ones and adding disk writes. Turn it on only while reproducing a problem."
        ),
        references=(ref.TRASH_PLEX,),
    ),
    pref_rule(
        key="treat_wan_ip_as_local",
        pref="TreatWanIpAsLocal",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="performance",
        priority="low",
        condition="TreatWanIpAsLocal is false",
        rationale="Hair-pinned LAN clients would otherwise get remote bandwidth limits.",
        impact="Devices at home stream at full quality.",
        explanation=(
            "Some routers send LAN traffic to the server's public address back in (hair-pinning), so Plex sees "
            "local devices as remote and applies remote quality limits. Treating the WAN IP as local fixes that; "
            "it is on by default. Keep it on unless LAN and WAN clients must be told apart by address."
        ),
        references=(ref.TRASH_PLEX,),
    ),
    pref_rule(
        key="gdm",
        pref="GdmEnabled",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="best_practices",
        priority="low",
        condition="GdmEnabled is false",
        rationale="GDM lets apps on the LAN discover the server without going through plex.tv.",
        impact="Local apps find the server even when plex.tv is unreachable.",
        explanation=(
            "Local network discovery (GDM) announces the server on the LAN. Without it apps depend on plex.tv to "
            "find it, so an internet outage also breaks local playback. It is on by default."
        ),
        references=(ref.TRASH_PLEX,),
    ),
    pref_rule(
        key="transcoder_quality",
        pref="TranscoderQuality",
        spec=QUALITY,
        fires=equals(2, 3),
        recommended=0,
        category="performance",
        priority="medium",
        condition="TranscoderQuality is 2 (prefer quality) or 3 (make my CPU hurt)",
        rationale="Higher-quality presets multiply the CPU each transcode costs.",
        impact="More simultaneous transcodes and less buffering.",
        explanation=(
            "The transcoder quality preset trades CPU time for slightly better output. Plex recommends Automatic; "
            "the higher presets can halve the number of streams a CPU sustains and make transcodes fall behind "
            "real time on modest hardware. The difference in picture quality is rarely visible."
        ),
        references=(ref.PLEX_TRANSCODING, ref.TRASH_PLEX),
    ),
    pref_rule(
        key="hardware_acceleration",
        pref="HardwareAcceleratedCodecs",
        spec=BOOLEAN,
        fires=equals(False),
        recommended=True,
        category="performance",
        priority="medium",
        condition="HardwareAcceleratedCodecs is false",
        rationale="Hardware transcoding raises the number of streams and lowers CPU load.",
        impact="Several times more simultaneous transcodes where a GPU or iGPU is available.",
        explanation=(
            "With hardware acceleration Plex uses the GPU or Intel Quick Sync for transcoding, which takes a "
            "fraction of the CPU. It needs Plex Pass and a device passed into the container (e.g. /dev/dri); "
            "without one Plex simply keeps using the CPU, so switching it on does no harm."
        ),
        references=(ref.TRASH_PLEX, ref.PLEX_TRANSCODING),
    ),
    pref_rule(
        key="transcoder_temp_directory",
        pref="TranscoderTempDirectory",
        spec=TEXT,
        fires=_network_path,
        recommended="a local SSD or RAM disk path (e.g. /transcode)",
        category="performance",
        priority="medium",
        condition="TranscoderTempDirectory is a network path",
        rationale="Transcode segments are temporary and write-heavy; network locations are warned against.",
        impact="Transcodes no longer stall on network latency.",
        explanation=(
            "Plex writes transcoded segments to this folder continuously while a stream plays. On a network share "
            "every segment crosses the network twice and stalls playback when the share is slow. Use a local SSD "
            "or a RAM disk (in Docker, map /transcode to tmpfs)."
        ),
        references=(ref.TRASH_PLEX,),
        advice_only="Needs a local folder mapped into the container: advice only.",
    ),
    pref_rule(
        key="custom_connections",
        pref="customConnections",
        spec=TEXT,
        fires=bool,
        recommended="URLs with an explicit port, e.g. https://plex.example.com:443",
        category="best_practices",
        priority="low",
        condition="customConnections lists a URL without an explicit port",
        rationale="Without a port Plex advertises its own port 32400 for the URL.",
        impact="Apps reach the server through the reverse proxy as intended.",
        explanation=(
            "Custom server access URLs tell apps how to reach the server, typically through a reverse proxy. A URL "
            "without an explicit port makes apps try the default Plex port, which the proxy does not serve. Write "
            "the port even when it is the protocol's default (https://plex.example.com:443)."
        ),
        references=(ref.TRASH_PLEX, ref.PLEX_NETWORK),
        advice_only="AutoArr cannot know your proxy's address: edit the URLs yourself.",
        check=_custom_connections,
    ),
)
