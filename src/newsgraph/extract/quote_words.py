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
    "DOCUMENT_NOUNS",
    "GOVERNMENT_NOUNS",
    "HUMAN_NOUNS",
    "ISSUED_NOUNS",
    "MEDIA_NAME_WORDS",
    "MEDIA_NOUNS",
    "NAMING_VERBS",
    "OBJECT_VERBS",
    "ORG_NOUNS",
    "OTHER_VERBS",
    "PERSON_NOUNS",
    "PREP_OBJECT_VERBS",
    "QUOTE_ONLY_VERBS",
    "SPEECH_VERBS",
    "STANCE_VERBS",
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
    bark chant cry exclaim holler interject mumble muse mutter roar scream shout
    shriek sigh snap surmise thunder whisper yell
    """.split()
)

# Verbs of public evaluation whose noun-phrase object is what was said
# ("X slammed the plan as reckless", "Y praised the deal"). Attribution
# corpora count them: on PolNeAR train 64-92% of the occurrences of each are
# annotated (criticize 0.72, praise 0.77, slam 0.79, blast 0.89, tout 0.92);
# verbs of wanting or seeing (want 0.16, see 0.20) are not listed.
STANCE_VERBS = frozenset(
    """
    applaud berate blast castigate cite condemn criticise criticize decry
    denounce deride disparage hail lambast lambaste laud mock portray praise rebuke
    ridicule slam tout
    """.split()
)

# Verbs whose content is a prepositional object: "referred to …",
# "complained about …", "called for …" (verb lemma, preposition).
PREP_OBJECT_VERBS = frozenset(
    """
    refer:to point:to complain:about warn:about warn:of warn:against call:for
    comment:on argue:for argue:against speak:about speak:of talk:about boast:about
    brag:about joke:about
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

# Nouns that stand for a news outlet ("the newspaper noted", "the outlet
# reported") and words that mark a proper name as one ("Financial Times").
MEDIA_NOUNS = frozenset(
    """
    broadcaster channel daily magazine network newspaper outlet paper publication
    station tabloid weekly
    """.split()
)
MEDIA_NAME_WORDS = frozenset(
    """
    broadcasting chronicle courier daily express gazette guardian herald journal
    magazine mail news newsweek observer post press radio reuters telegraph times
    tribune tv
    """.split()
)

# Nouns of texts and bodies that "say" things without being named entities:
# "The resolution urges …; it also condemns …".
DOCUMENT_NOUNS = frozenset(
    """
    bill charter communique declaration document draft letter manifesto memo motion petition
    platform poll proposal report resolution ruling statement study survey text treaty
    verdict
    """.split()
)

# Things an actor issues that then "say" something: "X issued a statement
# saying …", "Y released an ad calling …"; the issuer is the speaker.
ISSUED_NOUNS = frozenset(
    """
    ad advert advertisement announcement brief communique email letter memo message
    post release report spot statement tweet video
    """.split()
)

# Nouns for people and groups who are not named by a role: they can speak,
# unlike the things a reported clause is about ("prices", "floods").
HUMAN_NOUNS = frozenset(
    """
    audience citizen child community crowd delegate delegation demonstrator donor
    elector family fan father friend member mother neighbour neighbor opponent parent
    participant people person protester protestor public resident side source student
    supporter survivor teacher victim voter witness worker
    """.split()
)
