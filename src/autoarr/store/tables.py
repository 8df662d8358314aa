"""The tables; every change to them comes with a migration in `migrations/versions`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back aware datetimes (SQLite would return naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(AsyncAttrs, DeclarativeBase):
    """Declarative base of every AutoArr table."""


class SettingOverride(Base):
    """A setting changed through the API; it wins over the environment from then on."""

    __tablename__ = "setting_overrides"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)


class RuntimeMark(Base):
    """Small facts background jobs must remember across restarts (e.g. that a baseline was taken)."""

    __tablename__ = "runtime_marks"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)


class SeenDownload(Base):
    """A finished SABnzbd job the download monitor has already taken into account (announced or baseline)."""

    __tablename__ = "seen_downloads"

    nzo_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    announced: Mapped[bool] = mapped_column(nullable=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)


class AuditRun(Base):
    """One audit, with its counts as they were when it ran."""

    __tablename__ = "audits"

    audit_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False, index=True)
    services: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    total_recommendations: Mapped[int] = mapped_column(nullable=False)
    critical_count: Mapped[int] = mapped_column(nullable=False)
    high_count: Mapped[int] = mapped_column(nullable=False)
    medium_count: Mapped[int] = mapped_column(nullable=False)
    low_count: Mapped[int] = mapped_column(nullable=False)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    web_search: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)


class Recommendation(Base):
    """A rule that fired, kept across audits: open, applied, rolled_back or resolved."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    service: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    rule_id: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    setting_name: Mapped[str] = mapped_column(String(200), nullable=False)
    setting_path: Mapped[str] = mapped_column(String(500), nullable=False)
    category: Mapped[str] = mapped_column(String(20), nullable=False)
    priority: Mapped[str] = mapped_column(String(10), nullable=False)
    current_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    recommended_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    detail: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    first_audit_id: Mapped[str] = mapped_column(String(40), nullable=False)
    last_audit_id: Mapped[str] = mapped_column(String(40), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    previous_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    applied_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    rolled_back_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(nullable=False, default=1)  # optimistic lock for concurrent writes


class AuditFinding(Base):
    """Which recommendations an audit found (an audit's live `applied_count` counts through this)."""

    __tablename__ = "audit_findings"

    audit_id: Mapped[str] = mapped_column(String(40), ForeignKey("audits.audit_id"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), primary_key=True)


class ConfigChange(Base):
    """Every write AutoArr made to a service's settings: who (the key's id, never the key), what, before, after."""

    __tablename__ = "config_changes"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(20), nullable=False)  # apply | rollback
    actor: Mapped[str] = mapped_column(String(100), nullable=False)
    service: Mapped[str] = mapped_column(String(20), nullable=False)
    setting_path: Mapped[str] = mapped_column(String(500), nullable=False)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)


class RecoveryAttempt(Base):
    """What AutoArr decided and did about one failed SABnzbd job (one row per failed nzo_id, never two)."""

    __tablename__ = "recovery_attempts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    download_id: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(500), nullable=False, index=True)
    owner: Mapped[str] = mapped_column(String(20), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    result: Mapped[str] = mapped_column(String(20), nullable=False, index=True)  # pending running done failed skipped
    attempt: Mapped[int] = mapped_column(nullable=False)  # the retry's number in this job's lineage
    detail: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    new_download_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)
