"""The store: engine, tables, repositories and migrations (the only place SQL lives)."""
