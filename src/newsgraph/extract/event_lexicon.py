"""Verb and noun patterns for PLOVER event coding, written for newsgraph.

The lemma lists are general English, grouped by PLOVER type and mode and
informed by the verb classes of CAMEO (its codebook's categories, mapped to
PLOVER by the CAMEO→PLOVER table); no entry names a person, place or event.

* :data:`VERBS` maps a verb lemma to its (type, mode).
* :data:`PHRASAL` maps (verb, particle or preposition) to a (type, mode) that
  overrides the verb's own ("call on", "pull out", "beat up").
* :data:`VERB_OBJECT` maps (verb, object noun) pairs ("impose curfew").
* :data:`NOUNS` maps event nouns ("strike", "talks", "airstrike") to a
  (type, mode); they count as a trigger when they are the object of a light
  or neutral verb ("held talks", "joined a strike") or a bare predicate noun.
* :data:`SCORES` is the PLOVER conflict–cooperation scale (PLOVER manual,
  draft 2.0), with ACCUSE's base made negative: the manual's +3 is a sign
  error (its modes are -2 to -3.5).
* The noun classes the actor and target rules read (:data:`PARTY_NOUNS`,
  :data:`QUANTITY_NOUNS`, :data:`DEVERBAL`, …).
"""

from __future__ import annotations

import re

from newsgraph.extract.quote_words import GOVERNMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS

__all__ = [
    "CAMEO_ROOT",
    "CARRIER_NOUNS",
    "CESSATION",
    "CESSATION_VERBS",
    "CONFLICT_TYPES",
    "COOPERATIVE_TYPES",
    "DEVERBAL",
    "EVENT_TYPES",
    "INTENT_ADJECTIVES",
    "INTENT_VERBS",
    "LABOUR_CONTEXT",
    "LABOUR_STRIKE_WORDS",
    "LIGHT_VERBS",
    "MEETING_PREPS",
    "MILITARY_CONTEXT",
    "MILITARY_STRIKE_WORDS",
    "NON_PARTY_NOUNS",
    "NOUNS",
    "PARTY_NOUNS",
    "PHRASAL",
    "PROPOSAL_NOUNS",
    "QUAD_CLASS",
    "QUANTITY_NOUNS",
    "REFUGE_NOUNS",
    "REGION_CODES",
    "SCORES",
    "SPEECH_VERBS",
    "STANCE_NOUNS",
    "STRIKE_MODES",
    "TALK_NOUNS",
    "TOPIC_PREPS",
    "TOPIC_TYPES",
    "VERBS",
    "VERB_OBJECT",
    "WEAPON_NOUNS",
    "event_score",
    "threat_mode",
]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                               "RETREAT"})  # fmt: skip
CONFLICT_TYPES = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

Code = tuple[str, str | None]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _group(kind: str, mode: str | None, words: str) -> dict[str, Code]:
    return {w: (kind, mode) for w in words.split()}


