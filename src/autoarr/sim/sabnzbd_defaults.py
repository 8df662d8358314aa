"""SABnzbd 3.7.1's configuration defaults and value kinds, as `get_config` reports them (data only)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

# The misc section in get_config order, with SABnzbd's own defaults (the captured ini overrode only the
# keys, host, port and folders, and SABnzbd sized cache_limit from RAM at first start).
MISC_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {
        "pre_script": "None",
        "queue_complete": "",
        "queue_complete_pers": 0,
        "bandwidth_perc": 100,
        "refresh_rate": 0,
        "interface_settings": "",
        "queue_limit": 20,
        "config_lock": 0,
        "fixed_ports": 1,
        "sched_converted": 0,
        "notified_new_skin": 0,
        "direct_unpack_tested": 0,
        "check_new_rel": 1,
        "auto_browser": 1,
        "language": "en",
        "enable_https_verification": 1,
        "host": "127.0.0.1",
        "port": "8080",
        "https_port": "",
        "username": "",
        "password": "",
        "bandwidth_max": "",
        "cache_limit": "",
        "web_dir": "Glitter",
        "web_color": "Auto",
        "https_cert": "server.cert",
        "https_key": "server.key",
        "https_chain": "",
        "enable_https": 0,
        "inet_exposure": 0,
        "api_key": "",
        "nzb_key": "",
        "socks5_proxy_url": "",
        "permissions": "",
        "download_dir": "Downloads/incomplete",
        "download_free": "",
        "complete_dir": "Downloads/complete",
        "complete_free": "",
        "fulldisk_autoresume": 0,
        "script_dir": "",
        "nzb_backup_dir": "",
        "admin_dir": "admin",
        "backup_dir": "",
        "dirscan_dir": "",
        "dirscan_speed": 5,
        "password_file": "",
        "log_dir": "logs",
        "max_art_tries": 3,
        "load_balancing": 2,
        "top_only": 0,
        "sfv_check": 1,
        "script_can_fail": 0,
        "enable_recursive": 1,
        "flat_unpack": 0,
        "par_option": "",
        "pre_check": 0,
        "nice": "",
        "win_process_prio": 3,
        "ionice": "",
        "fail_hopeless_jobs": 1,
        "fast_fail": 1,
        "auto_disconnect": 1,
        "no_dupes": 0,
        "no_series_dupes": 0,
        "series_propercheck": 1,
        "pause_on_pwrar": 1,
        "ignore_samples": 0,
        "deobfuscate_final_filenames": 0,
        "auto_sort": "",
        "direct_unpack": 0,
        "propagation_delay": 0,
        "folder_rename": 1,
        "replace_spaces": 0,
        "replace_underscores": 0,
        "replace_dots": 0,
        "safe_postproc": 1,
        "pause_on_post_processing": 0,
        "enable_all_par": 0,
        "sanitize_safe": 0,
        "cleanup_list": [],
        "unwanted_extensions": [],
        "action_on_unwanted_extensions": 0,
        "unwanted_extensions_mode": 0,
        "new_nzb_on_failure": 0,
        "history_retention": "0",
        "quota_size": "",
        "quota_day": "",
        "quota_resume": 0,
        "quota_period": "m",
        "enable_tv_sorting": 0,
        "tv_sort_string": "",
        "tv_categories": ["tv"],
        "enable_movie_sorting": 0,
        "movie_sort_string": "",
        "movie_sort_extra": "-cd%1",
        "movie_categories": ["movies"],
        "enable_date_sorting": 0,
        "date_sort_string": "",
        "date_categories": ["tv"],
        "schedlines": [],
        "rss_rate": 60,
        "ampm": 0,
        "start_paused": 0,
        "preserve_paused_state": 0,
        "enable_par_cleanup": 1,
        "process_unpacked_par2": 1,
        "enable_unrar": 1,
        "enable_unzip": 1,
        "enable_7zip": 1,
        "enable_filejoin": 1,
        "enable_tsjoin": 1,
        "overwrite_files": 0,
        "ignore_unrar_dates": 0,
        "backup_for_duplicates": 1,
        "empty_postproc": 0,
        "wait_for_dfolder": 0,
        "rss_filenames": 0,
        "api_logging": 1,
        "html_login": 1,
        "warn_dupl_jobs": 1,
        "helpful_warnings": 1,
        "keep_awake": 1,
        "tray_icon": 1,
        "allow_incomplete_nzb": 0,
        "enable_broadcast": 0,
        "ipv6_hosting": 0,
        "api_warnings": 1,
        "no_penalties": 0,
        "x_frame_options": 1,
        "allow_old_ssl_tls": 0,
        "rss_odd_titles": ["nzbindex.nl/", "nzbindex.com/", "nzbclub.com/"],
        "quick_check_ext_ignore": ["nfo", "sfv", "srr"],
        "req_completion_rate": 100.2,
        "selftest_host": "self-test.sabnzbd.org",
        "movie_rename_limit": "100M",
        "episode_rename_limit": "20M",
        "size_limit": "0",
        "direct_unpack_threads": 3,
        "history_limit": 10,
        "wait_ext_drive": 5,
        "max_foldername_length": 246,
        "nomedia_marker": "",
        "ipv6_servers": 1,
        "url_base": "/sabnzbd",
        "host_whitelist": [],
        "local_ranges": [],
        "max_url_retries": 10,
        "downloader_sleep_time": 10,
        "num_simd_decoders": 2,
        "ssdp_broadcast_interval": 15,
        "ext_rename_ignore": [],
        "email_server": "",
        "email_to": [],
        "email_from": "",
        "email_account": "",
        "email_pwd": "",
        "email_endjob": 0,
        "email_full": 0,
        "email_dir": "",
        "email_rss": 0,
        "email_cats": ["*"],
    }
)

# Keys SABnzbd keeps as OptionBool: any int is stored as 0/1 and a non-number ("true") stores 0.
_BOOL_NAMES = """
    queue_complete_pers config_lock fixed_ports sched_converted direct_unpack_tested auto_browser
    enable_https_verification enable_https fulldisk_autoresume top_only sfv_check script_can_fail
    enable_recursive flat_unpack pre_check fail_hopeless_jobs fast_fail auto_disconnect
    series_propercheck ignore_samples deobfuscate_final_filenames direct_unpack folder_rename
    replace_spaces replace_underscores replace_dots safe_postproc pause_on_post_processing
    enable_all_par sanitize_safe new_nzb_on_failure quota_resume enable_tv_sorting
    enable_movie_sorting enable_date_sorting ampm start_paused preserve_paused_state
    enable_par_cleanup process_unpacked_par2 enable_unrar enable_unzip enable_7zip enable_filejoin
    enable_tsjoin overwrite_files ignore_unrar_dates backup_for_duplicates empty_postproc
    wait_for_dfolder rss_filenames api_logging html_login warn_dupl_jobs helpful_warnings
    keep_awake tray_icon allow_incomplete_nzb enable_broadcast ipv6_hosting api_warnings
    no_penalties x_frame_options allow_old_ssl_tls ipv6_servers email_full email_rss
