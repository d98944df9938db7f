"""newsgraph: raw news to a provenance-backed knowledge graph and event data."""

__version__ = "0.1.0"
