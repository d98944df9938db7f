"""In-article entity resolution: group name mentions into entities.

The stage ``entities.rules.v1`` turns NER mentions into canonical entities:

* a full name and its surname are one person ("Ana Vidal" … "Vidal"), and
  so is a possessive ("Vidal's");
* a single-token ORG mention equal to a known person's surname is that
  person (the small model often tags bare surnames as ORG);
* an acronym groups with the organisation whose initials it spells
  ("European Union" / "EU"); country names group with their abbreviations
  and variants through the gazetteer's country codes;
* a name the tagger cut at "of", "for" or "and" ("the Sons of" + a place)
  runs on over the proper nouns after it (:func:`extend_cut_names`);
* a title or appositive next to a person's name is recorded as a role
  ("Foreign Minister Ana Vidal", "Ana Vidal, the foreign minister").

Entity ids hash the entity's type and canonical name, not the article, so
the same full name in two articles is the same entity row; the cross-article
stage (``stories``/``store`` side) only has to merge partial names.

Pronouns and nominal references ("the minister", "she") are resolved by
:mod:`newsgraph.extract.coref`, which works on the entities built here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import ClassVar

from newsgraph.extract.actors import ActorCoder, ActorCodingStage
from newsgraph.extract.article_actors import fill_countries
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Entity, Token

__all__ = [
    "ENTITY_TYPES",
    "EntityStage",
    "canonical_text",
    "code_actors",
    "extend_cut_names",
    "mention_tokens",
    "resolve_entities",
]

# Mention types that denote actors or places; NORP ("Russian"), dates and
# numbers are attributes, not entities.
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})

_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "mx", "rev"}
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "du", "des", "la"})
# Words that can stand in a title before a name without being part of a role
# we want to keep ("his", "the", punctuation).
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
_APPOS_DEPS = frozenset({"appos"})
_NOT_ROLE = frozenset({"PUNCT", "DET", "PRON"})


def canonical_text(text: str) -> str:
    """Strip a possessive, a leading "the" and honorifics from a mention."""
    text = _POSSESSIVE.sub("", text.strip())
    text = _LEADING_THE.sub("", text)
    words = text.split()
    while words and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def mention_tokens(
    tokens: Sequence[Token], start: int, end: int, starts: Sequence[int] | None = None
) -> tuple[int, int]:
    """Return the token index range [i, j) covering characters [start, end).

    Pass ``starts`` (the tokens' start offsets) when calling in a loop: it
    is rebuilt on every call otherwise.
    """
    if starts is None:
        starts = [t.start for t in tokens]
    i = bisect_right(starts, start) - 1
    j = bisect_left(starts, end)
    return max(i, 0), max(j, max(i, 0) + 1)


# Words a name of the form "Friends of …" cannot end with; the small model
# sometimes cuts the name there ("the Friends of" + a place it tags GPE).
_CUT_ENDINGS = frozenset({"of", "for", "and"})


def extend_cut_names(doc: AnalysedArticle) -> AnalysedArticle:
    """Extend ORG and PERSON mentions cut at "of"/"for"/"and" over the proper nouns after them.

    "the Friends of" + "Zeeland" becomes one ORG mention "the Friends of
    Zeeland"; the mentions it swallows (the GPE "Zeeland") are dropped. A cut
    name with no proper noun after it is left as it is.
    """
    tokens = doc.tokens
    if not tokens or not doc.mentions:
        return doc
    starts = [t.start for t in tokens]
    text = doc.article.text
    out = list(doc.mentions)
    swallowed: set[int] = set()
    for m, mention in enumerate(out):
        if mention.type not in {"ORG", "PERSON"} or m in swallowed:
            continue
        i, j = mention_tokens(tokens, mention.start, mention.end, starts)
        if j - i < 2 or j >= len(tokens) or tokens[j - 1].text.lower() not in _CUT_ENDINGS:
            continue
        k = j + 1 if tokens[j].text.lower() == "the" else j  # "Friends of the Earth"
        end = k
        while (
            end < len(tokens) and tokens[end].pos == "PROPN" and tokens[end].sent == tokens[i].sent
        ):
            end += 1
        if end == k:
            continue
        stop = tokens[end - 1].end
        out[m] = replace(
            mention,
            id=span_id("mention", doc.article.id, mention.start, stop, mention.type),
            text=text[mention.start : stop],
            end=stop,
        )
        swallowed.update(
            n
            for n, other in enumerate(doc.mentions)
            if n != m and mention.start <= other.start and other.end <= stop
        )
    if not swallowed and out == list(doc.mentions):
        return doc
    return replace(doc, mentions=tuple(x for n, x in enumerate(out) if n not in swallowed))


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Map country names and common abbreviations to ISO alpha-2 codes."""
    from newsgraph.gazetteer import all_place_names

    codes = {p.name: p.country for p in all_place_names() if p.kind == "country"}
    # Abbreviations news uses for countries; pycountry has no such field.
    codes.update(
        {
            "US": "US",
            "U.S.": "US",
            "USA": "US",
            "U.S.A.": "US",
            "America": "US",
            "UK": "GB",
            "U.K.": "GB",
            "Britain": "GB",
            "Great Britain": "GB",
            "UAE": "AE",
            "DRC": "CD",
            "DR Congo": "CD",
            "South Korea": "KR",
            "North Korea": "KP",
        }
    )
    return codes


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_STOP]
    return "".join(w[0] for w in words if w[0].isupper())


