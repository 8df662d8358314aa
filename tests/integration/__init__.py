"""Integration tests that run real third-party programs (today: Debian's sabnzbdplus)."""