"""
BOOL_KEYS: frozenset[str] = frozenset(_BOOL_NAMES.split())

# OptionNumber keys with the bounds SABnzbd enforces; a value outside them keeps the old value.
INT_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "bandwidth_perc": (0, 100),
        "queue_limit": (0, 10_000),
        "max_art_tries": (2, 1_000),
        "load_balancing": (0, 2),
        "no_dupes": (0, 4),
        "no_series_dupes": (0, 4),
        "pause_on_pwrar": (0, 2),
        "action_on_unwanted_extensions": (0, 2),
        "unwanted_extensions_mode": (0, 1),
        "inet_exposure": (0, 5),
        "direct_unpack_threads": (1, 64),
        "history_limit": (0, 10_000),
        "rss_rate": (15, 1440),
        "dirscan_speed": (0, 3600),
        "wait_ext_drive": (1, 60),
        "max_url_retries": (1, 1_000),
        "num_simd_decoders": (1, 128),
        "email_endjob": (0, 2),
    }
)
FLOAT_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType({"req_completion_rate": (100.0, 200.0)})
PASSWORD_KEYS: frozenset[str] = frozenset({"password", "email_pwd"})
MASK = "**********"

# The notification sections: their own keys, then one priority per event (the 12 events, in order).
NOTIFY_EVENTS = (
    "startup", "download", "pause_resume", "pp", "complete", "failed",
    "disk_full", "new_login", "warning", "error", "queue_done", "other",
)  # fmt: skip
NOTIFIERS: Mapping[str, tuple[dict[str, Any], tuple[int, ...]]] = MappingProxyType(
    {
        "ncenter": ({"enable": 0, "cats": ["*"]}, (1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1)),
        "acenter": ({"enable": 0, "cats": ["*"]}, (0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1)),
        "ntfosd": ({"enable": 1, "cats": ["*"]}, (1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1)),
        "prowl": ({"enable": 0, "cats": ["*"], "apikey": ""}, (-3, -3, -3, -3, 0, 1, 1, -3, -3, -3, 0, 0)),
        "pushover": (
            {
                "token": "",
                "userkey": "",
                "device": "",
                "emergency_expire": 3600,
                "emergency_retry": 60,
                "enable": 0,
                "cats": ["*"],
            },
            (-3, -2, -2, -3, -1, -1, 1, -3, 1, 1, -1, -1),
        ),
        "pushbullet": (
            {"enable": 0, "cats": ["*"], "apikey": "", "device": ""},
            (0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1),
        ),
        "nscript": (
            {"enable": 0, "cats": ["*"], "script": "", "parameters": ""},
            (1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1),
        ),
    }
)


def notifier_sections() -> dict[str, dict[str, Any]]:
    """Fresh copies of the notification sections, keys prefixed as SABnzbd names them."""
    sections: dict[str, dict[str, Any]] = {}
    for name, (own, prios) in NOTIFIERS.items():
        section = {f"{name}_{key}": list(value) if isinstance(value, list) else value for key, value in own.items()}
        section.update({f"{name}_prio_{event}": prio for event, prio in zip(NOTIFY_EVENTS, prios, strict=True)})
        sections[name] = section
    return sections


LOGGING_DEFAULTS: Mapping[str, Any] = MappingProxyType({"log_level": 1, "max_log_size": 5_242_880, "log_backups": 5})

SERVER_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {
        "name": "",
        "displayname": "",
        "host": "",
        "port": 119,
        "timeout": 60,
        "username": "",
        "password": "",
        "connections": 8,
        "ssl": 0,
        "ssl_verify": 2,
        "ssl_ciphers": "",
        "enable": 1,
        "required": 0,
        "optional": 0,
        "retention": 0,
        "expire_date": "",
        "quota": "",
        "usage_at_start": 0,
        "send_group": 0,
        "priority": 0,
        "notes": "",
    }
)
SERVER_INT_KEYS: frozenset[str] = frozenset(
    {"port", "timeout", "connections", "ssl", "ssl_verify", "enable", "required", "optional", "retention",
     "usage_at_start", "send_group", "priority"}
)  # fmt: skip

CATEGORY_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {
        "name": "",
        "order": 0,
        "pp": "",
        "script": "Default",
        "dir": "",
        "newzbin": "",
        "priority": -100,
    }
)
CATEGORY_INT_KEYS: frozenset[str] = frozenset({"order", "priority"})

# What the seeded simulator runs with: a plausible install, with settings an audit should flag.
SEED_MISC: Mapping[str, Any] = MappingProxyType(
    {
        "host": "0.0.0.0",  # noqa: S104 - the value SABnzbd's config holds in a container, not a bind here
        "port": "8080",
        "download_dir": "/downloads/incomplete",
        "complete_dir": "/downloads/complete",
        "admin_dir": "/config/admin",
        "check_new_rel": 0,
        "auto_browser": 0,
        # Planted for the audit: no article cache, no direct unpack, passworded RARs and hopeless jobs left
        # to run, duplicates downloaded again, no Host-header allow list, history kept forever.
        "cache_limit": "",
        "direct_unpack": 0,
        "pre_check": 0,
        "ignore_samples": 0,
        "unwanted_extensions": [],
        "action_on_unwanted_extensions": 0,
        "history_retention": "0",
        "pause_on_pwrar": 0,
        "fail_hopeless_jobs": 0,
        "no_dupes": 0,
        "username": "",
        "password": "",
        "host_whitelist": [],
    }
)
SEED_SERVERS: tuple[dict[str, Any], ...] = (
    # Planted: plain NNTP on port 119 with far more connections than any provider allows.
    {"name": "news.example-usenet.com", "displayname": "Example Usenet", "host": "news.example-usenet.com",
     "port": 119, "username": "autoarr", "password": "hunter2", "connections": 50, "ssl": 0},
    {"name": "block.example-fill.net", "displayname": "Example Block", "host": "block.example-fill.net",
     "port": 563, "username": "autoarr", "password": "hunter2", "connections": 8, "ssl": 1, "priority": 1,
     "optional": 1},
)  # fmt: skip
SEED_CATEGORIES: tuple[dict[str, Any], ...] = (
    {"name": "*", "pp": "3", "script": "None", "priority": 0},
    {"name": "movies", "dir": "movies"},
    {"name": "tv", "dir": "tv"},
)