@dataclass(slots=True)
class _Cluster:
    type: str
    name: str
    key: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)


def _role_words(tokens: Sequence[Token], i: int, j: int) -> list[str]:
    """Return role phrases attached to the name in tokens[i:j].

    A title before the name ("Foreign Minister Ana Vidal") is the run of
    tokens right before it that the parse attaches inside the name; an
    appositive ("Ana Vidal, the foreign minister,") is a noun phrase whose
    head is attached to the name as ``appos``.
    """
    inside = set(range(i, j))
    roles: list[str] = []
    # 1. Title: contiguous modifiers immediately before the name.
    k = i - 1
    words: list[Token] = []
    while k >= 0:
        tok = tokens[k]
        attached = inside | {t.i for t in words}
        if (
            tok.dep == "case"
            and k >= 1
            and tokens[k - 1].dep == "poss"
            and tokens[k - 1].pos in {"PROPN", "NOUN"}
            and tokens[k - 1].head in attached
        ):
            # "Peru's Foreign Minister Luis Rojas": the possessor belongs to the title;
            # so does a common noun ("the party's MP X"), resolved to an organisation
            # by :mod:`newsgraph.extract.article_actors`.
            words[:0] = [tokens[k - 1], tok]
            k -= 2
            continue
        if (
            tok.text in _HYPHENS
            and words
            and k >= 1
            and not tok.ws
            and not tokens[k - 1].ws
            and tok.head in attached
        ):
            # "left-wing Spanish senator X": a hyphenated modifier is one word.
            words.insert(0, tok)
            k -= 1
            continue
        if tok.head not in attached or tok.dep not in _ROLE_DEPS or tok.pos in _NOT_ROLE:
            break
        words.insert(0, tok)
        k -= 1
    if words and (
        any(t.pos in {"NOUN", "PROPN"} and t.text[0].isupper() for t in words)
        or (words[-1].pos == "NOUN" and _PERSON_NOUN.search(words[-1].lemma.lower()))
    ):
        # Lower-case titles count when they end in a person noun ("party president X").
        roles.append("".join(t.text + (" " if t.ws else "") for t in words).strip())
    # 2. Appositive after the name: "Ana Vidal, the foreign minister".
    for tok in tokens[j : min(len(tokens), j + 12)]:
        if tok.dep in _APPOS_DEPS and tok.head in inside and tok.pos == "NOUN":
            roles.append(_noun_phrase(tokens, tok))
    # 3. Name in apposition to a noun before it: "her counterpart, Ana Vidal".
    for k in inside:
        head = tokens[tokens[k].head]
        if (
            tokens[k].dep in _APPOS_DEPS
            and head.i < i
            and (head.pos == "NOUN" or _PERSON_NOUN.search(head.lemma.lower()))
        ):
            roles.append(_noun_phrase(tokens, head))
            break
        if (
            tokens[k].dep == "conj"
            and head.i < i
            and head.pos in {"NOUN", "PROPN"}
            and head.ent_type != "PERSON"  # "… Ana Lindqvist and … X": two people
            and _PERSON_NOUN.search(head.lemma.lower())
            and any(t.dep == "cc" for t in tokens[head.i + 1 : i])
        ):
            # Coordinated titles ("Danish Trade Minister and former IMF
            # chief X") are one role: the first office names the country.
            start = _phrase_start(tokens, head)
            whole = "".join(t.text + (" " if t.ws else "") for t in tokens[start:i]).strip()
            roles[:] = [whole] + [r for r in roles if not whole.endswith(r)]
            break
    # 4. An affiliation right after the name: "Ana Vidal of the Lisbon Institute".
    if j < len(tokens) and tokens[j].text.lower() == "of" and tokens[j].head in inside:
        affiliation = _subtree_text(tokens, j)[3:].strip()
        affiliation = _LEADING_THE.sub("", affiliation)
        if affiliation[:1].isupper() or affiliation.split(" ", 1)[-1][:1].isupper():
            roles.append(affiliation)
    return roles


