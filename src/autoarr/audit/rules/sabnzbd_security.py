"""SABnzbd security rules: web login, external access, Host-header allow list, TLS and hardening switches."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Final

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, is_loopback_host, mapping_resource, when
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.sabnzbd_common import (
    FROM_4_1,
    MISC,
    PROTECTED_NOTE,
    misc,
    misc_path,
    misc_target,
    web_login_set,
)
from autoarr.audit.rules.values import FLAG, TEXT_LIST, ValueSpec
from autoarr.audit.snapshot import SABNZBD_MISC, ConfigSnapshot

EXPOSURE = ValueSpec("choice", choices=(0, 1, 2, 3, 4, 5))
RELEASE_CHECK = ValueSpec("integer", minimum=0, maximum=2)
_WIDE: Final = ("0.0.0.0/0", "::/0")


def _misc_values(snapshot: ConfigSnapshot) -> Mapping[str, object] | Skip:
    return mapping_resource(snapshot, SABNZBD_MISC)


def _web_login(snapshot: ConfigSnapshot) -> CheckResult:
    values = _misc_values(snapshot)
    if isinstance(values, Skip):
        return values
    for key in ("host", "username", "password"):
        if key not in values:
            return Skip(f"missing setting: sabnzbd misc.{key} is not reported")
        if not isinstance(values[key], str):
            return Skip(f"wrong type: misc.{key} should be a string, got {values[key]!r}")
    if web_login_set(values) or is_loopback_host(str(values["host"])):
        return None
    exposure = values.get("inet_exposure", 0)
    wide_open = isinstance(exposure, int) and exposure >= 4
    detail = f"SABnzbd listens on {values['host']!r} with no web username/password"
    current = {"username": values["username"], "password": values["password"]}
    return Finding(current, {"username": "<set>", "password": "<set>"}, detail, "critical" if wide_open else None)


def _inet_exposure(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("inet_exposure", EXPOSURE)(snapshot)
    if isinstance(value, Skip):
        return value
    if value < 3:
        return None
    values = _misc_values(snapshot)
    login = not isinstance(values, Skip) and web_login_set(values)
    if value >= 4 and not login:
        return Finding(value, 0, "the full web UI is open to external clients without a login", "critical")
    return Finding(value, 0, "external clients get the full API, which can read keys and run scripts")


def _is_too_wide(entry: str) -> bool:
    text = entry.strip()
    if text in _WIDE:
        return True
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return network.is_global or network.prefixlen == 0


def _local_ranges(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("local_ranges", TEXT_LIST)(snapshot)
    if isinstance(value, Skip):
        return value
    wide = [entry for entry in value if _is_too_wide(entry)]
    if not wide:
        return None
    return Finding(value, [], f"{', '.join(wide)} makes public addresses count as local")


def _host_whitelist(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("host_whitelist", TEXT_LIST)(snapshot)
    if isinstance(value, Skip):
        return value
    if any(item.strip() for item in value):
        return None
    values = _misc_values(snapshot)
    if not isinstance(values, Skip) and web_login_set(values):
        detail = "empty, but a web login is set, which also skips the hostname check"
        return Finding(value, ["<hostname Sonarr/Radarr use>"], detail, "low")
    return Finding(value, ["<hostname Sonarr/Radarr use>"], "empty: only IPs, localhost and *.local are accepted")


def _enable_https(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("enable_https", FLAG)(snapshot)
    if isinstance(value, Skip):
        return value
    values = _misc_values(snapshot)
    if value == 1 or isinstance(values, Skip):
        return None
    exposure = values.get("inet_exposure", 0)
    external = isinstance(exposure, int) and exposure > 0
    if not external or is_loopback_host(str(values.get("host", ""))):
        return None
    return Finding(0, 1, f"external access level {exposure} over plain HTTP: logins and the API key travel in clear")


RULES: tuple[Rule, ...] = (
    Rule(
        id="sabnzbd.web_login",
        service="sabnzbd",
        setting_name="username",
        setting_path=misc_path("username", "password", "host"),
        resources=MISC,
        category="security",
        priority="high",
        condition="username or password is empty while misc.host is not loopback (critical when inet_exposure >= 4)",
        recommended_value={"username": "<set>", "password": "<set>"},
        rationale="Without a login anyone who reaches the port can use the web UI.",
        impact="Only people with the credentials can open SABnzbd.",
        explanation=(
            "SABnzbd listening on all interfaces (host 0.0.0.0, the usual container setting) without a username "
            "and password lets anyone on the network open the web interface, which shows the API key and can "
            "change every setting. With credentials set the web UI asks for a login and the Host-header check is "
            "satisfied as well. Choose a username and a strong password in Config > General > Security."
        ),
        references=(ref.SAB_GENERAL, ref.SAB_SPECIAL),
        apply_note="AutoArr does not invent credentials: set them in SABnzbd yourself.",
        value_spec=None,
        check=_web_login,
    ),
    Rule(
        id="sabnzbd.inet_exposure",
        service="sabnzbd",
        setting_name="inet_exposure",
        setting_path=misc_path("inet_exposure"),
        resources=MISC,
        category="security",
        priority="high",
        condition="inet_exposure is 3 or more (full API from outside); critical at 4-5 without a web login",
        recommended_value=0,
        rationale="External clients should get at most 'add NZB', never the full API or web UI.",
        impact="Only the LAN (local_ranges) can read or change SABnzbd's configuration.",
        explanation=(
            "External internet access decides what clients outside local_ranges may do: 0 nothing, 1 add NZBs, "
            "2 API without configuration, 3 full API, 4 full web UI, 5 web UI with a login only for external "
            "users. The full API can read keys and run scripts, so levels 3 and up hand a stranger the box. "
            "Use 0, or 1/2 only when an external tool must push NZBs."
        ),
        references=(ref.SAB_GENERAL, ref.SAB_CFG_SOURCE),
        apply_note=PROTECTED_NOTE,
        value_spec=EXPOSURE,
        check=_inet_exposure,
    ),
    Rule(
        id="sabnzbd.local_ranges",
        service="sabnzbd",
        setting_name="local_ranges",
        setting_path=misc_path("local_ranges"),
        resources=MISC,
        category="security",
        priority="critical",
        condition="local_ranges contains 0.0.0.0/0, ::/0 or a public network",
        recommended_value=[],
        rationale="A too-wide local range makes every address 'local' and bypasses inet_exposure.",
        impact="Only the real LAN is treated as local.",
        explanation=(
            "SABnzbd grants full access to clients it considers local. Empty local_ranges means the RFC 1918/4193 "
            "private ranges, which is right for most homes. Listing 0.0.0.0/0 or a public network makes the whole "
            "internet local, so the external-access restrictions no longer apply to anyone."
        ),
        references=(ref.SAB_SPECIAL, ref.SAB_CFG_SOURCE),
        apply_note=PROTECTED_NOTE,
        value_spec=TEXT_LIST,
        check=_local_ranges,
    ),
    Rule(
        id="sabnzbd.host_whitelist",
        service="sabnzbd",
        setting_name="host_whitelist",
        setting_path=misc_path("host_whitelist"),
        resources=MISC,
        category="security",
        priority="medium",
        condition="host_whitelist is empty (low when a web login is set, which skips the check)",
        recommended_value=["<hostname Sonarr/Radarr use>"],
        rationale="The Host-header allow list blocks DNS-rebinding attacks and must name the host the *arr apps use.",
        impact="SABnzbd stays protected and reachable under its container name or FQDN.",
        explanation=(
            "SABnzbd refuses requests whose Host header is not an IP, localhost, a *.local name or a listed host, "
            "to stop DNS-rebinding attacks from web pages. When Sonarr/Radarr or a reverse proxy call it by "
            "container name or FQDN, that name must be in the list or they get 'Access denied - Hostname "
            "verification failed'. List the exact names in use, comma-separated."
        ),
        references=(ref.SAB_HOSTNAME_CHECK, ref.TRASH_SAB_BASIC),
        apply_note="AutoArr cannot know the hostnames your clients use: add them yourself.",
        value_spec=TEXT_LIST,
        check=_host_whitelist,
    ),
    Rule(
        id="sabnzbd.enable_https_verification",
        service="sabnzbd",
        setting_name="enable_https_verification",
        setting_path=misc_path("enable_https_verification"),
        resources=MISC,
        category="security",
        priority="medium",
        condition="enable_https_verification is 0",
        recommended_value=1,
        rationale="Certificate checks protect indexer and RSS downloads from interception.",
        impact="No silent man-in-the-middle on NZB and RSS fetches.",
        explanation=(
            "SABnzbd verifies the certificates of the HTTPS sites it fetches NZBs and RSS feeds from. Turning the "
            "check off accepts any certificate, so anyone on the path can swap the NZB. It is on by default; "
            "only turn it off to debug a broken indexer certificate."
        ),
        references=(ref.SAB_SPECIAL, ref.SAB_GENERAL),
        applicable=misc_target("enable_https_verification", "1"),
        value_spec=FLAG,
        check=when(misc("enable_https_verification", FLAG), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.allow_old_ssl_tls",
        service="sabnzbd",
        setting_name="allow_old_ssl_tls",
        setting_path=misc_path("allow_old_ssl_tls"),
        resources=MISC,
        category="security",
        priority="medium",
        condition="allow_old_ssl_tls is 1",
        recommended_value=0,
        rationale="TLS below 1.2 to news servers can be downgraded and broken.",
        impact="News-server connections use TLS 1.2 or newer only.",
        explanation=(
            "By default SABnzbd refuses SSL and TLS versions older than 1.2 on server connections. Allowing them "
            "exposes the provider login and the downloaded content to downgrade attacks. Every current provider "
            "supports TLS 1.2, so the switch should stay off."
        ),
        references=(ref.SAB_SPECIAL,),
        applicable=misc_target("allow_old_ssl_tls", "0"),
        value_spec=FLAG,
        check=when(misc("allow_old_ssl_tls", FLAG), fires=equals(1), recommend=0),
    ),
    Rule(
        id="sabnzbd.api_warnings",
        service="sabnzbd",
        setting_name="api_warnings",
        setting_path=misc_path("api_warnings"),
        resources=MISC,
        category="security",
        priority="low",
        condition="api_warnings is 0",
        recommended_value=1,
        rationale="API warnings surface unauthenticated and wrong-key probes.",
        impact="Probing attempts show up in SABnzbd's warnings.",
        explanation=(
            "With api_warnings on, SABnzbd logs a warning (and answers with a readable 403) whenever a request "
            "arrives with a missing or wrong API key. That is often the first sign of a misconfigured client or "
            "of someone probing the port. It is a protected option, so it can only be changed in the UI or ini."
        ),
        references=(ref.SAB_GENERAL, ref.SAB_CFG_SOURCE),
        apply_note=PROTECTED_NOTE,
        value_spec=FLAG,
        check=when(misc("api_warnings", FLAG), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.verify_xff_header",
        service="sabnzbd",
        setting_name="verify_xff_header",
        setting_path=misc_path("verify_xff_header"),
        resources=MISC,
        category="security",
        priority="high",
        condition="verify_xff_header is 0",
        recommended_value=1,
        rationale="Behind a reverse proxy every request looks local unless X-Forwarded-For is checked.",
        impact="External users keep the restricted access level even through a proxy.",
        explanation=(
            "A reverse proxy connects from its own, usually local, address. Without checking the "
            "X-Forwarded-For header SABnzbd credits every proxied request to the proxy and grants local access, "
            "which defeats inet_exposure. The option exists from SABnzbd 4.1 on."
        ),
        references=(ref.SAB_SPECIAL,),
        versions=FROM_4_1,
        applicable=misc_target("verify_xff_header", "1"),
        value_spec=FLAG,
        check=when(misc("verify_xff_header", FLAG), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.enable_https",
        service="sabnzbd",
        setting_name="enable_https",
        setting_path=misc_path("enable_https", "inet_exposure", "host"),
        resources=MISC,
        category="security",
        priority="medium",
        condition="enable_https is 0 while external access is allowed (inet_exposure > 0) on a non-loopback host",
        recommended_value=1,
        rationale="Web UI credentials and the API key travel in clear text over plain HTTP.",
        impact="Encrypted web UI and API traffic.",
        explanation=(
            "When SABnzbd accepts clients from outside the LAN, everything they send, including the login and the "
            "API key, crosses networks you do not control. Enable HTTPS in SABnzbd or put it behind a reverse proxy "
            "that terminates TLS. A LAN-only SABnzbd (inet_exposure 0) is not flagged."
        ),
        references=(ref.SAB_GENERAL, ref.SAB_HTTPS),
        apply_note="Needs a certificate (or a TLS reverse proxy) and changes the URL clients use: advice only.",
        value_spec=FLAG,
        check=_enable_https,
    ),
    Rule(
        id="sabnzbd.check_new_rel",
        service="sabnzbd",
        setting_name="check_new_rel",
        setting_path=misc_path("check_new_rel"),
        resources=MISC,
        category="security",
        priority="low",
        condition="check_new_rel is 0",
        recommended_value=1,
        rationale="The weekly release check surfaces security fixes.",
        impact="You hear about new (and security) releases of SABnzbd.",
        explanation=(
            "SABnzbd can check once a week whether a newer release exists and show a notice. Without it an old "
            "version with known problems can run for years unnoticed. The check sends no personal data; container "
            "users still update by pulling a new image."
        ),
        references=(ref.SAB_GENERAL,),
        applicable=misc_target("check_new_rel", "1"),
        value_spec=RELEASE_CHECK,
        check=when(misc("check_new_rel", RELEASE_CHECK), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.x_frame_options",
        service="sabnzbd",
        setting_name="x_frame_options",
        setting_path=misc_path("x_frame_options"),
        resources=MISC,
        category="security",
        priority="low",
        condition="x_frame_options is 0",
        recommended_value=1,
        rationale="The X-Frame-Options header stops other sites from framing the web UI (clickjacking).",
        impact="The web UI cannot be embedded by a malicious page.",
        explanation=(
            "SABnzbd sends X-Frame-Options by default so that no other site can show its interface in a frame and "
            "trick a logged-in user into clicking buttons. Turning it off is only needed for dashboards that embed "
            "SABnzbd; such dashboards are better served through a reverse proxy that sets its own policy. Keep "
            "it on (1), the default."
        ),
        references=(ref.SAB_SPECIAL,),
        applicable=misc_target("x_frame_options", "1"),
        value_spec=FLAG,
        check=when(misc("x_frame_options", FLAG), fires=equals(0), recommend=1),
    ),
)
