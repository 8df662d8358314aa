"""Sonarr/Radarr naming rules (config/naming), defined once for both apps."""

from __future__ import annotations

from autoarr.audit.rules import references as ref
from autoarr.audit.rules.arr_common import ArrApp, config_rule
from autoarr.audit.rules.checks import equals
from autoarr.audit.rules.model import Rule
from autoarr.audit.rules.values import BOOLEAN, TEXT
from autoarr.audit.snapshot import ARR_NAMING


def _lacks_quality_or_group(value: str) -> bool:
    lowered = value.lower()
    return "quality" not in lowered or "release group" not in lowered


def naming_rules(app: ArrApp) -> tuple[Rule, ...]:
    """The naming rules for `app`."""
    title = app.title
    return (
        config_rule(
            app,
            key="rename",
            resource=ARR_NAMING,
            field=app.rename_field,
            spec=BOOLEAN,
            fires=equals(False),
            recommended=True,
            category="best_practices",
            priority="high",
            condition=f"{app.rename_field} is false (files keep their release names)",
            rationale="Renaming with non-recoverable facts (quality, release group, proper) prevents download loops.",
            impact="Consistent file names that keep the facts needed for later upgrades and re-imports.",
            explanation=(
                f"Without renaming {title} keeps whatever name the release had, often without quality or group. "
                "Once the release history is gone (a new install, a database restore) the file name is the only "
                f"record of what was downloaded, and {title} may grab the same release again. TRaSH's naming "
                "scheme keeps every fact that cannot be recovered from the file itself."
            ),
            references=(app.naming_url, app.settings_url),
        ),
        config_rule(
            app,
            key="standard_format",
            resource=ARR_NAMING,
            field=app.standard_format_field,
            spec=TEXT,
            fires=_lacks_quality_or_group,
            recommended=app.standard_format,
            category="best_practices",
            priority="medium",
            condition=f"{app.standard_format_field} lacks a quality token or the release group token",
            rationale="Quality and release group cannot be recovered from the file once the release name is gone.",
            impact="File names that identify the exact release.",
            explanation=(
                f"{title}'s file name format decides what survives of the release name. Quality (source and "
                "resolution, '{Quality Full}') and '{-Release Group}' cannot be read back from the video, and "
                "without them re-imports guess wrong and upgrades may loop. TRaSH's recommended format also keeps "
                "custom formats and MediaInfo details."
            ),
            references=(app.naming_url,),
        ),
        config_rule(
            app,
            key="folder_format",
            resource=ARR_NAMING,
            field=app.folder_format_field,
            spec=TEXT,
            fires=lambda value: "year" not in value.lower(),
            recommended=app.folder_format,
            category="best_practices",
            priority="low",
            condition=f"{app.folder_format_field} has no year token",
            rationale="The year tells apart remakes and same-named titles, for the app and for Plex's agents.",
            impact="Plex matches titles reliably and folders never collide.",
            explanation=(
                "Titles repeat: remakes, reboots and same-named shows differ only by year. A folder name with the "
                "year (and, for Plex, a tvdb-/tmdb-/imdb- id token) lets Plex's agents match the right item. "
                f"{title} does not move existing folders when the format changes; rename them from the library "
                "view afterwards."
            ),
            references=(app.naming_url, ref.TRASH_PLEX),
            advice_only="Existing folders are not moved by the change: review and rename them yourself.",
        ),
    )
