"""Routes about AutoArr itself: metrics and the interactive docs (all behind the key, like everything)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from prometheus_client import CONTENT_TYPE_LATEST

from autoarr.web.deps import KitDep

router = APIRouter(tags=["system"])


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(kit: KitDep) -> Response:
    """Request counts and latency histograms by route and status, in Prometheus text format."""
    return Response(kit.metrics.render(), media_type=CONTENT_TYPE_LATEST)


def _openapi_url(request: Request) -> str:
    url = f"{request.scope.get('root_path', '')}/openapi.json"
    # A browser opening /docs?api_key=... must fetch the document with the same key it came with.
    key = request.query_params.get("api_key")
    return f"{url}?api_key={key}" if key else url


@router.get("/docs", include_in_schema=False)
async def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=_openapi_url(request), title="AutoArr API")


@router.get("/redoc", include_in_schema=False)
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url=_openapi_url(request), title="AutoArr API")
