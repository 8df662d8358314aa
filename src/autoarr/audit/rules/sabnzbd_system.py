"""SABnzbd rules about folders, free space, hardware speed and the configuration lock."""

from __future__ import annotations

from pathlib import PurePosixPath

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, mapping_resource, when
from autoarr.audit.rules.model import CheckResult, Finding, Rule, Skip
from autoarr.audit.rules.sabnzbd_common import MISC, measured, misc, misc_path, misc_target
from autoarr.audit.rules.values import FLAG, SIZE, TEXT, parse_size
from autoarr.audit.snapshot import SABNZBD_FULLSTATUS, ConfigSnapshot

_GIGABYTE = 1024**3


def _download_free(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("download_free", SIZE)(snapshot)
    if isinstance(value, Skip):
        return value
    size = parse_size(value)
    if size is not None and size >= _GIGABYTE:
        return None
    return Finding(value, "20G", "no useful free-space floor: a full disk fails unpacks and repairs")


def _inside(inner: PurePosixPath, outer: PurePosixPath) -> bool:
    return inner == outer or outer in inner.parents


def _separate_dirs(snapshot: ConfigSnapshot) -> CheckResult:
    download = misc("download_dir", TEXT)(snapshot)
    if isinstance(download, Skip):
        return download
    complete = misc("complete_dir", TEXT)(snapshot)
    if isinstance(complete, Skip):
        return complete
    incomplete_path, complete_path = PurePosixPath(download.rstrip("/")), PurePosixPath(complete.rstrip("/"))
    if not (_inside(incomplete_path, complete_path) or _inside(complete_path, incomplete_path)):
        return None
    current = {"download_dir": download, "complete_dir": complete}
    return Finding(current, "separate folders, e.g. /data/usenet/incomplete and /data/usenet/complete")


def _hardware(snapshot: ConfigSnapshot) -> CheckResult:
    status = mapping_resource(snapshot, SABNZBD_FULLSTATUS)
    if isinstance(status, Skip):
        return status
    readings = {key: measured(snapshot, key) for key in ("pystone", "downloaddirspeed", "completedirspeed")}
    if all(value is None for value in readings.values()):
        return Skip("not measured: fullstatus was fetched without calculate_performance=1")
    slow = {
        key: value
        for key, value in readings.items()
        if value is not None and value < (100_000 if key == "pystone" else 150)
    }
    if not slow:
        return None
    return Finding(slow, {"pystone": 100_000, "downloaddirspeed": 150, "completedirspeed": 150})


RULES: tuple[Rule, ...] = (
    Rule(
        id="sabnzbd.download_free",
        service="sabnzbd",
        setting_name="download_free",
        setting_path=misc_path("download_free"),
        resources=MISC,
        category="best_practices",
        priority="medium",
        condition="download_free is empty or below 1G",
        recommended_value="20G",
        rationale="SABnzbd pauses below this floor; without one a full disk fails unpacks and repairs midway.",
        impact="Jobs pause cleanly when space runs low instead of failing.",
        explanation=(
            "When free space in the incomplete folder drops below download_free, SABnzbd pauses the queue. "
            "Without a floor it keeps downloading until the disk is full, and the unpack or repair of the job in "
            "progress fails. Size the floor to your largest expected job plus 10 % (20G suits most 1080p and many "
            "4K libraries; this is a sizing suggestion, not an official number)."
        ),
        references=(ref.SAB_FOLDERS,),
        apply_note="The right floor depends on your disk and job sizes: advice only.",
        value_spec=SIZE,
        check=_download_free,
    ),
    Rule(
        id="sabnzbd.fulldisk_autoresume",
        service="sabnzbd",
        setting_name="fulldisk_autoresume",
        setting_path=misc_path("fulldisk_autoresume"),
        resources=MISC,
        category="best_practices",
        priority="medium",
        condition="fulldisk_autoresume is 0",
        recommended_value=1,
        rationale="After a full-disk pause SABnzbd should resume by itself once space is free again.",
        impact="No queue left paused for days after an import freed the space.",
        explanation=(
            "When the free-space floor is reached SABnzbd pauses the queue. Sonarr and Radarr usually free the "
            "space soon after by importing (moving) completed jobs. With auto-resume SABnzbd notices and carries "
            "on; without it someone has to press resume."
        ),
        references=(ref.SAB_FOLDERS,),
        applicable=misc_target("fulldisk_autoresume", "1"),
        value_spec=FLAG,
        check=when(misc("fulldisk_autoresume", FLAG), fires=equals(0), recommend=1),
    ),
    Rule(
        id="sabnzbd.separate_download_dirs",
        service="sabnzbd",
        setting_name="complete_dir",
        setting_path=misc_path("download_dir", "complete_dir"),
        resources=MISC,
        category="performance",
        priority="medium",
        condition="download_dir and complete_dir are the same folder or one contains the other",
        recommended_value="separate folders, e.g. /data/usenet/incomplete and /data/usenet/complete",
        rationale="Incomplete and complete downloads must not share a folder.",
        impact="The *arr apps never see half-finished jobs, and folder scans stay small.",
        explanation=(
            "SABnzbd writes articles into the incomplete folder and moves finished jobs to the complete folder. "
            "When they are the same (or nested) Sonarr and Radarr can see and try to import unfinished jobs, and "
            "SABnzbd's own folder scans grow. Keep them side by side on the same fast disk; put the incomplete "
            "folder on a local SSD if you can."
        ),
        references=(ref.SAB_FOLDERS, ref.TRASH_SAB_PATHS),
        apply_note="Moving folders needs matching volume mounts: advice only.",
        value_spec=TEXT,
        check=_separate_dirs,
    ),
    Rule(
        id="sabnzbd.hardware_speed",
        service="sabnzbd",
        setting_name="pystone",
        setting_path="GET mode=fullstatus&calculate_performance=1 pystone, downloaddirspeed, completedirspeed",
        resources=(SABNZBD_FULLSTATUS,),
        category="performance",
        priority="medium",
        condition="measured pystone below 100 000 or a folder speed below 150 MB/s",
        recommended_value={"pystone": 100_000, "downloaddirspeed": 150, "completedirspeed": 150},
        rationale="SABnzbd's own thresholds tell whether hardware, not configuration, is the bottleneck.",
        impact="You know whether faster disks or a faster CPU would help before tuning settings.",
        explanation=(
            "SABnzbd's high-speed downloading page uses a Pystone score of 100 000 and folder speeds of 150 MB/s "
            "as the line above which hardware keeps up with a fast connection. Below them, move the incomplete and "
            "complete folders to an SSD/NVMe disk; on a weak CPU turn Direct Unpack off and pause downloading "
            "during post-processing (keep the unwanted-extension checks on). The rule is skipped when SABnzbd was "
            "not asked to measure (fullstatus without calculate_performance=1)."
        ),
        references=(ref.SAB_HIGHSPEED,),
        apply_note="A hardware finding: nothing to write.",
        check=_hardware,
    ),
    Rule(
        id="sabnzbd.config_lock",
        service="sabnzbd",
        setting_name="config_lock",
        setting_path=misc_path("config_lock"),
        resources=MISC,
        category="best_practices",
        priority="low",
        condition="config_lock is 1",
        recommended_value=0,
        rationale="A locked configuration rejects every set_config, so no fix can be applied through the API.",
        impact="AutoArr (and the web UI) can change settings again.",
        explanation=(
            "With config_lock set, SABnzbd answers every set_config and del_config with 'Configuration locked'. "
            "That is a deliberate freeze, so AutoArr reports it rather than changing it. Unlock it in "
            "sabnzbd.ini (config_lock = 0) and restart before applying other recommendations."
        ),
        references=(ref.SAB_API_SOURCE,),
        apply_note="set_config is refused while the lock is on; edit sabnzbd.ini and restart.",
        value_spec=FLAG,
        check=when(misc("config_lock", FLAG), fires=equals(1), recommend=0),
    ),
)
