"""The conversations with SABnzbd, Sonarr, Radarr and Plex: clients, breakers and health."""
