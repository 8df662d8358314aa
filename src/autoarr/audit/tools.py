"""AutoArr's own configuration work as MCP tools: audit, recommendations, apply and roll back (dry run first).

A real apply or rollback needs the confirm_token its dry run returned for exactly the same ids; every call
counts against the rate-limit budget of the REST endpoint it mirrors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import MCPServer
from pydantic import AfterValidator, Field, StrictBool, StrictInt

from autoarr.audit.routes import ApplyOut, AuditOut, RecommendationDetailOut, RecommendationsOut, distinct_ids
from autoarr.mcp.confirm import confirmed_write
from autoarr.mcp.context import ToolContext
from autoarr.mcp.toolkit import ToolSet, hints
from autoarr.settings import ServiceName
from autoarr.store.audit_repo import RecommendationFilter
from autoarr.store.bounds import PAGE_MAX, ROW_ID_MAX

INSTRUCTIONS = (
    "AutoArr audits the configuration of SABnzbd, Sonarr, Radarr and Plex against sourced best practices. "
    "Run audit, read list_recommendations and explain_recommendation, then apply_recommendations: first as a "
    "dry run (the default), which returns a confirm_token, then with dry_run false and that token for exactly "
    "the same ids. Rollback works the same way. Nothing changes without the token."
)

RecommendationIds = Annotated[
    list[Annotated[StrictInt, Field(ge=1, le=ROW_ID_MAX)]],
    AfterValidator(distinct_ids),
    Field(min_length=1, max_length=100, description="Recommendation ids, from list_recommendations"),
]
DryRun = Annotated[
    StrictBool,
    Field(description="true (default): check everything and change nothing, answering a confirm_token; false: write"),
]
ConfirmToken = Annotated[
    str | None,
    Field(description="With dry_run false: the confirm_token the dry run of exactly these ids returned (single use)"),
]
PageNumber = Annotated[int, Field(ge=1, le=PAGE_MAX, description="1-based page number")]
PageSize = Annotated[int, Field(ge=1, le=100, description="Items per page (1-100)")]


class ConfirmedApplyOut(ApplyOut):
    confirm_token: str | None = Field(
        description="After a dry run that would change something: pass it with dry_run false to write"
    )
    confirm_expires_in_seconds: int | None = Field(description="How long the confirm_token stays valid")


def build_server(context: ToolContext) -> MCPServer:
    """The `autoarr` tool server."""
    server = MCPServer("autoarr", title="AutoArr configuration", instructions=INSTRUCTIONS)
    tools = ToolSet(server, context.budget)

    @tools.tool(hints("Audit configuration", read_only=False), category="audit")
    async def audit(
        services: Annotated[
            list[ServiceName] | None,
            Field(description="Services to audit: sabnzbd, sonarr, radarr, plex (default: every enabled one)"),
        ] = None,
        include_web_search: Annotated[
            bool, Field(description="Look up current best practices on the web, when a provider is configured")
        ] = True,
    ) -> AuditOut:
        """Audit the live configuration of the services and store what it finds as recommendations (nothing is
        changed in the services); answers counts by priority and by service."""
        wanted = services if services is not None else [slot.name for slot in context.integrations]
        return AuditOut.model_validate(await context.audits.run(wanted, include_web_search=include_web_search))

    @tools.tool(hints("List recommendations", read_only=True), category="recommendations")
    async def list_recommendations(
        *,
        service: Annotated[
            Literal["sabnzbd", "sonarr", "radarr", "plex", "cross"] | None,
            Field(description="Only this service's (cross: rules comparing services)"),
        ] = None,
        priority: Annotated[
            Literal["critical", "high", "medium", "low"] | None, Field(description="Only this priority")
        ] = None,
        category: Annotated[
            Literal["performance", "security", "best_practices"] | None, Field(description="Only this category")
        ] = None,
        status: Annotated[
            Literal["open", "applied", "rolled_back", "resolved"] | None, Field(description="Only this status")
        ] = None,
        page: PageNumber = 1,
        page_size: PageSize = 20,
    ) -> RecommendationsOut:
        """List the recommendations of past audits, newest first, filtered and paged."""
        filters = RecommendationFilter(service=service, priority=priority, category=category, status=status)
        return RecommendationsOut.model_validate(
            await context.audits.recommendations(filters, page=page, page_size=page_size)
        )

    @tools.tool(hints("Explain a recommendation", read_only=True), category="recommendations")
    async def explain_recommendation(
        recommendation_id: Annotated[int, Field(ge=1, le=ROW_ID_MAX, description="The recommendation's id")],
    ) -> RecommendationDetailOut:
        """Explain one recommendation: why it matters, its sources, the exact setting, and whether AutoArr can
        apply it (auto_apply)."""
        return RecommendationDetailOut.model_validate(await context.audits.recommendation(recommendation_id))

    @tools.tool(hints("Apply recommendations", read_only=False, destructive=True), category="apply")
    async def apply_recommendations(
        *, recommendation_ids: RecommendationIds, dry_run: DryRun = True, confirm_token: ConfirmToken = None
    ) -> ConfirmedApplyOut:
        """Change the services' settings as the recommendations say, each verified in the service. Dry run by
        default; the real write needs the confirm_token of that dry run for exactly these ids."""
        answer = await confirmed_write(
            context.tokens,
            "apply",
            recommendation_ids,
            confirm_token=confirm_token,
            dry_run=dry_run,
            write=lambda dry: context.applier.apply(recommendation_ids, dry_run=dry, actor=context.actor),
        )
        return ConfirmedApplyOut.model_validate(answer)

    @tools.tool(hints("Roll recommendations back", read_only=False, destructive=True), category="apply")
    async def rollback_recommendations(
        *,
        recommendation_ids: RecommendationIds,
        dry_run: DryRun = True,
        confirm_token: ConfirmToken = None,
        force: Annotated[
            bool, Field(description="Restore even if the setting was changed outside AutoArr since it was applied")
        ] = False,
    ) -> ConfirmedApplyOut:
        """Restore the values applied recommendations replaced. Dry run by default; the real write needs the
        confirm_token of a dry run of exactly these ids (with the same force)."""
        answer = await confirmed_write(
            context.tokens,
            "rollback with force" if force else "rollback",
            recommendation_ids,
            confirm_token=confirm_token,
            dry_run=dry_run,
            write=lambda dry: context.applier.rollback(
                recommendation_ids, dry_run=dry, force=force, actor=context.actor
            ),
        )
        return ConfirmedApplyOut.model_validate(answer)

    return server
