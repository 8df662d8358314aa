"""Every Plex rule, gathered from its sub-modules."""

from __future__ import annotations

from autoarr.audit.rules import plex_library, plex_network
from autoarr.audit.rules.model import Rule

PLEX_RULES: tuple[Rule, ...] = (*plex_library.RULES, *plex_network.RULES)
