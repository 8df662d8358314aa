"""Configuration audit: the rule catalogue, its pure checks, and (above them) the engine that runs them."""
