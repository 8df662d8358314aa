"""SABnzbd rules about post-processing: unwanted extensions, encrypted RARs, repair and unpack switches."""

from __future__ import annotations

from typing import Final

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.checks import equals, when
from autoarr.audit.rules.model import CheckResult, Finding, Priority, Rule, Skip
from autoarr.audit.rules.sabnzbd_common import MISC, misc, misc_path, misc_target
from autoarr.audit.rules.values import FLAG, TEXT_LIST, ValueSpec
from autoarr.audit.snapshot import ConfigSnapshot

# Executable and script types that have no place in a media release (research SAB-06; TRaSH lists 122).
DANGEROUS_EXTENSIONS: Final = ("exe", "bat", "cmd", "com", "scr", "lnk", "ps1", "vbs", "js", "msi", "pif", "jar")
THREE_WAY = ValueSpec("choice", choices=(0, 1, 2))  # off, pause, fail to history
EXTENSIONS_MODE = ValueSpec("choice", choices=(0, 1))  # 0 blacklist, 1 whitelist


def _flag_rule(
    *,
    key: str,
    bad: int,
    priority: Priority,
    condition: str,
    rationale: str,
    impact: str,
    explanation: str,
    references: tuple[str, ...],
) -> Rule:
    """A best-practice misc switch that should not be `bad` (the fix writes the other value)."""
    good = 1 - bad
    return Rule(
        id=f"sabnzbd.{key}",
        service="sabnzbd",
        setting_name=key,
        setting_path=misc_path(key),
        resources=MISC,
        category="best_practices",
        priority=priority,
        condition=condition,
        recommended_value=good,
        rationale=rationale,
        impact=impact,
        explanation=explanation,
        references=references,
        applicable=misc_target(key, str(good)),
        value_spec=FLAG,
        check=when(misc(key, FLAG), fires=equals(bad), recommend=good),
    )


def _unwanted_extensions(snapshot: ConfigSnapshot) -> CheckResult:
    value = misc("unwanted_extensions", TEXT_LIST)(snapshot)
    if isinstance(value, Skip):
        return value
    mode = snapshot.resources.get("misc", {}).get("unwanted_extensions_mode", 0)
    if mode == 1:
        return None  # a whitelist: sabnzbd.unwanted_extensions_mode judges it
    listed = {item.strip().lower().lstrip(".") for item in value}
    missing = [ext for ext in DANGEROUS_EXTENSIONS if ext not in listed]
    if not missing:
        return None
    detail = "the list is empty" if not listed else f"missing {', '.join(missing)}"
    return Finding(value, sorted(listed | set(DANGEROUS_EXTENSIONS)), detail)


