"""``bench/stories_ceiling.py``: average linkage over pair probabilities."""

from __future__ import annotations

import numpy as np

from tests.builders import load_bench


def test_average_linkage_stops_at_the_cut() -> None:
    ceiling = load_bench("stories_ceiling")
    # Two tight pairs (0.9 inside) that are weakly linked (0.2 or 0.4 across).
    sim = np.array(
        [
            [0.0, 0.9, 0.2, 0.2],
            [0.9, 0.0, 0.4, 0.2],
            [0.2, 0.4, 0.0, 0.9],
            [0.2, 0.2, 0.9, 0.0],
        ]
    )
    labels = ceiling.average_linkage(sim, 0.5)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    # Across the pairs the average is 0.25: a cut at 0.25 joins all four, 0.3 does not.
    assert len(set(ceiling.average_linkage(sim, 0.25))) == 1
    assert len(set(ceiling.average_linkage(sim, 0.3))) == 2
    # Single linkage would join at 0.4; average linkage does not.
    assert len(set(ceiling.average_linkage(sim, 0.4))) == 2
