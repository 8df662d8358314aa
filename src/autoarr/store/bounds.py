"""What the store's integer columns and paging can hold: a bigger number is a bad request, not a crash."""

from __future__ import annotations

ROW_ID_MAX = 2**31 - 1  # an INTEGER primary key in PostgreSQL (SQLite would hold more)
PAGE_MAX = 2**31 - 1  # keeps OFFSET = (page - 1) * page_size well inside a 64-bit integer