# Verb lemmas. Several verbs are ambiguous ("strike"); the learned
# classifier re-ranks them against :data:`AMBIGUOUS` alternatives.
VERBS: dict[str, Code] = {
    **_group("AGREE", None, "agree pledge promise vow offer commit guarantee undertake "
             "accept consent"),
    **_group("CONSULT", None, "meet negotiate discuss consult confer mediate"),
    **_group("CONSULT", "visit", "visit tour"),
    **_group("CONSULT", "phone", "phone telephone"),
    **_group("CONSULT", "visit", "host"),
    **_group("SUPPORT", None, "praise endorse support back defend welcome commend hail "
             "applaud congratulate thank apologize apologise forgive recognize recognise "
             "sign ratify"),
    **_group("COOPERATE", None, "cooperate collaborate extradite ally partner"),
    **_group("AID", None, "donate airlift evacuate rescue shelter"),
    **_group("CONCEDE", None, "concede compromise yield legalize legalise pardon amnesty "
             "relent cancel"),
    **_group("RETREAT", "withdraw", "withdraw retreat"),
    **_group("RETREAT", "release", "release free"),
    **_group("RETREAT", "resign", "resign abdicate"),
    **_group("RETREAT", "disarm", "disarm demobilize demobilise decommission"),
    **_group("RETREAT", "access", "admit"),
    **_group("REQUEST", None, "urge appeal request ask demand plead implore beg invite "
             "petition summon order press exhort encourage persuade"),
    **_group("ACCUSE", "disapprove", "accuse criticize criticise condemn denounce blame "
             "censure deplore decry rebuke chide slam lambast castigate reprimand "
             "indict charge sue complain"),
    **_group("ACCUSE", "allege", "allege"),
    **_group("ACCUSE", "investigate", "investigate probe inspect"),
    **_group("REJECT", None, "reject refuse decline deny dismiss rebuff spurn veto "
             "oppose resist defy disregard repudiate renege violate breach flout"),
    # The PLOVER codebook: a boycott withdraws relations as a protest.
    **_group("PROTEST", "boycott", "boycott"),
    **_group("THREATEN", None, "threaten warn menace"),
    **_group("THREATEN", "violence", "ultimatum"),
    **_group("PROTEST", "demo", "protest demonstrate rally march picket"),
    **_group("PROTEST", "riot", "riot loot"),
    **_group("PROTEST", "obstruct", "blockade barricade"),
    **_group("PROTEST", "strike", "strike"),
    **_group("SANCTION", None, "sanction embargo penalize penalise suspend"),
    **_group("SANCTION", "expel", "expel"),
    **_group("SANCTION", "convict", "convict sentence"),
    **_group("MOBILIZE", "troops", "mobilize mobilise deploy mass station"),
    **_group("COERCE", "arrest", "arrest detain jail imprison apprehend intern"),
    **_group("COERCE", "deport", "deport extradite"),
    **_group("COERCE", "seize", "seize confiscate impound annex occupy raid"),
    **_group("COERCE", "restrict", "ban restrict block prohibit outlaw curb prevent"),
    **_group("ASSAULT", "crowd-control", "disperse"),
    **_group("COERCE", "censor", "censor"),
    **_group("COERCE", "cyber", "hack"),
    **_group("COERCE", "withhold", "withhold"),
    **_group("ASSAULT", None, "attack assault kill wound injure ambush invade storm "
             "clash fight"),
    **_group("ASSAULT", "heavy-weapons", "shell bombard pound"),
    **_group("ASSAULT", "aerial", "bomb airstrike"),
    **_group("ASSAULT", "firearms", "shoot gun snipe"),
    **_group("ASSAULT", "beat", "beat"),
    **_group("ASSAULT", "abduct", "abduct kidnap"),
    **_group("ASSAULT", "torture", "torture"),
    **_group("ASSAULT", "assassinate", "assassinate murder execute"),
    **_group("ASSAULT", "destroy", "destroy demolish raze torch burn"),
    **_group("ASSAULT", "massacre", "massacre slaughter"),
    **_group("ASSAULT", "sexual", "rape"),
}  # fmt: skip
# extradite: handing a suspect over is judicial cooperation in CAMEO (063).
VERBS["extradite"] = ("COOPERATE", None)

# (verb, particle or preposition) -> code; overrides VERBS.
PHRASAL: dict[tuple[str, str], Code] = {
    ("call", "on"): ("REQUEST", None),
    ("call", "for"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None),
    ("ask", "for"): ("REQUEST", None),
    ("push", "for"): ("REQUEST", None),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("pull", "back"): ("RETREAT", "withdraw"),
    ("step", "down"): ("RETREAT", "resign"),
    ("stand", "down"): ("RETREAT", "resign"),
    ("back", "down"): ("CONCEDE", None),
    ("give", "in"): ("CONCEDE", None),
    ("hand", "over"): ("CONCEDE", None),
    ("beat", "up"): ("ASSAULT", "beat"),
    ("crack", "down"): ("COERCE", None),
    ("open", "fire"): ("ASSAULT", "firearms"),
    ("fire", "on"): ("ASSAULT", "firearms"),
    ("fire", "at"): ("ASSAULT", "firearms"),
    ("blow", "up"): ("ASSAULT", "explosives"),
    ("shut", "down"): ("COERCE", "restrict"),
    ("lock", "up"): ("COERCE", "arrest"),
    ("round", "up"): ("COERCE", "arrest"),
    ("side", "with"): ("SUPPORT", None),
    ("stand", "by"): ("SUPPORT", None),
    ("meet", "with"): ("CONSULT", None),
    ("speak", "with"): ("CONSULT", None),
    ("talk", "with"): ("CONSULT", None),
    ("talk", "to"): ("CONSULT", None),
    ("speak", "to"): ("CONSULT", "phone"),
    ("walk", "out"): ("PROTEST", "boycott"),
    ("lash", "out"): ("ACCUSE", "disapprove"),
    ("take", "to"): ("PROTEST", "demo"),  # "took to the streets"
    ("call", "off"): ("CONCEDE", None),
    ("renege", "on"): ("REJECT", None),
}

