"""The shared Sonarr/Radarr rule set for one app: one definition, generated per app."""

from __future__ import annotations

from autoarr.audit.rules.arr_common import ArrApp
from autoarr.audit.rules.arr_download import download_rules
from autoarr.audit.rules.arr_host import host_rules
from autoarr.audit.rules.arr_media import media_rules
from autoarr.audit.rules.arr_naming import naming_rules
from autoarr.audit.rules.arr_status import status_rules
from autoarr.audit.rules.model import Rule


def shared_rules(app: ArrApp) -> tuple[Rule, ...]:
    """Every rule Sonarr and Radarr share, for `app`."""
    return (*media_rules(app), *naming_rules(app), *host_rules(app), *download_rules(app), *status_rules(app))
