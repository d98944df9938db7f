"""The HTTP API and the web UI in one FastAPI app (``newsgraph serve``)."""

from newsgraph.api.app import DEFAULT_MAX_BYTES, create_app

__all__ = ["DEFAULT_MAX_BYTES", "create_app"]
