"""Simulated SABnzbd, Sonarr, Radarr and Plex servers for `autoarr demo` and the tests.

Nothing but `autoarr.__main__` and the tests imports this package.
"""
