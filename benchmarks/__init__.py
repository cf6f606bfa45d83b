"""Benchmark scripts that print performance figures (``make bench``)."""
