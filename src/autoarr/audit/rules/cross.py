"""Cross-service rules: what no single-service tool checks, comparing SABnzbd, Sonarr, Radarr and Plex."""

from __future__ import annotations

from autoarr.audit.rules import cross_checks
from autoarr.audit.rules import references as ref
from autoarr.audit.rules.model import CrossRule

ADVICE = "Involves more than one service's settings: advice only."

CROSS_RULES: tuple[CrossRule, ...] = (
    CrossRule(
        id="cross.arr_categories_exist",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="tvCategory/movieCategory",
        setting_path="GET /api/v3/downloadclient fields.tvCategory|movieCategory vs get_config categories[*].name",
        category="best_practices",
        priority="high",
        condition="an *arr SABnzbd category does not exist in SABnzbd, or Sonarr and Radarr share one",
        recommended_value={"sonarr": ["tv"], "radarr": ["movies"]},
        rationale="Jobs sent to a missing category land in SABnzbd's default; a shared one mixes both apps' jobs.",
        impact="Each app sees exactly its own downloads and they land in the right folder.",
        explanation=(
            "Sonarr and Radarr tag every job with their category and later look for finished jobs in that "
            "category only. A category SABnzbd does not know is silently replaced by the default one, so the "
            "folder and post-processing are wrong; when both apps use one category each tries to import the "
            "other's downloads. Create the categories in SABnzbd and give each app its own (tv, movies)."
        ),
        references=(ref.TRASH_SAB_PATHS, ref.SONARR_SABNZBD_SOURCE, ref.SONARR_SETTINGS),
        apply_note=ADVICE,
        check=cross_checks.categories_exist,
    ),
    CrossRule(
        id="cross.arr_category_job_folders",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="dir",
        setting_path="get_config categories[name in *arr categories].dir",
        category="best_practices",
        priority="high",
        condition="a category Sonarr/Radarr use has a folder ending in '*'",
        recommended_value="the folder without the trailing '*'",
        rationale="The *arr apps expect one folder per download in their category.",
        impact="Imports find their job folder.",
        explanation=(
            "A trailing '*' on a category folder makes SABnzbd put files directly into it, without a job folder. "
            "Sonarr and Radarr track downloads by job folder and reject that layout for their categories. The "
            "single-service rule reports every category; this one only those the *arr apps actually use."
        ),
        references=(ref.SAB_CATEGORIES, ref.SONARR_SABNZBD_SOURCE),
        apply_note=ADVICE,
        check=cross_checks.job_folders,
    ),
    CrossRule(
        id="cross.arr_category_sorting",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="enable_tv_sorting/sorters",
        setting_path="get_config misc.enable_*_sorting + misc.*_categories, sorters[*].is_active + sort_cats",
        category="best_practices",
        priority="high",
        condition="SABnzbd sorting is active for a category Sonarr/Radarr use (empty sort_cats = all)",
        recommended_value="no sorting on the *arr categories",
        rationale="Sorting renames and moves files before the *arr app imports them.",
        impact="Imports stop failing with files missing from where SABnzbd reported them.",
        explanation=(
            "SABnzbd's sorting (the tv/movie/date switches before 4.1, sorters since) renames and moves finished "
            "jobs. For the categories Sonarr and Radarr use that breaks their path tracking, and they raise the "
            "'download client sorting' health warning. Disable sorting for those categories, or entirely."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SONARR_SABNZBD_SOURCE),
        apply_note=ADVICE,
        check=cross_checks.sorting,
    ),
    CrossRule(
        id="cross.history_retention_vs_cdh",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="history_retention",
        setting_path=(
            "get_config misc.history_retention(_option/_number) vs GET /api/v3/config/downloadclient "
            "enableCompletedDownloadHandling + /api/v3/downloadclient removeCompletedDownloads"
        ),
        category="best_practices",
        priority="high",
        condition=(
            "SABnzbd removes history on its own while Completed Download Handling imports from it (high); or SABnzbd "
            "keeps all history while an importing app never removes completed jobs (low)"
        ),
        recommended_value="SABnzbd keeps all history; Sonarr/Radarr remove jobs after import",
        rationale="Exactly one side should clean up, and it must be the side that knows the import happened.",
        impact="No 'download disappeared before import', and a history that does not grow forever.",
        explanation=(
            "Completed Download Handling finds finished jobs in SABnzbd's history. If SABnzbd deletes or archives "
            "history by itself a job can vanish before its import. If instead SABnzbd keeps everything and the "
            "*arr apps are told not to remove completed downloads, the history only grows. TRaSH's recommended "
            "split: SABnzbd keeps all, the *arr apps remove what they imported."
        ),
        references=(ref.SONARR_SABNZBD_SOURCE, ref.TRASH_SAB_BASIC, ref.SONARR_SETTINGS),
        apply_note=ADVICE,
        check=cross_checks.history_versus_cdh,
    ),
    CrossRule(
        id="cross.hardlink_filesystem",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="complete_dir",
        setting_path=(
            "get_config misc.complete_dir / fullstatus completedir + diskspace2 vs GET /api/v3/rootfolder "
            "[*].path + freeSpace"
        ),
        category="performance",
        priority="high",
        condition=(
            "the completed folder overlaps a root folder, or they share no top folder (separate mounts), or their "
            "free space differs (separate filesystems)"
        ),
        recommended_value="one shared mount, e.g. /data/usenet/complete and /data/media/tv",
        rationale="Hardlinks and atomic moves only work within one filesystem (and one container mount).",
        impact="Imports become instant moves instead of slow copies.",
        explanation=(
            "Sonarr and Radarr can import by hardlink or atomic move only when the download and the library are on "
            "one filesystem seen through one mount; separate container volumes (/downloads and /tv) count as "
            "different mounts even on one disk. The rule judges from the paths and from the free space each "
            "service reports for them. Downloads must never sit inside the library either. TRaSH's layout: one "
            "/data share holding usenet/ and media/, with the same path in every container."
        ),
        references=(ref.TRASH_HARDLINKS, ref.TRASH_SAB_PATHS, ref.SERVARR_DOCKER),
        apply_note="Fixing it means changing volume mounts: advice only.",
        check=cross_checks.hardlinks,
    ),
    CrossRule(
        id="cross.plex_connection",
        reads=("sonarr", "radarr", "plex"),
        setting_name="updateLibrary",
        setting_path="GET /api/v3/notification [implementation=PlexServer].fields.updateLibrary vs GET /:/prefs "
        "FSEventLibraryUpdatesEnabled",
        category="performance",
        priority="medium",
        condition="an *arr app has no Plex Media Server connection while Plex does not scan on file changes",
        recommended_value="a Plex Media Server connection with Update Library",
        rationale="Without either trigger new imports wait for Plex's next periodic scan.",
        impact="New episodes and movies show up in Plex right after import.",
        explanation=(
            "Plex learns about new files either from file-system events (automatic scanning) or from Sonarr and "
            "Radarr's Plex Media Server connection, which asks Plex to scan the imported folder. With neither, "
            "imports appear only after the periodic full scan. Add the connection in Settings > Connect with "
            "'Update Library' on (its default), with a path mapping if the paths differ."
        ),
        references=(ref.SONARR_PLEX_SETTINGS, ref.PLEX_LIBRARY),
        apply_note=ADVICE,
        check=cross_checks.plex_connection,
    ),
    CrossRule(
        id="cross.plex_covers_root_folders",
        reads=("sabnzbd", "sonarr", "radarr", "plex"),
        setting_name="Location",
        setting_path="GET /library/sections Directory[*].Location[*].path vs GET /api/v3/rootfolder [*].path",
        category="best_practices",
        priority="medium",
        condition="an *arr root folder is in no Plex library, or a Plex library points at SABnzbd's download folders",
        recommended_value="Plex libraries on exactly the *arr root folders",
        rationale="What Sonarr/Radarr import must be visible in Plex, and half-finished downloads must not be.",
        impact="Everything imported appears in Plex, and nothing else does.",
        explanation=(
            "Plex only shows files under its libraries' folders. A root folder Sonarr or Radarr import into that "
            "no library covers is invisible to viewers; a library that covers SABnzbd's download folders shows "
            "incomplete jobs and duplicates. Point each Plex library at the matching root folders."
        ),
        references=(ref.TRASH_SAB_PATHS, ref.TRASH_HARDLINKS),
        apply_note=ADVICE,
        check=cross_checks.plex_covers_roots,
    ),
    CrossRule(
        id="cross.sabnzbd_hostname_check",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="host_whitelist",
        setting_path="get_config misc.host_whitelist vs GET /api/v3/downloadclient fields.host",
        category="security",
        priority="high",
        condition=(
            "an *arr app calls SABnzbd by a hostname (not an IP, localhost or *.local) missing from host_whitelist, "
            "and SABnzbd has no web login"
        ),
        recommended_value="the hostnames in host_whitelist",
        rationale="SABnzbd refuses unknown Host headers, so the *arr app cannot reach it.",
        impact="Sonarr/Radarr can talk to SABnzbd and the DNS-rebinding protection stays on.",
        explanation=(
            "SABnzbd's hostname check answers 'Access denied - Hostname verification failed' to requests whose "
            "Host header is a name it does not know, unless a web login is set. Docker setups usually call it by "
            "container name, which must then be listed. Add the exact names rather than switching the check off."
        ),
        references=(ref.SAB_HOSTNAME_CHECK, ref.TRASH_SAB_BASIC),
        apply_note=ADVICE,
        check=cross_checks.hostname_check,
    ),
    CrossRule(
        id="cross.failure_loop",
        reads=("sabnzbd", "sonarr", "radarr"),
        setting_name="fail_hopeless_jobs/autoRedownloadFailed",
        setting_path=(
            "get_config misc.fail_hopeless_jobs, pause_on_pwrar, action_on_unwanted_extensions, new_nzb_on_failure "
            "+ GET /api/v3/config/downloadclient autoRedownloadFailed + /api/v3/downloadclient removeFailedDownloads"
        ),
        category="best_practices",
        priority="high",
        condition="any link of the failure loop is missing",
        recommended_value="SABnzbd fails fast; Sonarr/Radarr remove, blocklist and search again",
        rationale="A bad release should be failed, blocklisted and replaced without anyone stepping in.",
        impact="Broken, passworded or malicious releases are replaced automatically.",
        explanation=(
            "The loop has two halves. SABnzbd must fail a hopeless, passworded or unwanted-extension job to "
            "history instead of pausing or finishing it, and must not fetch a replacement NZB itself. Sonarr and "
            "Radarr must then remove the failed job, blocklist the release and search again. Leaving SABnzbd's own "
            "retry off so only the *arr apps retry is an inference from how the two halves interact."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SONARR_SETTINGS, ref.RADARR_SETTINGS),
        apply_note=ADVICE,
        check=cross_checks.failure_loop,
    ),
)
