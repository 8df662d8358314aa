"""Every SABnzbd rule, gathered from its sub-modules."""

from __future__ import annotations

from autoarr.audit.rules import sabnzbd_postproc, sabnzbd_queue, sabnzbd_security, sabnzbd_servers, sabnzbd_system
from autoarr.audit.rules.model import Rule

SABNZBD_RULES: tuple[Rule, ...] = (
    *sabnzbd_queue.RULES,
    *sabnzbd_postproc.RULES,
    *sabnzbd_security.RULES,
    *sabnzbd_servers.RULES,
    *sabnzbd_system.RULES,
)
