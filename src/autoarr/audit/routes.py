"""`/api/v1/config`: audits, recommendations and audit history, as the reference describes them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, Field, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from autoarr.audit.apply import ApplyService
from autoarr.audit.service import AuditService
from autoarr.store.audit_repo import RecommendationFilter
from autoarr.store.bounds import PAGE_MAX, ROW_ID_MAX

router = APIRouter(prefix="/api/v1/config", tags=["configuration"])


async def get_audit_service(request: Request) -> AuditService:
    service: AuditService = request.app.state.audit_service
    return service


AuditServiceDep = Annotated[AuditService, Depends(get_audit_service)]
Page = Annotated[int, Query(ge=1, le=PAGE_MAX, description="Page number, 1-indexed")]
RecommendationId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="A recommendation's id")]
PageSize = Annotated[int, Query(ge=1, le=100, description="Items per page, 1-100")]


class AuditRequest(BaseModel):
    services: list[str] = Field(description="Services to audit: sabnzbd, sonarr, radarr, plex")
    include_web_search: bool = Field(True, description="Look up current best practices on the web (when configured)")


class ServiceSummary(BaseModel):
    issues_found: int
    recommendations: int
    error: dict[str, Any] | None = None


class AuditOut(BaseModel):
    audit_id: str
    timestamp: str
    services_audited: list[str]
    total_recommendations: int
    recommendations_by_priority: dict[str, int]
    summary: dict[str, ServiceSummary]
    web_search: dict[str, Any]
    cross_service: ServiceSummary | None = Field(None, description="Rules that compare services with each other")


class RecommendationOut(BaseModel):
    id: int
    service: str
    category: str
    setting_name: str
    current_value: Any
    recommended_value: Any
    priority: str
    rationale: str
    impact: str
    applied: bool
    created_at: str


class RecommendationDetailOut(RecommendationOut):
    explanation: str
    references: list[str]
    applied_at: str | None
    status: str
    setting_path: str
    rule_id: str
    auto_apply: bool


class Pagination(BaseModel):
    page: int
    page_size: int
    total_items: int
    total_pages: int


class RecommendationsOut(BaseModel):
    recommendations: list[RecommendationOut]
    pagination: Pagination
    filters_applied: dict[str, str]


class AuditHistoryItem(BaseModel):
    audit_id: str
    timestamp: str
    services: list[str]
    total_recommendations: int
    critical_count: int
    high_count: int
    medium_count: int
    low_count: int
    applied_count: int


class AuditHistoryOut(BaseModel):
    audits: list[AuditHistoryItem]
    pagination: Pagination


@router.post("/audit", summary="Audit the configuration of one or more services", response_model_exclude_none=True)
async def audit(body: AuditRequest, audits: AuditServiceDep) -> AuditOut:
    return AuditOut.model_validate(await audits.run(body.services, include_web_search=body.include_web_search))


@router.get("/recommendations", summary="Recommendations, newest first, filtered and paged")
async def recommendations(
    audits: AuditServiceDep,
    service: Annotated[str | None, Query(description="sabnzbd, sonarr, radarr, plex or cross")] = None,
    priority: Annotated[str | None, Query(description="critical, high, medium or low")] = None,
    category: Annotated[str | None, Query(description="performance, security or best_practices")] = None,
    status: Annotated[str | None, Query(description="open, applied, rolled_back or resolved")] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> RecommendationsOut:
    filters = RecommendationFilter(service=service, priority=priority, category=category, status=status)
    return RecommendationsOut.model_validate(await audits.recommendations(filters, page=page, page_size=page_size))


@router.get("/recommendations/{recommendation_id}", summary="One recommendation with its explanation and sources")
async def recommendation(recommendation_id: RecommendationId, audits: AuditServiceDep) -> RecommendationDetailOut:
    return RecommendationDetailOut.model_validate(await audits.recommendation(recommendation_id))


@router.get("/audit/history", summary="Past audits, newest first")
async def audit_history(audits: AuditServiceDep, page: Page = 1, page_size: PageSize = 10) -> AuditHistoryOut:
    return AuditHistoryOut.model_validate(await audits.history(page=page, page_size=page_size))


async def get_apply_service(request: Request) -> ApplyService:
    service: ApplyService = request.app.state.apply_service
    return service


ApplyServiceDep = Annotated[ApplyService, Depends(get_apply_service)]


def _actor(request: Request) -> str:
    """Who asked, for the change log: the key's id (a hash prefix), never the key."""
    return str(request.app.state.kit.keys.identity)


def distinct_ids(ids: list[int]) -> list[int]:
    """Each id once: a repeated one would be applied, then refused as already applied, in one request."""
    seen: set[int] = set()
    for index, rid in enumerate(ids):
        if rid in seen:
            raise PydanticCustomError(
                "duplicate", "recommendation {rid} is listed twice (at {index})", {"rid": rid, "index": index}
            )
        seen.add(rid)
    return ids


class ApplyRequest(BaseModel):
    # Strict: a request that writes to services takes no `true` for id 1 and no "false" for a real apply.
    recommendation_ids: Annotated[
        list[Annotated[StrictInt, Field(ge=1, le=ROW_ID_MAX)]], AfterValidator(distinct_ids)
    ] = Field(min_length=1, description="Recommendations to apply, each once")
    dry_run: StrictBool = Field(False, description="Check everything, change nothing")


class RollbackRequest(ApplyRequest):
    force: StrictBool = Field(False, description="Restore even if the value was changed outside AutoArr since")


class ApplyItem(BaseModel):
    recommendation_id: int
    success: bool
    message: str
    previous_value: Any = None
    new_value: Any = None
    rollback_available: bool | None = None
    error: str | None = None


class ApplySummary(BaseModel):
    total: int
    successful: int
    failed: int


class ApplyOut(BaseModel):
    results: list[ApplyItem]
    summary: ApplySummary
    dry_run: bool


@router.post("/apply", summary="Apply recommendations (dry run first)", response_model=ApplyOut)
async def apply(body: ApplyRequest, request: Request, applier: ApplyServiceDep) -> JSONResponse:
    answer = await applier.apply(body.recommendation_ids, dry_run=body.dry_run, actor=_actor(request))
    return JSONResponse(ApplyOut.model_validate(answer).model_dump(exclude_unset=True))


@router.post("/rollback", summary="Roll applied recommendations back to their previous values", response_model=ApplyOut)
async def rollback(body: RollbackRequest, request: Request, applier: ApplyServiceDep) -> JSONResponse:
    answer = await applier.rollback(
        body.recommendation_ids, dry_run=body.dry_run, force=body.force, actor=_actor(request)
    )
    return JSONResponse(ApplyOut.model_validate(answer).model_dump(exclude_unset=True))
