"""Audits, recommendations and which audit found which.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from autoarr.store.tables import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audits",
        sa.Column("audit_id", sa.String(length=40), primary_key=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("total_recommendations", sa.Integer(), nullable=False),
        sa.Column("critical_count", sa.Integer(), nullable=False),
        sa.Column("high_count", sa.Integer(), nullable=False),
        sa.Column("medium_count", sa.Integer(), nullable=False),
        sa.Column("low_count", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("web_search", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audits_created_at", "audits", ["created_at"])
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("service", sa.String(length=20), nullable=False),
        sa.Column("rule_id", sa.String(length=100), nullable=False),
        sa.Column("setting_name", sa.String(length=200), nullable=False),
        sa.Column("setting_path", sa.String(length=500), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("current_value", sa.JSON(), nullable=True),
        sa.Column("recommended_value", sa.JSON(), nullable=True),
        sa.Column("detail", sa.String(length=2000), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("first_audit_id", sa.String(length=40), nullable=False),
        sa.Column("last_audit_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("resolved_at", UtcDateTime(), nullable=True),
        sa.Column("applied_at", UtcDateTime(), nullable=True),
        sa.Column("previous_value", sa.JSON(), nullable=True),
        sa.Column("applied_value", sa.JSON(), nullable=True),
        sa.Column("rolled_back_at", UtcDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_recommendations_service", "recommendations", ["service"])
    op.create_index("ix_recommendations_rule_id", "recommendations", ["rule_id"])
    op.create_index("ix_recommendations_status", "recommendations", ["status"])
    op.create_table(
        "audit_findings",
        sa.Column("audit_id", sa.String(length=40), sa.ForeignKey("audits.audit_id"), primary_key=True),
        sa.Column("recommendation_id", sa.Integer(), sa.ForeignKey("recommendations.id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("audit_findings")
    op.drop_table("recommendations")
    op.drop_table("audits")
