"""Tables built once per machine and kept in the user cache directory.

Several stages build large lookup tables from data packages at start-up
(the actor phrase table, the first-name genders): seconds of work that
every process, and so every ``newsgraph analyze`` of a single article,
would otherwise repeat. :func:`cached` keeps the built value as a pickle
in :func:`newsgraph.settings.default_cache_dir`, under a name that carries
a digest of everything the value is built from, so a new data package or
an edited word list gives a new file rather than a stale table.

A cache that cannot be read is rebuilt and one that cannot be written is
skipped with a warning: the cache never stops a run. The files are this
user's own (created with mode 0600), like the built spaCy pipeline beside
them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_key", "cached"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def cache_key(*parts: str | bytes) -> str:
    """Return a short digest of ``parts`` (versions, source text) for a cache file name."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """Return the value cached as ``name-key.pickle``, building and storing it if absent."""
    from newsgraph.settings import default_cache_dir

    path = Path(default_cache_dir()) / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache must never stop a run
        log.warning("cannot cache %s in %s: %s", name, path.parent, exc)
    return value
