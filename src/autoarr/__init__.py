"""AutoArr."""
