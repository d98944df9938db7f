"""Settings: defaults, TOML, environment and overrides, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.settings import SETTINGS_HELP, Settings, load_settings


def test_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}) == Settings()


def test_toml_then_env_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "ng.toml"
    config.write_text('[newsgraph]\nmodel = "en_core_web_trf"\nbatch_size = 8\nworkers = 3\n')
    settings = load_settings(
        config, environ={"NEWSGRAPH_BATCH_SIZE": "16", "NEWSGRAPH_GAZETTEER": "false"}, workers=2
    )
    assert settings.model == "en_core_web_trf"
    assert settings.batch_size == 16
    assert settings.gazetteer is False
    assert settings.workers == 2


def test_none_overrides_leave_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}, model=None).model == Settings().model


@pytest.mark.parametrize(
    ("toml", "env"),
    [
        ("nonsense = 1\n", {}),
        ("", {"NEWSGRAPH_WORKERS": "many"}),
        ("", {"NEWSGRAPH_GAZETTEER": "perhaps"}),
        ("model = [\n", {}),
    ],
)
def test_bad_settings_are_e404(tmp_path: Path, toml: str, env: dict[str, str]) -> None:
    config = tmp_path / "ng.toml"
    config.write_text(toml)
    with pytest.raises(NewsgraphError) as info:
        load_settings(config, environ=env)
    assert info.value.code.name == "E404"


def test_every_setting_is_documented() -> None:
    assert set(SETTINGS_HELP) == set(Settings.__dataclass_fields__)


def test_a_retired_setting_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cfg = tmp_path / "old.toml"
    cfg.write_text("[newsgraph]\nstory_entity_weight = 0.4\nstory_threshold = 0.5\n")
    with caplog.at_level("WARNING", logger="newsgraph.settings"):
        settings = load_settings(cfg, environ={})
    assert settings.story_threshold == 0.5
    assert "story_entity_weight" in caplog.text and "ignored" in caplog.text