_HYPHENS = frozenset({"-", "‐", "‑"})


def _subtree_text(tokens: Sequence[Token], root: int, limit: int = 15) -> str:
    """Return the text of the contiguous run after ``root`` that hangs from it.

    Stops at a comma or a bracket so an appositive or an acronym in
    brackets ("(LFI)") is not swallowed.
    """
    end = root + 1
    while end < min(len(tokens), root + limit) and tokens[end].text not in {",", "(", ";", "—"}:
        k, seen = end, 0
        while k != root and tokens[k].head != k and seen < limit:
            k, seen = tokens[k].head, seen + 1
        if k != root:
            break
        end += 1
    return "".join(t.text + (" " if t.ws else "") for t in tokens[root:end]).strip()


def _phrase_start(tokens: Sequence[Token], noun: Token) -> int:
    """Return the index of the first modifier of ``noun`` (or its own)."""
    window = tokens[max(0, noun.i - 6) : noun.i]
    modifiers = [
        t.i
        for t in window
        if t.head == noun.i and t.dep in _PHRASE_DEPS and t.pos not in {"PRON", "DET"}
    ]
    return min(modifiers, default=noun.i)


def _noun_phrase(tokens: Sequence[Token], noun: Token) -> str:
    """Return a noun with its modifiers, possessor and "of" phrase, as written.

    "Peru's Foreign Minister" keeps the possessor: it is the country.
    """
    first = _phrase_start(tokens, noun)
    text = "".join(t.text + (" " if t.ws else "") for t in tokens[first : noun.i]) + noun.text
    # A following "of" phrase is part of the role ("director of the X
    # Institute", "Chief of the General Staff").
    after = noun.i + 1
    if after < len(tokens) and tokens[after].text.lower() == "of" and tokens[after].head == noun.i:
        text += " " + _subtree_text(tokens, after)
    return text


_PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


# Nouns that only denote people: a name in apposition to one of them is a
# person even when NER says ORG ("its spokeswoman, Helena Brandt").
_PERSON_NOUN = re.compile(
    r"(?:man|woman|person|ist|minister|president|leader|chief|director|official|"
    r"secretary|envoy|ambassador|general|commander|mayor|governor|premier|"
    r"chancellor|senator|lawmaker|deputy|judge|lawyer|analyst|member|head|"
    r"counterpart|candidate|activist|officer|adviser|advisor|founder|executive)$"
)


