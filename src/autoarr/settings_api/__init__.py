"""AutoArr's own settings at run time: read, change live, persist, never show a secret."""
