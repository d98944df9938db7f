"""Crash and resume: kill a run mid-way, run again, get what one clean run gets."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TOWNS = ["Norden", "Aldport", "Kestrel Bay", "Marlow Cross", "Eastfield", "Ravensby"]
TOPICS = ["water rates", "a new bridge", "school closures", "bus routes", "harbour fees"]


def corpus(n: int) -> str:
    lines = []
    for i in range(n):
        town, topic = TOWNS[i % len(TOWNS)], TOPICS[i % len(TOPICS)]
        text = (
            f"Council of {town} votes on {topic}, report {i}\n"
            f"Councillors in {town} voted {i + 3} to {i % 4} on Wednesday to approve changes to "
            f"{topic}, after a debate that lasted {i % 5 + 2} hours.\n"
            f"Mayor Petra Lind{i} said the decision would save the town money. "
            f"Residents of {town} had collected {100 + i} signatures against the plan."
        )
        lines.append(json.dumps({"id": f"r{i}", "text": text, "published": "2025-02-03"}))
    return "\n".join(lines) + "\n"


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "sentences", "mentions", "minhashes")
        }


def run(path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "analyze",
            str(path),
            "--db",
            str(db),
            "-q",
            "--batch-size",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(corpus(40), encoding="utf-8")

    clean = tmp_path / "clean.db"
    assert run(path, clean).returncode == 0
    expected = counts(clean)
    assert expected["articles"] == 40

    # 1. Start a run and kill it hard once some batches are committed.
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "analyze",
            str(path),
            "--db",
            str(db),
            "-q",
            "--batch-size",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
            if stored >= 4:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = counts(db)
    assert 0 < partial["articles"] < 40, "the run was not interrupted mid-way"
    # Batches are atomic: an even number of articles, each with its sentences.
    assert partial["articles"] % 2 == 0

    # 2. Run again: the rest is analysed, nothing is duplicated.
    assert run(path, db).returncode == 0
    assert counts(db) == expected
    # 3. And a third run changes nothing.
    assert run(path, db).returncode == 0
    assert counts(db) == expected
