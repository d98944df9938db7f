"""Word lists for the quotations stage and the in-article resolver (#3).

Kept apart so the rules read short; each list is written as words, one
string per list, split once at import.
"""

# Lists as split strings read better than one word per line here.
# ruff: noqa: SIM905

from __future__ import annotations

__all__ = [
    "ADDRESSEE_VERBS",
    "CUE_NOUNS",
    "GOVERNMENT_NOUNS",
    "NAMING_VERBS",
    "OBJECT_VERBS",
    "ORG_NOUNS",
    "OTHER_VERBS",
    "PERSON_NOUNS",
    "QUOTE_ONLY_VERBS",
    "SPEECH_VERBS",
    "XCOMP_VERBS",
]

# Reporting verbs (lemmas) of speech acts.
SPEECH_VERBS = frozenset(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer argue ask
    assert assure blame boast brag call caution charge claim comment complain concede
    confirm contend counter criticise criticize declare demand deny describe disclose
    dismiss echo emphasise emphasize estimate explain express hint inform insist joke
    lament maintain mention note observe opine pledge point post predict proclaim
    promise propose question quip recall recommend recount reiterate remark repeat reply
    report respond retort reveal say signal speculate state stipulate stress suggest
    tell testify theorise theorize threaten tweet underline underscore urge voice vow
    warn write
    """.split()
)

# Verbs of thinking, knowing and showing: attribution corpora (PolNeAR, PARC)
# count them too, but they carry less certainty.
OTHER_VERBS = frozenset(
    """
    assume believe calculate conclude consider determine discover doubt estimate expect
    fear feel find guess hope imagine indicate know learn predict prove realise realize
    reckon show suspect think understand worry
    """.split()
)

# Verbs that attribute only a quotation placed right next to them
# ("“…,” he continued"); their own complements are not quotes.
QUOTE_ONLY_VERBS = frozenset(
    """
    begin conclude continue go read write
    """.split()
)

# Verbs whose content is a to-infinitive ("urged X to act").
XCOMP_VERBS = frozenset(
    """
    advise agree ask call demand plan pledge promise refuse threaten urge vow want warn
    """.split()
)

# Verbs that name what something is: "described it as '…'", "called it '…'".
NAMING_VERBS = frozenset(
    """
    brand call characterise characterize describe dub label term
    """.split()
)

# Verbs whose object carries the content: "expressed confidence that …".
OBJECT_VERBS = frozenset(
    """
    echo express reiterate repeat voice
    """.split()
)

# Nouns that introduce content: "X's statement that …".
CUE_NOUNS = frozenset(
    """
    accusation admission allegation announcement argument assertion assessment belief
    charge claim comment comments confirmation denial insistence message pledge
    prediction promise remark remarks report statement suggestion testimony threat view
    vow warning
    """.split()
)

# Verbs whose object is the addressee ("told the minister").
ADDRESSEE_VERBS = frozenset(
    """
    advise ask assure brief inform notify promise remind tell urge warn
    """.split()
)

# Head nouns that name a person by role: "the ministry spokesman".
PERSON_NOUNS = frozenset(
    """
    activist admiral adviser advisor aide ambassador analyst attorney author billionaire
    boss businessman businesswoman campaigner candidate ceo chair chairman chairwoman
    challenger chancellor chief commander congressman congresswoman counterpart deputy
    dictator diplomat director economist emperor envoy executive expert founder
    frontrunner general governor head host incumbent journalist judge king lawmaker
    lawyer leader legislator man mayor minister mogul monarch nominee official
    politician premier president president-elect prime prince professor prosecutor queen
    reporter representative rival scientist secretary senator speaker spokesman
    spokesperson spokeswoman star strongman veteran woman writer
    """.split()
)

# Head nouns that name an organisation or a government: "the ruling party".
ORG_NOUNS = frozenset(
    """
    administration agency alliance army assembly authorities authority bank bloc board
    body broadcaster cabinet campaign coalition commission committee company congress
    council court department firm foundation government group house institute kremlin
    military ministry movement navy network newspaper office organisation organization
    outlet paper parliament party police regime senate service team tribunal union
    watchdog
    """.split()
)

# Organisation nouns that may stand for a state ("the government" of a GPE).
GOVERNMENT_NOUNS = frozenset(
    """
    administration army authorities authority cabinet government kremlin military regime
    """.split()
)
