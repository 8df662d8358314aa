"""`/metrics` counts what was served; `/openapi.json` documents every route with its errors."""

from __future__ import annotations

import re

from tests.live import LiveApp


async def test_metrics_count_requests_by_route_and_status(live: LiveApp) -> None:
    for _ in range(3):
        await live.client.get("/health")
    await live.client.get("/health/radarr")
    await live.client.get("/nowhere")
    text = (await live.client.get("/metrics")).text
    assert re.search(r'autoarr_http_requests_total\{method="GET",route="/health",status="200"\} 3\.0', text)
    assert re.search(r'autoarr_http_requests_total\{method="GET",route="/health/\{service\}",status="503"\} 1\.0', text)
    assert re.search(r'autoarr_http_requests_total\{method="GET",route="-",status="404"\} 1\.0', text)
    assert 'autoarr_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/health",status="200"}' in text


async def test_openapi_documents_every_operation_with_the_envelope_and_no_422(live: LiveApp) -> None:
    spec = (await live.client.get("/openapi.json")).json()
    assert spec["components"]["securitySchemes"]["ApiKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    operations = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    assert {p for p, _, _ in operations} >= {"/health", "/api/v1/health", "/health/{service}", "/metrics"}
    for path, method, operation in operations:
        codes = set(operation["responses"])
        assert "422" not in codes, (path, method)
        assert {"400", "401", "404", "405", "429", "500"} <= codes, (path, method)
        error = operation["responses"]["401"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorBody"}
    assert {"error", "message", "details"} <= set(spec["components"]["schemas"]["ErrorBody"]["properties"])
    assert "retry_after" in spec["components"]["schemas"]["RateLimitedBody"]["properties"]
    health_service = spec["paths"]["/health/{service}"]["get"]["responses"]
    assert "503" in health_service