# (verb, object noun) -> code; overrides both the verb and the noun.
VERB_OBJECT: dict[tuple[str, str], Code] = {
    ("impose", "sanction"): ("SANCTION", None),
    ("impose", "embargo"): ("SANCTION", None),
    ("impose", "tariff"): ("SANCTION", None),
    ("impose", "curfew"): ("COERCE", "curfew"),
    ("declare", "curfew"): ("COERCE", "curfew"),
    ("declare", "emergency"): ("COERCE", "martial-law"),
    ("impose", "ban"): ("COERCE", "restrict"),
    ("lift", "sanction"): ("RETREAT", "ease"),
    ("lift", "ban"): ("CONCEDE", None),
    ("lift", "embargo"): ("RETREAT", "ease"),
    ("lift", "curfew"): ("RETREAT", "ease"),
    ("lift", "restriction"): ("CONCEDE", None),
    ("ease", "restriction"): ("CONCEDE", None),
    ("ease", "sanction"): ("RETREAT", "ease"),
    ("cut", "tie"): ("SANCTION", "withdraw"),
    ("sever", "tie"): ("SANCTION", "withdraw"),
    ("break", "tie"): ("SANCTION", "withdraw"),
    ("sever", "relation"): ("SANCTION", "withdraw"),
    ("break", "relation"): ("SANCTION", "withdraw"),
    ("recall", "ambassador"): ("SANCTION", "withdraw"),
    ("recall", "envoy"): ("SANCTION", "withdraw"),
    ("open", "fire"): ("ASSAULT", "firearms"),
    ("expel", "diplomat"): ("SANCTION", "expel"),
    ("expel", "ambassador"): ("SANCTION", "expel"),
    ("send", "troop"): ("MOBILIZE", "troops"),
    ("send", "soldier"): ("MOBILIZE", "troops"),
    ("send", "aid"): ("AID", None),
    ("send", "food"): ("AID", None),
    ("send", "delegation"): ("CONSULT", "visit"),
    ("send", "envoy"): ("CONSULT", "visit"),
    ("send", "inspector"): ("ACCUSE", "investigate"),
    ("dispatch", "inspector"): ("ACCUSE", "investigate"),
    ("deploy", "police"): ("MOBILIZE", "police"),
    ("provide", "aid"): ("AID", None),
    ("provide", "assistance"): ("AID", None),
    ("provide", "food"): ("AID", None),
    ("deliver", "aid"): ("AID", None),
    ("give", "aid"): ("AID", None),
    ("grant", "asylum"): ("AID", "asylum"),
    ("release", "prisoner"): ("RETREAT", "release"),
    ("free", "hostage"): ("RETREAT", "release"),
    ("sign", "agreement"): ("AGREE", None),
    ("sign", "deal"): ("AGREE", None),
    ("sign", "accord"): ("AGREE", None),
    ("sign", "treaty"): ("AGREE", None),
    ("reach", "agreement"): ("AGREE", None),
    ("reach", "deal"): ("AGREE", None),
    ("reach", "accord"): ("AGREE", None),
    ("strike", "deal"): ("AGREE", None),
    ("declare", "ceasefire"): ("RETREAT", "ceasefire"),
    ("declare", "truce"): ("RETREAT", "ceasefire"),
    ("accept", "ceasefire"): ("RETREAT", "ceasefire"),
    ("hold", "election"): ("CONCEDE", None),
    ("freeze", "asset"): ("SANCTION", None),
    ("close", "embassy"): ("SANCTION", "withdraw"),
    ("close", "border"): ("COERCE", "restrict"),
    ("set", "fire"): ("ASSAULT", "destroy"),
    ("take", "hostage"): ("ASSAULT", "abduct"),
    ("open", "investigation"): ("ACCUSE", "investigate"),
    ("launch", "investigation"): ("ACCUSE", "investigate"),
    ("open", "inquiry"): ("ACCUSE", "investigate"),
    ("lodge", "complaint"): ("ACCUSE", "disapprove"),
    ("file", "complaint"): ("ACCUSE", "disapprove"),
    ("file", "lawsuit"): ("ACCUSE", "disapprove"),
    ("issue", "warning"): ("THREATEN", None),
    ("issue", "ultimatum"): ("THREATEN", None),
    ("fire", "missile"): ("ASSAULT", "heavy-weapons"),
    ("fire", "rocket"): ("ASSAULT", "heavy-weapons"),
    ("fire", "shell"): ("ASSAULT", "heavy-weapons"),
    ("throw", "stone"): ("PROTEST", "riot"),
    ("throw", "rock"): ("PROTEST", "riot"),
    ("collect", "signature"): ("PROTEST", "demo"),
    ("block", "road"): ("PROTEST", "obstruct"),
    ("block", "highway"): ("PROTEST", "obstruct"),
    ("withdraw", "troop"): ("RETREAT", "withdraw"),
    ("withdraw", "force"): ("RETREAT", "withdraw"),
    ("withdraw", "ambassador"): ("SANCTION", "withdraw"),
    ("suspend", "aid"): ("SANCTION", "discontinue"),
    ("ease", "measure"): ("CONCEDE", None),
    ("lift", "measure"): ("CONCEDE", None),
    ("send", "arm"): ("AID", "military"),
    ("send", "weapon"): ("AID", "military"),
    ("supply", "arm"): ("AID", "military"),
    ("supply", "weapon"): ("AID", "military"),
    ("seek", "refuge"): ("REQUEST", "assist"),
    ("seek", "asylum"): ("REQUEST", "assist"),
    ("seek", "help"): ("REQUEST", "assist"),
    ("seek", "aid"): ("REQUEST", "assist"),
    ("share", "intelligence"): ("COOPERATE", None),
    ("share", "information"): ("COOPERATE", None),
    ("share", "expertise"): ("COOPERATE", None),
    ("cut", "aid"): ("SANCTION", "discontinue"),
    # Evacuating people is aid; evacuating held ground is a withdrawal.
    ("evacuate", "settlement"): ("RETREAT", "withdraw"),
    ("evacuate", "base"): ("RETREAT", "withdraw"),
    ("evacuate", "position"): ("RETREAT", "withdraw"),
    ("evacuate", "outpost"): ("RETREAT", "withdraw"),
    ("evacuate", "garrison"): ("RETREAT", "withdraw"),
}

