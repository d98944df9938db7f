"""Run the CLI with ``python -m newsgraph``."""

from newsgraph.cli import main

main()
