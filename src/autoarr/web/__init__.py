"""Inbound plumbing every route uses: the gateway (auth, rate limits, request ids), envelopes, deps."""
