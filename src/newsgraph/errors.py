"""The coded catalog of errors and warnings users can see.

Every message a user can meet has a code, so docs, failures rows and bug
reports can name it. Messages are one line, name the input and say what to
do. Library code raises :class:`NewsgraphError`; only the CLI prints.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["ErrorCode", "NewsgraphError"]


class ErrorCode(str, Enum):  # noqa: UP042 (StrEnum would make str(code) the message)
    """Error codes with their message templates."""

    # 1xx: input files and records
    E101 = "file not found"
    E102 = "cannot read file: {reason}"
    E103 = "not text: file looks binary"
    E104 = "cannot decode text: {reason}"
    E105 = "empty input: nothing to analyse"
    E106 = "bad JSON line: {reason}"
    E107 = "JSON record has no text"
    E108 = "cannot extract article text from HTML"
    E109 = "cannot parse feed: {reason}"
    E110 = "bad WARC record: {reason}"
    E111 = "unknown input format: {reason}"
    E112 = "cannot decompress: {reason}"
    E113 = "bad publication date {value!r}: use YYYY-MM-DD or an ISO-8601 datetime"
    # 2xx: pipeline and stages
    E201 = "stage {stage} failed: {reason}"
    E202 = (
        "pipeline misconfigured: stage {stage} requires {missing}, which no earlier stage provides"
    )
    E203 = "stage {stage} returned {got}, not an AnalysedArticle"
    E204 = "cannot load spaCy pipeline {model!r}: {reason}"
    # 3xx: store
    E301 = "cannot open database {path}: {reason}"
    E302 = (
        "database {path} has schema version {found}, newer than this newsgraph ({known}); "
        "upgrade newsgraph"
    )
    E303 = "no article with id {id!r}"
    E304 = "bad search query {query!r}: {reason}"
    E305 = "no entity named or with id {key!r}; see `newsgraph entities`"
    # 4xx: exports and settings
    E401 = "unknown export format {format!r}: choose one of {choices}"
    E402 = "cannot write export to {path}: {reason}"
    E403 = "parquet export needs pyarrow: pip install 'newsgraph[parquet]'"
    E404 = "bad setting {name}: {reason}"
    E405 = "unknown export table {table!r}: choose from {choices}"
    # 60x: stories
    E601 = "no story with id {id!r}; list them with: newsgraph stories"
    # 52x: actor coding
    E520 = "cannot read actor dictionary {path}: {reason}"
    E521 = "bad actor dictionary entry: {reason}"
    # 54x: quotes
    E540 = "unknown quote kind {kind!r}: choose one of {choices}"
    # 56x: events
    E560 = "unknown event type {type!r}: choose one of {choices}"
    E561 = "the GDELT export writes the events table only; drop --table {table}"
    # 70x: the HTTP API and the web UI (#7)
    E701 = "nothing at {path}; see /docs for the API and / for the web UI"
    E702 = "bad parameter {name}: {reason}"
    E703 = "writes are off: start the server with `newsgraph serve --allow-writes`"
    E704 = "missing or wrong bearer token: send `Authorization: Bearer ${env}`"
    E705 = "request body of {size} bytes is over the {limit}-byte limit"
    E706 = "nothing to analyse: send JSON with a `text` field, or files"
    E707 = "--allow-writes needs a token: set the {env} environment variable first"
    E708 = "internal error while serving {path}; see the server log"
    # 80x: the Spark runner and `newsgraph load` (#8)
    E801 = "the Spark runner needs pyspark: pip install 'newsgraph[spark]'"
    E802 = "could not start Spark on {master}: {reason} (Spark needs Java 17+ on PATH or JAVA_HOME)"
    E803 = "no input files in {paths}"
    E804 = "{path} is not a finished `newsgraph spark analyze` output: it has no _analysed folder"
    E805 = "cannot decode analysed article {id}: {reason}"

    def render(self, **kwargs: object) -> str:
        """Return the message with ``kwargs`` filled in, prefixed by the code."""
        return f"[{self.name}] {self.value.format(**kwargs)}"


class NewsgraphError(Exception):
    """An error a user can act on; ``str()`` is the one-line message."""

    def __init__(self, code: ErrorCode, where: str = "", **kwargs: object) -> None:
        self.code = code
        self.where = where
        self.reason = code.value.format(**kwargs)
        message = code.render(**kwargs)
        super().__init__(f"{where}: {message}" if where else message)
