"""Ingest: read news files of every supported format into :class:`Article` records."""

from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.sources import FORMATS, detect_format, read_inputs

__all__ = ["FORMATS", "IngestOptions", "detect_format", "read_inputs"]
