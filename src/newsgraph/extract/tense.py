"""Words that put a clause ahead of the time of writing: one list for every stage.

Quotes use them to tell an act still to come ("is due to announce", "will
criticise") from one done; dates use them to resolve "by Friday" forward in
"would release them by Friday". Each stage adds the few words only it needs.
"""

from __future__ import annotations

__all__ = ["AHEAD_HEADS", "FUTURE_AUX"]

# Auxiliaries of the future ("will meet", "we'll see").
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll"})

# Heads of an infinitive or clause that put it ahead ("set to announce",
# "expected to criticise", "plans to unveil").
AHEAD_HEADS = frozenset({"set", "expect", "due", "plan", "intend", "schedule", "prepare", "aim"})