def _is_person_by_apposition(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Say whether the name in tokens[i:j] is in apposition to a person noun."""
    inside = range(i, j)
    for k in inside:
        head = tokens[tokens[k].head]
        if tokens[k].dep in _APPOS_DEPS and head.pos == "NOUN" and _PERSON_NOUN.search(head.lemma):
            return True
    for tok in tokens[j : min(len(tokens), j + 12)]:
        if (
            tok.dep in _APPOS_DEPS
            and tok.head in inside
            and tok.pos == "NOUN"
            and _PERSON_NOUN.search(tok.lemma)
        ):
            return True
    return False


_INNER_POSSESSIVE = re.compile(r"['’]s?\s+\S")
# Words that make a capitalised pair an organisation's name, not a person's.
_ORG_WORDS = frozenset(
    {
        "party", "union", "council", "ministry", "bank", "group", "front", "movement",
        "alliance", "court", "committee", "institute", "university", "agency", "company",
        "corporation", "association", "federation", "league", "foundation", "society", "club",
        "fund", "office", "department", "board", "commission", "congress", "assembly",
        "church", "army", "force", "forces", "police", "service", "news", "times", "post",
        "press", "media", "network",
    }
)  # fmt: skip


def _is_person_by_affiliation(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Say whether an ORG "Firstname Surname" is a person: "X Y of <organisation>".

    The small model tags some people as ORG; when the next words are "of"
    and another name, the pair is a person's name with an affiliation
    ("Ana Vidal of the Lisbon Institute"), since an organisation called
    "X of Y" is tagged as one span.
    """
    pair = tokens[i:j]
    if len(pair) != 2 or j + 1 >= len(tokens) or tokens[j].text != "of":
        return False
    if not all(t.text.isalpha() and t.text.istitle() for t in pair):
        return False
    if any(t.text.lower() in _ORG_WORDS for t in pair):
        return False
    after = tokens[j + 1 : j + 6]
    return tokens[j].head in range(i, j) and any(t.ent_type in {"ORG", "GPE"} for t in after)


def resolve_entities(doc: AnalysedArticle) -> AnalysedArticle:
    """Group the doc's name mentions into entities and link each mention."""
    tokens = doc.tokens
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, str], int] = {}
    assign: dict[int, int] = {}
    codes = _country_codes()

    def new_cluster(etype: str, name: str, key: str) -> int:
        by_key[(etype, key)] = len(clusters)
        clusters.append(_Cluster(type=etype, name=name, key=key))
        return len(clusters) - 1

    starts = [t.start for t in tokens]

    # 0. Mend names the tagger cut at "of", then fix the mention type of
    #    multi-word names the parse shows are people.
    doc = extend_cut_names(doc)
    retyped = list(doc.mentions)
    if tokens:
        for m, mention in enumerate(retyped):
            if mention.type == "ORG" and " " in mention.text.strip():
                i, j = mention_tokens(tokens, mention.start, mention.end, starts)
                if all(t.pos == "PROPN" for t in tokens[i:j]) and (
                    _is_person_by_apposition(tokens, i, j)
                    or _is_person_by_affiliation(tokens, i, j)
                ):
                    retyped[m] = replace(mention, type="PERSON")
            inner = _INNER_POSSESSIVE.search(mention.text)
            if retyped[m].type == "PERSON" and inner:
                # "Vidal’s Pulitzer bid" tagged whole: the person ends at the possessive.
                cut = inner.start()
                retyped[m] = replace(mention, text=mention.text[:cut], end=mention.start + cut)
        doc = replace(doc, mentions=tuple(retyped))

    order = sorted(range(len(doc.mentions)), key=lambda m: doc.mentions[m].start)
    names = {m: canonical_text(doc.mentions[m].text) for m in order}

    # Surnames of the people named in full: a bare "Vidal" tagged ORG is
    # one of them, not an organisation.
    surnames = {
        names[m].split()[-1]
        for m in order
        if doc.mentions[m].type == "PERSON" and len(names[m].split()) >= 2
    }

    # Initials of the multi-word organisations named: "EU" joins "European
    # Union" in step 2 instead of opening its own entity.
    acronyms = {
        _initials(names[m]) for m in order if doc.mentions[m].type == "ORG" and " " in names[m]
    } - {""}

    # 1. Multi-word person names and every non-person name open clusters.
    for m in order:
        mention = doc.mentions[m]
        name = names[m]
        if mention.type not in ENTITY_TYPES or not name:
            continue
        if mention.type == "ORG" and (name in surnames or name in acronyms):
            continue
        if mention.type == "PERSON":
            words = name.split()
            if len(words) < 2:
                continue
            key = f"{words[0]} {words[-1]}".lower()
        elif mention.type == "GPE" and name in codes:
            key = "country:" + codes[name]
        else:
            key = name.lower()
        index = by_key.get((mention.type, key))
        if index is None:
            index = new_cluster(mention.type, name, key)
        elif len(name) > len(clusters[index].name) and mention.type != "GPE":
            clusters[index].name = name
        assign[m] = index

    first_start: dict[int, int] = {}
    for m, index in assign.items():
        first_start[index] = min(
            first_start.get(index, doc.mentions[m].start), doc.mentions[m].start
        )
    surname_of: dict[str, list[int]] = {}
    given_of: dict[str, list[int]] = {}
    for index, cluster in enumerate(clusters):
        if cluster.type == "PERSON":
            surname_of.setdefault(cluster.name.split()[-1], []).append(index)
            given_of.setdefault(cluster.name.split()[0], []).append(index)

    # 2. Single words: surnames of known people (PERSON, or ORG mislabels),
    #    acronyms of organisations, or new single-name entities.
    for m in order:
        if m in assign:
            continue
        mention = doc.mentions[m]
        name = names[m]
        if mention.type not in ENTITY_TYPES or not name:
            continue
        candidates = surname_of.get(name, []) if " " not in name else []
        if candidates and mention.type in {"PERSON", "ORG"}:
            # Two people share the surname: the one introduced last before
            # this mention is meant.
            before = [c for c in candidates if first_start[c] < mention.start]
            assign[m] = max(before, key=first_start.__getitem__) if before else candidates[0]
            continue
        given = given_of.get(name, []) if " " not in name else []
        if mention.type == "PERSON" and len(given) == 1 and first_start[given[0]] < mention.start:
            # "Prime Minister Hamid Yusof … Hamid said": where names are used by
            # the given name, the one person introduced with it is meant.
            assign[m] = given[0]
            continue
        if mention.type == "ORG" and name.isupper() and 2 <= len(name) <= 6:
            match = [
                i
                for i, c in enumerate(clusters)
                if c.type == "ORG" and c.name != name and _initials(c.name) == name
            ]
            if match:
                assign[m] = match[0]
                continue
        key = name.lower()
        index = by_key.get((mention.type, key))
        assign[m] = index if index is not None else new_cluster(mention.type, name, key)

    # 3. Aliases, roles and entity records.
    mentions = list(doc.mentions)
    for m, index in sorted(assign.items()):
        cluster = clusters[index]
        cluster.mentions.append(m)
        if names[m] not in cluster.aliases:
            cluster.aliases.append(names[m])
        if cluster.type == "PERSON" and tokens:
            i, j = mention_tokens(tokens, mentions[m].start, mentions[m].end, starts)
            for role in _role_words(tokens, i, j):
                # Case is kept ("Chilean Foreign Minister": the capital matters to
                # actor coding); duplicates differing only in case are not.
                if role.casefold() not in {r.casefold() for r in cluster.roles}:
                    cluster.roles.append(role)

    entities: list[Entity] = []
    ids: list[str] = []
    for cluster in clusters:
        eid = span_id("entity", cluster.type, 0, 0, cluster.key)
        ids.append(eid)
        if not cluster.mentions:
            continue
        entities.append(
            Entity(
                id=eid,
                name=cluster.name,
                type=cluster.type,
                aliases=tuple(a for a in cluster.aliases if a != cluster.name),
                # The first role naming something ("Kremlin spokesman") over a bare
                # noun ("spokesman") from an earlier headline.
                role=next(
                    (r for r in cluster.roles if any(c.isupper() for c in r)),
                    cluster.roles[0] if cluster.roles else None,
                ),
                roles=tuple(cluster.roles),
            )
        )
    for m, index in assign.items():
        mentions[m] = replace(mentions[m], entity_id=ids[index])
    return replace(doc, mentions=tuple(mentions), entities=tuple(entities))