# Event nouns: triggers as objects of light/neutral verbs or bare predicates.
NOUNS: dict[str, Code] = {
    **_group("AGREE", None, "agreement deal accord pact treaty pledge promise"),
    **_group("CONSULT", None, "talk negotiation meeting summit consultation mediation"),
    **_group("CONSULT", "visit", "visit"),
    **_group("CONSULT", "phone", "call"),
    **_group("AID", None, "aid assistance relief grant loan donation"),
    **_group("RETREAT", "ceasefire", "ceasefire truce armistice"),
    **_group("RETREAT", "withdraw", "withdrawal pullout"),
    **_group("REQUEST", None, "appeal request demand plea"),
    **_group("ACCUSE", "investigate", "investigation inquiry probe"),
    **_group("ACCUSE", "disapprove", "accusation criticism condemnation complaint"),
    **_group("THREATEN", None, "threat warning ultimatum"),
    **_group("PROTEST", "demo", "protest demonstration rally march sit-in vigil"),
    **_group("PROTEST", "strike", "strike walkout stoppage"),
    **_group("PROTEST", "hunger", "hunger-strike"),
    **_group("PROTEST", "riot", "riot unrest"),
    **_group("PROTEST", "obstruct", "blockade roadblock"),
    **_group("PROTEST", "boycott", "boycott"),
    **_group("SANCTION", None, "sanction embargo"),
    **_group("COERCE", "curfew", "curfew"),
    **_group("COERCE", "arrest", "arrest crackdown"),
    **_group("COERCE", "seize", "raid"),
    **_group("ASSAULT", None, "attack offensive assault invasion clash fighting"),
    **_group("ASSAULT", "aerial", "airstrike air-strike air-raid bombing"),
    **_group("ASSAULT", "drone", "drone"),
    **_group("ASSAULT", "heavy-weapons", "shelling bombardment artillery"),
    **_group("ASSAULT", "explosives", "bomb explosion blast"),
    **_group("ASSAULT", "suicide-attack", "suicide-bombing"),
    **_group("ASSAULT", "massacre", "massacre"),
}  # fmt: skip

