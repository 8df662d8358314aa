"""Alembic environment: runs on the connection AutoArr hands it (see `database.migrate_to_head`)."""

from __future__ import annotations

from alembic import context

from autoarr.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("AutoArr migrations run through autoarr.store.database.migrate_to_head")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
