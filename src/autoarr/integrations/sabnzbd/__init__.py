"""SABnzbd: the HTTP client and its typed boundary models."""
