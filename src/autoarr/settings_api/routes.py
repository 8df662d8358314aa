"""`/api/v1/settings`: read and change AutoArr's settings (secrets are write-only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request

from autoarr.settings_api.service import SettingsService

router = APIRouter(prefix="/api/v1/settings", tags=["settings"])


async def get_settings_service(request: Request) -> SettingsService:
    service: SettingsService = request.app.state.settings_service
    return service


SettingsServiceDep = Annotated[SettingsService, Depends(get_settings_service)]


@router.get("", summary="All settings (secrets shown only as set or not)")
async def read_settings(settings: SettingsServiceDep) -> dict[str, Any]:
    return settings.view()


@router.put("", summary="Change settings; they apply at once and survive restarts")
async def update_settings(
    settings: SettingsServiceDep,
    body: Annotated[
        dict[str, Any],
        Body(
            examples=[{"audit": {"auto_audit_enabled": True, "auto_audit_interval_hours": 12}}],
            description="A partial tree of the settings to change; null reverts one to the environment's value",
        ),
    ],
) -> dict[str, Any]:
    return await settings.update(body)
