"""The ``newsgraph`` command: thin Typer commands over library functions.

Each command parses options, calls one library function and renders its
result. Errors a user can fix arrive as :class:`NewsgraphError` and are
printed as one line; the exit code is 1. Set ``NEWSGRAPH_DEBUG=1`` to see a
traceback for anything else.

The commands live in submodules by what they do; importing them registers
them on :data:`app`, in the order ``newsgraph --help`` lists them.
"""

from __future__ import annotations

from newsgraph.cli import analyze as _analyze  # noqa: F401  (registers commands)
from newsgraph.cli import browse as _browse  # noqa: F401
from newsgraph.cli import records as _records  # noqa: F401
from newsgraph.cli import transfer as _transfer  # noqa: F401
from newsgraph.cli.browse import _detail_marks
from newsgraph.cli.common import app

__all__ = ["_detail_marks", "app", "main"]


def main() -> None:
    """Run the CLI."""
    app()
