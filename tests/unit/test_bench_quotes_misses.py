"""``bench/quotes_misses.py``: the breakdown of missed gold quotes by kind of cue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.builders import load_bench

TEXT = "The mayor said the bridge would reopen. Residents believe the tolls are too high."


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_matching_is_one_to_one_and_needs_half_the_gold() -> None:
    bench = load_bench("quotes_misses")
    gold = [{"start": 15, "end": 38}, {"start": 15, "end": 38}]
    # One prediction covers the first gold quote; it cannot match the second too.
    assert bench.matched(gold, [{"start": 14, "end": 38}], 0.5) == {0}
    # A prediction covering under half of the gold content does not match.
    assert bench.matched(gold[:1], [{"start": 15, "end": 20}], 0.5) == set()


def test_breakdown_separates_speech_and_other_cues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = load_bench("quotes_misses")
    speech = {"start": 15, "end": 38, "cue": "said", "cue_is_speech_verb": True}
    belief = {"start": 58, "end": 81, "cue": "believe", "cue_is_speech_verb": False}
    gold = _write(tmp_path / "gold.jsonl", [{"id": "a", "text": TEXT, "quotes": [speech, belief]}])
    pred = _write(tmp_path / "pred.jsonl", [{"id": "a", "quotes": [{"start": 15, "end": 38}]}])
    assert bench.main([str(gold), str(pred)]) == 0
    out = capsys.readouterr().out
    assert "2 gold quotes, 1 found (recall 0.500), 1 missed" in out
    assert "speech-verb cues: 1 gold, recall 1.000, 0 missed" in out
    assert "other cues: 1 gold, recall 0.000, 1 missed" in out
    assert "1 / " in out and "believe" in out


def test_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = load_bench("quotes_misses")
    assert bench.main([str(tmp_path / "no.jsonl"), str(tmp_path / "no.jsonl")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
