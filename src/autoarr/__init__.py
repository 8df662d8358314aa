"""AutoArr: cruise control for SABnzbd, Sonarr, Radarr and Plex."""

__version__ = "0.1.0"
