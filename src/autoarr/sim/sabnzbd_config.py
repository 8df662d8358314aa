"""SABnzbd's configuration store: get_config shapes, set_config's silent validation, servers and categories."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autoarr.sim.sabnzbd_defaults import (
    BOOL_KEYS,
    CATEGORY_DEFAULTS,
    CATEGORY_INT_KEYS,
    FLOAT_RANGES,
    INT_RANGES,
    LOGGING_DEFAULTS,
    MASK,
    MISC_DEFAULTS,
    PASSWORD_KEYS,
    SEED_CATEGORIES,
    SEED_MISC,
    SEED_SERVERS,
    SERVER_DEFAULTS,
    SERVER_INT_KEYS,
    notifier_sections,
)

LIST_SECTIONS = ("categories", "servers")


@dataclass
class SabnzbdConfig:
    """Every config section SABnzbd 3.7.1 reports, stored with the types get_config shows."""

    misc: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(dict(MISC_DEFAULTS)))
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    servers: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def seeded(cls) -> SabnzbdConfig:
        """The simulator's install: SEED_MISC over the defaults, two servers, categories *, movies, tv."""
        config = cls()
        config.misc.update(copy.deepcopy(dict(SEED_MISC)))
        config.sections = {"logging": dict(LOGGING_DEFAULTS), **notifier_sections()}
        for server in SEED_SERVERS:
            config.set_server(server["name"], {key: str(value) for key, value in server.items()})
        for category in SEED_CATEGORIES:
            config.set_category(category["name"], {key: str(value) for key, value in category.items()})
        return config

    # ---- reading -------------------------------------------------------------------------------

    def get(self, section: str | None, keyword: str | None) -> dict[str, Any]:
        """The object under `config` for `get_config`; `{}` for an unknown section or keyword."""
        if not section:
            full: dict[str, Any] = {"misc": self._masked_misc(), **copy.deepcopy(self.sections)}
            for name in LIST_SECTIONS:
                if self._list(name):
                    full[name] = self._list_view(name)
            return full
        if section == "misc":
            return self._keyed(section, self._masked_misc(), keyword)
        if section in self.sections:
            return self._keyed(section, copy.deepcopy(self.sections[section]), keyword)
        if section in LIST_SECTIONS:
            rows = [row for row in self._list_view(section) if not keyword or row["name"] == keyword]
            return {section: rows} if rows else {}
        return {}

    def category_names(self) -> list[str]:
        """Names for `get_cats`, the default category first."""
        return [row["name"] for row in self.categories]

    def category(self, name: str) -> dict[str, Any] | None:
        """One category row, or None."""
        return next((row for row in self.categories if row["name"] == name), None)

    def bandwidth_max_bytes(self) -> int:
        """`bandwidth_max` ("100M", "12.5M", "") in bytes per second; 0 when unset or unreadable."""
        text = str(self.misc.get("bandwidth_max", "")).strip().upper()
        units = {"K": 1024, "M": 1024**2, "G": 1024**3}
        try:
            if text and text[-1] in units:
                return int(float(text[:-1]) * units[text[-1]])
            return int(float(text)) if text else 0
        except ValueError:
            return 0

    # ---- writing -------------------------------------------------------------------------------

    def set_value(self, section: str, keyword: str, value: str) -> dict[str, Any] | None:
        """set_config on a dict section; None when the item does not exist (SABnzbd's only error)."""
        store = self.misc if section == "misc" else self.sections.get(section)
        if store is None or keyword not in store:
            return None
        store[keyword] = _convert(keyword, store[keyword], value)
        shown = MASK if keyword in PASSWORD_KEYS and store[keyword] else copy.deepcopy(store[keyword])
        return {section: {keyword: shown}}

    def set_default(self, keyword: str) -> None:
        """set_config_default: a misc key back to SABnzbd's default; unknown keys are ignored."""
        if keyword in MISC_DEFAULTS:
            self.misc[keyword] = copy.deepcopy(MISC_DEFAULTS[keyword])

    def set_server(self, name: str, fields: dict[str, str]) -> dict[str, Any]:
        """Create or update a server; a partial update keeps the other fields. Returns the masked row."""
        row = self._find("servers", name)
        if row is None:
            row = {**SERVER_DEFAULTS, "name": name, "displayname": name}
            self.servers.append(row)
        _apply(row, fields, int_keys=SERVER_INT_KEYS)
        return _mask_server(row)

    def set_category(self, name: str, fields: dict[str, str]) -> dict[str, Any]:
        """Create or update a category. Returns the row."""
        row = self._find("categories", name)
        if row is None:
            row = {**CATEGORY_DEFAULTS, "name": name}
            self.categories.append(row)
        _apply(row, fields, int_keys=CATEGORY_INT_KEYS)
        return dict(row)

    def delete(self, section: str, keyword: str) -> bool:
        """del_config on servers or categories; False when there is no such entry."""
        row = self._find(section, keyword) if section in LIST_SECTIONS else None
        if row is None:
            return False
        self._list(section).remove(row)
        return True

    # ---- helpers -------------------------------------------------------------------------------

    def _list(self, section: str) -> list[dict[str, Any]]:
        return self.servers if section == "servers" else self.categories

    def _find(self, section: str, name: str) -> dict[str, Any] | None:
        return next((row for row in self._list(section) if row["name"] == name), None)

    def _list_view(self, section: str) -> list[dict[str, Any]]:
        if section == "servers":
            return [_mask_server(row) for row in self.servers]
        return [dict(row) for row in self.categories]

    def _masked_misc(self) -> dict[str, Any]:
        misc = copy.deepcopy(self.misc)
        for key in PASSWORD_KEYS:
            if misc.get(key):
                misc[key] = MASK
        return misc

    @staticmethod
    def _keyed(section: str, values: dict[str, Any], keyword: str | None) -> dict[str, Any]:
        if not keyword:
            return {section: values}
        return {section: {keyword: values[keyword]}} if keyword in values else {}


def _convert(keyword: str, old: Any, value: str) -> Any:
    """SABnzbd's per-type conversion; a value it cannot take leaves the old one in place, silently."""
    if isinstance(old, list):
        return [part.strip() for part in value.split(",") if part.strip()]
    if keyword in BOOL_KEYS:
        try:
            return 1 if int(value) else 0
        except ValueError:
            return 0
    if isinstance(old, bool | int):
        low, high = INT_RANGES.get(keyword, (-(2**31), 2**31))
        return _bounded(int, value, old, low=low, high=high)
    if isinstance(old, float):
        low_f, high_f = FLOAT_RANGES.get(keyword, (float("-inf"), float("inf")))
        return _bounded(float, value, old, low=low_f, high=high_f)
    return value


def _bounded(parse: Callable[[str], float], value: str, old: Any, *, low: float, high: float) -> Any:
    try:
        number = parse(value)
    except ValueError:
        return old
    return number if low <= number <= high else old


def _apply(row: dict[str, Any], fields: dict[str, str], *, int_keys: frozenset[str]) -> None:
    for key, value in fields.items():
        if key == "name" or key not in row:
            continue
        if key == "password" and value == MASK:
            continue  # the masked value sent back means "keep the stored password"
        if key in int_keys:
            try:
                row[key] = int(value)
            except ValueError:
                continue
        else:
            row[key] = value


def _mask_server(row: dict[str, Any]) -> dict[str, Any]:
    shown = dict(row)
    if shown["password"]:
        shown["password"] = MASK
    return shown