# Verbs whose object noun carries the event ("held talks", "launched an
# offensive", "joined the strike"); they are not events by themselves.
LIGHT_VERBS = _words(
    "hold have launch stage carry conduct make issue begin start mount join resume "
    "continue organize organise call lead announce go end stop break enter institute "
    "enforce introduce declare provide give send deliver extend confirm"
)

# Verbs of ending: with an event noun they code its undoing, not the event.
# "stopped the negotiations" cuts relations (SANCTION); "ended the strike"
# eases dissent (CONCEDE); "halted the offensive" is a RETREAT.
CESSATION_VERBS = _words("end stop break halt suspend cease abandon freeze interrupt")
CESSATION: dict[str, Code] = {
    "AGREE": ("SANCTION", "discontinue"), "CONSULT": ("SANCTION", "discontinue"),
    "COOPERATE": ("SANCTION", "discontinue"), "AID": ("SANCTION", "discontinue"),
    "SUPPORT": ("SANCTION", "discontinue"), "PROTEST": ("CONCEDE", None),
    "COERCE": ("CONCEDE", None), "SANCTION": ("CONCEDE", None),
    "ASSAULT": ("RETREAT", "ceasefire"), "MOBILIZE": ("RETREAT", "withdraw"),
}  # fmt: skip

# Event types whose nominal triggers take a topic, not a party, after
# "on"/"over"/"about" ("talks on trade", "an agreement over the border").
TOPIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
TOPIC_PREPS = frozenset({"on", "over", "about"})
# "in protest against X", "in solidarity with X": X is the target ("in
# response to X's attacks" names a cause, not a target, so is left out).
# Demonyms of regions, not countries, with their CAMEO region codes:
# "European diplomats", "the West", "African leaders" name no one
# country, so they must not take the sentence's home country.
REGION_CODES: dict[str, str] = {
    "european": "EUR", "europeans": "EUR", "western": "WST", "west": "WST",
    "westerners": "WST", "african": "AFR", "africans": "AFR", "arab": "ARB", "arabs": "ARB",
    # A continent named as a party ("Europe cannot defend itself").
    "europe": "EUR", "africa": "AFR", "asia": "ASA", "middle east": "MEA",
    "latin america": "LAM",
}  # fmt: skip
STANCE_NOUNS = frozenset({"protest", "solidarity", "defiance", "opposition", "disapproval",
                          "anger", "outrage", "discontent", "displeasure", "dissatisfaction",
                          "frustration", "rejection"})  # fmt: skip
# Words around a bare "strike" that tell a military one from a labour one.
MILITARY_CONTEXT = frozenset({"missile", "drone", "rocket", "bomb", "military", "army",
                              "troop", "kill", "injure", "wound", "casualty", "target",
                              "energy", "infrastructure", "shelling", "airstrike", "attack",
                              "retaliation", "artillery", "defense", "defence", "war"})  # fmt: skip
LABOUR_CONTEXT = frozenset({"worker", "union", "wage", "pay", "salary", "employee", "teacher",
                            "pension", "staff", "walkout", "picket", "labour", "labor",
                            "contract", "job"})  # fmt: skip
# Things that harm on purpose: a subject like these is an attack, not an accident.
WEAPON_NOUNS = frozenset({"bomb", "missile", "rocket", "drone", "shell", "mine", "grenade",
                          "gunfire", "gunman", "sniper", "artillery", "mortar", "airstrike",
                          "weapon", "gun", "shot", "bullet", "device", "car", "vehicle",
                          "truck"})  # fmt: skip
