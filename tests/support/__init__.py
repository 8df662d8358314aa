"""Test support: the real SABnzbd harness, a loopback NNTP server and a handmade NZB builder."""
