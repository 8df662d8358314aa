"""What the `/shows` and `/movies` routes share: paging parameters, the add body's common part, the big-list answer."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from fastapi import Query, Response
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from autoarr.integrations._arr_service import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

ARR_ID_MAX = 2**31 - 1  # the *arr apps' ids are 32-bit
Page = Annotated[int | None, Query(ge=1, description="1-based page; without page and page_size, everything")]
PageSize = Annotated[
    int | None, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (default {DEFAULT_PAGE_SIZE})")
]


class CamelOut(BaseModel):
    """A response in the reference's camelCase (the *arr apps' own names)."""

    model_config = ConfigDict(alias_generator=to_camel)


class AddIn(BaseModel):
    """The part of an add request Sonarr and Radarr share."""

    title: str | None = Field(
        default=None, description="For your own reference: the title stored is the one the service's lookup gives"
    )
    quality_profile_id: int = Field(description="A quality profile id of the service")
    root_folder_path: str = Field(min_length=1, description="A root folder of the service, e.g. /tv or /movies")
    monitored: bool = True


class SearchOut(BaseModel):
    success: bool
    message: str
    command_id: str = Field(description='The service\'s own command id, e.g. "789"')


def library_response(body: dict[str, Any]) -> Response:
    """A whole library as JSON, encoded once: no re-validation of 10,000 items against the documented model."""
    return Response(msgspec.json.encode(body), media_type="application/json")
