"""Docs tests: every command, option, setting and error code is documented."""

from __future__ import annotations

import typer.main

from newsgraph.cli import app
from newsgraph.errors import ErrorCode
from newsgraph.settings import Settings

from tests.builders import ROOT

DOCS = ROOT / "docs"


def test_every_command_and_option_is_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert commands, "the CLI has no commands"
    for name, command in commands.items():
        assert f"`newsgraph {name}" in text, f"command {name} is not documented"
        for param in command.params:
            if getattr(param, "param_type_name", "") == "option":
                for opt in param.opts:
                    if opt.startswith("--") and opt != "--help":
                        assert f"`{opt}" in text, f"{name} {opt} is not documented"


def test_every_setting_is_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in Settings.__dataclass_fields__:
        assert f"| `{name}` |" in text, f"setting {name} is not documented"


def test_every_error_code_is_in_errors_md() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    for code in ErrorCode:
        assert f"`{code.name}`" in text, f"{code.name} is not documented"