def _unwanted_mode(snapshot: ConfigSnapshot) -> CheckResult:
    mode = misc("unwanted_extensions_mode", EXTENSIONS_MODE)(snapshot)
    if isinstance(mode, Skip):
        return mode
    listed = misc("unwanted_extensions", TEXT_LIST)(snapshot)
    if isinstance(listed, Skip):
        return listed
    if mode == 1 and not {"mkv", "mp4"} & {item.strip().lower() for item in listed}:
        return Finding(1, 0, "a whitelist without mkv or mp4 is not a curated media whitelist")
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        id="sabnzbd.unwanted_extensions",
        service="sabnzbd",
        setting_name="unwanted_extensions",
        setting_path=misc_path("unwanted_extensions"),
        resources=MISC,
        category="security",
        priority="high",
        condition="unwanted_extensions (as a blacklist) is empty or lacks executable and script types",
        recommended_value=list(DANGEROUS_EXTENSIONS),
        rationale="Executables and scripts inside 'media' posts are malware vectors.",
        impact="Malicious releases are caught before they reach the library.",
        explanation=(
            "Fake releases often carry an .exe, .scr or .lnk instead of a video. SABnzbd can check every job "
            "against a list of unwanted extensions and act on a match (see action_on_unwanted_extensions). "
            "TRaSH's guide lists 122 extensions; at minimum the executable and script types should be there. "
            "SABnzbd's high-speed page notes that the scan costs some CPU, but on a box fed by Sonarr/Radarr "
            "security wins."
        ),
        references=(ref.TRASH_SAB_UNWANTED, ref.SAB_SWITCHES),
        applicable=misc_target("unwanted_extensions", ",".join(DANGEROUS_EXTENSIONS)),
        apply_note="set_config takes the list as one comma-separated string; an apply writes the merged list.",
        value_spec=TEXT_LIST,
        check=_unwanted_extensions,
    ),
    Rule(
        id="sabnzbd.unwanted_extensions_mode",
        service="sabnzbd",
        setting_name="unwanted_extensions_mode",
        setting_path=misc_path("unwanted_extensions_mode", "unwanted_extensions"),
        resources=MISC,
        category="security",
        priority="medium",
        condition="unwanted_extensions_mode is 1 (whitelist) while the list has no mkv or mp4 (not a curated list)",
        recommended_value=0,
        rationale="A whitelist only works when it is curated for media; otherwise it flags everything or nothing.",
        impact="Extension checks that catch executables without failing good releases.",
        explanation=(
            "In whitelist mode SABnzbd flags every extension that is not listed. An uncurated whitelist either "
            "fails every real release or, left empty, catches nothing useful. For a box that Sonarr and Radarr "
            "feed, the blacklist mode with the dangerous-extension list is the simpler and safer choice."
        ),
        references=(ref.TRASH_SAB_UNWANTED, ref.SAB_SWITCHES),
        applicable=misc_target("unwanted_extensions_mode", "0"),
        value_spec=EXTENSIONS_MODE,
        check=_unwanted_mode,
    ),
    Rule(
        id="sabnzbd.action_on_unwanted_extensions",
        service="sabnzbd",
        setting_name="action_on_unwanted_extensions",
        setting_path=misc_path("action_on_unwanted_extensions"),
        resources=MISC,
        category="security",
        priority="high",
        condition="action_on_unwanted_extensions is 0 (off) or 1 (pause)",
        recommended_value=2,
        rationale="Failing the job makes Sonarr/Radarr blocklist the release and search again.",
        impact="Malicious releases never reach the library, and the *arr app moves on by itself.",
        explanation=(
            "The unwanted-extension list does nothing unless SABnzbd acts on a match. Off lets the job complete "
            "and be imported; pause leaves it waiting for a human. Failing it to history (2) is the only action "
            "that feeds Sonarr's and Radarr's failed-download handling, which blocklists the release and grabs "
            "another."
        ),
        references=(ref.TRASH_SAB_UNWANTED, ref.SAB_SWITCHES),
        applicable=misc_target("action_on_unwanted_extensions", "2"),
        value_spec=THREE_WAY,
        check=when(misc("action_on_unwanted_extensions", THREE_WAY), fires=equals(0, 1), recommend=2),
    ),
    Rule(
        id="sabnzbd.pause_on_pwrar",
        service="sabnzbd",
        setting_name="pause_on_pwrar",
        setting_path=misc_path("pause_on_pwrar"),
        resources=MISC,
        category="best_practices",
        priority="medium",
        condition="pause_on_pwrar is 0 (off) or 1 (pause)",
        recommended_value=2,
        rationale="A paused passworded job blocks until a human types a password; failing it lets *arr re-search.",
        impact="No queue items stuck waiting for a password nobody has.",
        explanation=(
            "Encrypted RARs in public releases are almost always fakes or spam. With the switch off SABnzbd "
            "downloads the whole job and then cannot unpack it; with pause the job sits in the queue forever. "
            "Failing it to history (2) hands it to Sonarr/Radarr, which blocklist it and search again."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_ENCRYPTED_RARS),
        applicable=misc_target("pause_on_pwrar", "2"),
        value_spec=THREE_WAY,
        check=when(misc("pause_on_pwrar", THREE_WAY), fires=equals(0, 1), recommend=2),
    ),
    Rule(
        id="sabnzbd.enable_all_par",
        service="sabnzbd",
        setting_name="enable_all_par",
        setting_path=misc_path("enable_all_par"),
        resources=MISC,
        category="performance",
        priority="low",
        condition="enable_all_par is 1",
        recommended_value=0,
        rationale="Fetching every par2 file up front wastes bandwidth; SABnzbd fetches extra pars only on damage.",
        impact="Less data downloaded per job.",
        explanation=(
            "Par2 recovery blocks are only needed when articles are missing or damaged. SABnzbd downloads the "
            "small index par2 first and fetches recovery blocks on demand. Downloading them all every time can "
            "add 5 to 15 % to each job for nothing."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_SWITCHES),
        applicable=misc_target("enable_all_par", "0"),
        value_spec=FLAG,
        check=when(misc("enable_all_par", FLAG), fires=equals(1), recommend=0),
    ),
    _flag_rule(
        key="ignore_samples",
        bad=1,
        priority="low",
        condition="ignore_samples is 1",
        rationale="The *arr apps judge samples by runtime; SABnzbd only by name.",
        impact="Legitimate short files are no longer deleted by name.",
        explanation=(
            "With ignore_samples SABnzbd drops any file whose name looks like a sample. Sonarr and Radarr already "
            "skip samples at import using the real runtime, which is more reliable. TRaSH's guide leaves the "
            "switch off so that nothing legitimate is lost."
        ),
        references=(ref.TRASH_SAB_BASIC,),
    ),
    _flag_rule(
        key="safe_postproc",
        bad=0,
        priority="high",
        condition="safe_postproc is 0",
        rationale="With it off, unverified or incomplete jobs are marked Completed and handed to the *arr apps.",
        impact="Broken files are no longer imported into the library.",
        explanation=(
            "Post-process only verified jobs makes SABnzbd skip unpacking and scripts for jobs whose repair "
            "failed. Turned off, a damaged job is reported as Completed and Sonarr/Radarr import whatever came "
            "out of it. Keep it on so failures stay failures."
        ),
        references=(ref.SAB_SWITCHES, ref.TRASH_SAB_BASIC),
    ),
    _flag_rule(
        key="deobfuscate_final_filenames",
        bad=0,
        priority="medium",
        condition="deobfuscate_final_filenames is 0",
        rationale="Obfuscated names (a8f3....mkv) break the *arr apps' release parsing.",
        impact="Fewer 'unable to parse' manual imports.",
        explanation=(
            "Many posts use random file names to avoid takedowns. With deobfuscation SABnzbd renames the largest "
            "files to the job name after unpacking. Without it Sonarr and Radarr may not recognise the file and "
            "leave it for manual import."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_SWITCHES),
    ),
    _flag_rule(
        key="sfv_check",
        bad=0,
        priority="low",
        condition="sfv_check is 0",
        rationale="SFV is a cheap integrity check for jobs that come without par2.",
        impact="Fewer corrupt files imported.",
        explanation=(
            "When a job has no par2 files SABnzbd can still verify it against an included SFV checksum list. The "
            "check is cheap and catches corrupt downloads that would otherwise be imported. TRaSH's guide keeps "
            "it on."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_SWITCHES),
    ),
    _flag_rule(
        key="enable_recursive",
        bad=0,
        priority="low",
        condition="enable_recursive is 0",
        rationale="Recursive unpacking handles archives inside archives.",
        impact="Releases packed twice are unpacked completely.",
        explanation=(
            "Some releases put a RAR set inside another archive. Without recursive unpacking the inner archive "
            "is left as is and the *arr apps find no video to import. TRaSH's guide keeps it on."
        ),
        references=(ref.TRASH_SAB_BASIC, ref.SAB_SWITCHES),
    ),
    _flag_rule(
        key="flat_unpack",
        bad=0,
        priority="low",
        condition="flat_unpack is 0",
        rationale="Sub-folders from archives hide subtitles from the *arr apps, which do not look in sub-folders.",
        impact="More subtitles imported together with their videos.",
        explanation=(
            "With flat unpacking SABnzbd ignores the folder structure inside archives and puts every file in the "
            "job folder. Sonarr and Radarr only import extra files next to the video, so subtitles packed in "
            "'Subs/' are otherwise missed. TRaSH's guide turns it on ('Ignore any folders inside archives')."
        ),
        references=(ref.TRASH_SAB_BASIC,),
    ),
)
