"""The client and the CLI commands stand alone: importing them loads nothing of the server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SERVER_MODULES = ("autoarr.app", "autoarr.integrations", "autoarr.audit", "autoarr.store", "fastapi", "sqlalchemy")


def _loaded_after_import(module: str) -> list[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded: list[str] = json.loads(result.stdout)
    return loaded


@pytest.mark.parametrize("module", ["autoarr.client", "autoarr.cli_commands"])
def test_importing_it_loads_no_server_code(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert module in loaded
    server = [name for name in loaded if any(name == m or name.startswith(m + ".") for m in SERVER_MODULES)]
    assert server == []


def test_websockets_is_loaded_only_when_events_are_used() -> None:
    assert "websockets" not in _loaded_after_import("autoarr.client")
