"""The baseline: a bare FastAPI app answering `/health` with the same body AutoArr gives with no services."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, Any]:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return {"status": "healthy", "services": {}, "timestamp": now}