def code_actors(doc: AnalysedArticle, coder: ActorCoder) -> AnalysedArticle:
    """Give each person, organisation and place entity a country and sector.

    The coder reads the canonical name with the entity's roles as context
    ("Ana Vidal" + "foreign minister" → GOV; "Moroccan counterpart" → MAR).
    """
    when = (doc.article.published or "")[:10] or None
    coded = []
    for entity in doc.entities:
        context = "; ".join(entity.roles)
        code = coder.code(entity.name, context=context, entity_type=entity.type, when=when)
        country = code.country
        for role in entity.roles:
            # A bare possessor ("Chile's" in "Chile's Ana Vidal") names the
            # country outright; the coder wants a role word beside a place.
            if country is None and _POSSESSIVE.search(role):
                country = coder.code(_POSSESSIVE.sub("", role), when=when).country
        coded.append(
            replace(
                entity,
                country=country or entity.country,
                sector=code.sector or entity.sector,
            )
        )
    # Office holders the name and roles leave without a country take the one
    # the rest of the article gives them (a party named before, the country
    # governing their clause, or the only country the article is about).
    return fill_countries(replace(doc, entities=tuple(coded)), coder)


class EntityStage(ActorCodingStage):
    """Group NER mentions into in-article entities with roles and actor codes."""

    name: ClassVar[str] = "entities.rules.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"entities"})

    @property
    def version(self) -> str:
        """Return a string that changes when the coding would change."""
        return f"{self.name}:{self.coding_version()}"

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Resolve the article's entities and code them as actors."""
        return code_actors(resolve_entities(doc), self.coder)