# "sought refuge in X": the target is the government of X.
REFUGE_NOUNS = frozenset({"refuge", "asylum", "sanctuary", "shelter"})
# "strike" with one of these modifiers: (type, mode).
STRIKE_MODES = {"hunger": ("PROTEST", "hunger"), "air": ("ASSAULT", "aerial"),
                 "drone": ("ASSAULT", "drone"), "missile": ("ASSAULT", "heavy-weapons"),
                 "general": ("PROTEST", "strike")}  # fmt: skip

# Modifiers that make "strike(s)" military (ASSAULT) or labour (PROTEST).
MILITARY_STRIKE_WORDS = _words(
    "air drone missile rocket artillery naval military precision retaliatory pre-emptive "
    "preemptive preventive surgical nuclear airstrike cruise ballistic"
)
LABOUR_STRIKE_WORDS = _words(
    "general hunger labour labor worker union teacher doctor nurse national nationwide "
    "wildcat sympathy warning rail transport day two-day one-day 24-hour 48-hour indefinite"
)

# Verbs of intent: with an embedded event they code AGREE (cooperation) or
# THREATEN (conflict), PLOVER's rule for statements of future action.
INTENT_VERBS = _words(
    "vow pledge promise offer threaten warn plan intend prepare willing ready prepared"
)

# Intent adjectives ("is willing to", "ready to"): AGREE/THREATEN with an
# embedded event, nothing alone.
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "eager"})

# Nouns that name an undertaking whose kind is in their modifier
# ("mediation effort", "peace bid", "military campaign").
CARRIER_NOUNS = frozenset({"effort", "bid", "campaign", "drive", "operation", "mission"})

# Things a party puts forward: "rejected an Australian ultimatum" targets
# the party whose proposal it is, not the proposal.
PROPOSAL_NOUNS = _words(
    "proposal plan offer appeal call request demand ultimatum invitation decision policy "
    "resolution change bid initiative idea claim allegation accusation statement "
    "suggestion condition sanction threat warning"
)

# Reporting verbs: never an event by themselves (a neutral "said").
SPEECH_VERBS = _words(
    "say tell add note state report announce claim insist declare stress reiterate "
    "explain write quote describe confirm"
)

# Embedded conflict event -> the mode of the threat to commit it.
_THREAT_MODES: dict[str, str] = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict",
    "SANCTION": "relations", "PROTEST": "restrict",
}  # fmt: skip
_THREAT_BY_MODE: dict[str, str] = {"arrest": "arrest", "expel": "expel", "withdraw": "relations",
                                   "discontinue": "relations", "restrict": "restrict",
                                   "ban": "ban", "seize": "territory"}  # fmt: skip


def threat_mode(kind: str, mode: str | None) -> str | None:
    """Return the THREATEN mode for a threat to commit a ``kind``/``mode`` event."""
    if mode and mode in _THREAT_BY_MODE:
        return _THREAT_BY_MODE[mode]
    return _THREAT_MODES.get(kind)


