"""Extraction stages: each takes a parsed document and returns plain records."""