# PLOVER conflict-cooperation scores (PLOVER manual draft 2.0, -10..10).
SCORES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5,
    "AID": 10.0, "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0,
    "THREATEN": -3.5, "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5,
    "COERCE": -7.0, "ASSAULT": -9.0,
    "CONSULT:visit": 4.0, "CONSULT:third-party": 1.0, "CONSULT:multilateral": 4.0,
    "CONSULT:phone": 1.5, "RETREAT:withdraw": 8.0, "RETREAT:release": 6.5,
    "RETREAT:disarm": 10.0, "RETREAT:ceasefire": 7.5, "RETREAT:access": 6.5,
    "RETREAT:resign": 4.5, "REQUEST:assist": 0.5, "REQUEST:change": -1.0,
    "REQUEST:yield": -1.0, "REQUEST:meet": 0.0, "ACCUSE:disapprove": -2.0,
    "ACCUSE:investigate": -3.5, "ACCUSE:allege": -3.5, "REJECT:assist": -1.5,
    "REJECT:change": -2.0, "REJECT:yield": -2.0, "REJECT:meet": -2.0,
    "THREATEN:restrict": -3.0, "THREATEN:arrest": -3.5, "THREATEN:relations": -3.5,
    "THREATEN:expel": -3.5, "THREATEN:territory": -4.0, "THREATEN:violence": -3.5,
    "PROTEST:demo": -5.0, "PROTEST:riot": -7.0, "PROTEST:strike": -5.0,
    "PROTEST:hunger": -4.5, "PROTEST:boycott": -4.5, "PROTEST:obstruct": -4.5,
    "SANCTION:convict": -6.0, "SANCTION:expel": -5.5, "SANCTION:withdraw": -6.0,
    "SANCTION:discontinue": -6.0, "MOBILIZE:troops": -6.5, "MOBILIZE:weapons": -6.5,
    "MOBILIZE:police": -5.5, "MOBILIZE:militia": -6.0, "COERCE:seize": -7.0,
    "COERCE:restrict": -7.0, "COERCE:censor": -6.5, "COERCE:curfew": -6.5,
    "COERCE:martial-law": -7.5, "COERCE:arrest": -7.0, "COERCE:deport": -7.0,
    "COERCE:withhold": -7.0, "COERCE:misinformation": -6.5, "COERCE:cyber": -7.0,
    "ASSAULT:abduct": -8.5, "ASSAULT:beat": -7.5, "ASSAULT:torture": -8.5,
    "ASSAULT:sexual": -8.5, "ASSAULT:targeted": -9.5, "ASSAULT:destroy": -8.5,
    "ASSAULT:primitive": -8.0, "ASSAULT:firearms": -9.0, "ASSAULT:explosives": -9.0,
    "ASSAULT:suicide-attack": -9.5, "ASSAULT:aerial": -9.5, "ASSAULT:drone": -9.5,
    "ASSAULT:heavy-weapons": -9.5, "ASSAULT:crowd-control": -7.5,
    "ASSAULT:unconventional": -10.0,
}  # fmt: skip


def event_score(kind: str, mode: str | None) -> float:
    """Return the PLOVER score of a type and mode (the type's when the mode has none)."""
    return SCORES.get(f"{kind}:{mode}", SCORES[kind]) if mode else SCORES[kind]


# CAMEO root code per PLOVER type (CAMEO→PLOVER table, read backwards); a
# mode-specific root wins ("ACCUSE:investigate" is CAMEO 09, other ACCUSE 11).
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11", "ACCUSE:investigate": "09",
    "REQUEST": "10", "REJECT": "12", "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15",
    "SANCTION": "16", "COERCE": "17", "ASSAULT": "18", "ASSAULT:firearms": "19",
    "ASSAULT:heavy-weapons": "19", "ASSAULT:aerial": "19", "ASSAULT:drone": "19",
    "ASSAULT:massacre": "20", "ASSAULT:cleansing": "20", "ASSAULT:unconventional": "20",
}  # fmt: skip

# CAMEO's four classes by root code: verbal/material cooperation/conflict.
QUAD_CLASS: dict[str, int] = {
    "01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3,
    "14": 4, "15": 4, "16": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}  # fmt: skip

# Nouns the actor and target rules of event_roles.py read.
# Nouns of actions and states ("removal", "failure", "settlement"): a target
# named so is the party it concerns ("the removal *of* X").
DEVERBAL = re.compile(r"(?:tion|sion|ment|ure|al|ance|ence|ing|ity)$")
PARTY_NOUNS = PERSON_NOUNS | ORG_NOUNS | GOVERNMENT_NOUNS | {
    "community", "authority", "minority", "majority",
    # Groups whose names end like action nouns: "sanctions on the faction"
    # names a party, not what the sanctions concern.
    "faction", "opposition", "delegation", "federation", "confederation", "association",
    "nation", "population", "establishment", "congregation", "legislature",
}  # fmt: skip
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number",
                             "crowd", "member", "some", "many", "most", "all"})  # fmt: skip
# "after deliberations with X", "following talks with X": the meeting that
# led to an outcome names its other party.
MEETING_PREPS = frozenset({"after", "following", "during", "through", "at", "in"})
TALK_NOUNS = frozenset({"deliberation", "discussion", "dialogue", "consultation"})
# Things a demonym describes without making them a party ("the Russian
# language" is no actor of Russia's).
NON_PARTY_NOUNS = frozenset({"language", "dialect", "tongue", "alphabet", "cuisine"})
