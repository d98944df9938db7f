"""In-article reference resolution: names, pronouns, nominals and metonyms to entities.

No neural coreference model installs offline (coreferee's English model,
fastcoref and spacy-coref all fetch weights from hubs), so this is a
salience-based resolver in the spirit of Lappin and Leass:

1. Every named mention is linked to an entity of ``doc.entities`` (by its
   ``entity_id``, else by name or surname). Without an entities stage the
   mentions are grouped here (:func:`group_entities`).
2. Each entity gets a profile: type, gender (first names from the
   ``gender-guesser`` name list, plus gendered titles) and the words that
   introduced it: titles before the name ("Foreign Minister Ana …"),
   appositives ("Ana …, director of …"), the entity's ``roles``, and for
   "his Russian counterpart, X" the role of the possessor.
3. A left-to-right pass resolves every personal pronoun and definite
   nominal ("the Chilean president", "the ruling party") to the most
   salient compatible entity: recent, a grammatical subject, agreeing in
   gender and number, and, for nominals, sharing the head noun and its
   modifiers with the entity's introducing words. An appositive name is not
   a candidate of its own (it is the object it renames), and a subject
   pronoun never resolves to another argument of its own verb.

The quotes and events stages share one resolver per article
(:func:`shared_resolver`).

This module holds the resolver and its salience pass; the records,
pronoun classes, genders and the fallback grouping are in
:mod:`.coref_rules`, and the parse queries the resolver inherits (spans,
subtrees, introducing words, definiteness, name coverage) in
:mod:`.coref_parse`.
"""

from __future__ import annotations

import functools
from collections import OrderedDict

from newsgraph.extract.coref_parse import MentionParse
from newsgraph.extract.coref_rules import (
    FEMALE_PRONOUNS,
    GPE_TYPES,
    MALE_PRONOUNS,
    NAME_TYPES,
    NEUTER_PRONOUNS,
    ORG_TYPES,
    PRONOUNS,
    SUBJECT_DEPS,
    Ref,
    Resolution,
    clean_name,
    entity_gender,
    group_entities,
    head_of,
    is_city,
    verb_of,
)
from newsgraph.extract.quote_words import (
    GOVERNMENT_NOUNS,
    MEDIA_NAME_WORDS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
)
from newsgraph.records import AnalysedArticle, Entity, Mention

__all__ = [
    "PRONOUNS",
    "Resolution",
    "Resolver",
    "entity_gender",
    "group_entities",
    "shared_resolver",
]

# Nouns that may refer to a person or a body (built once, not per token).
_NOMINAL_NOUNS = PERSON_NOUNS | ORG_NOUNS
# People who speak for someone else: "the president's spokesman" is not the
# president, and nobody the article names unless an appositive says so.
_PROXY_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer",
     "attorney", "deputy", "representative"}
)  # fmt: skip


class Resolver(MentionParse):
    """Resolve spans of one analysed article to its entities.

    Build once per article (it walks the article once); then call
    :meth:`resolve` for any token span.
    """

    def __init__(self, doc: AnalysedArticle) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        entities, mapping = self._link_entities(doc)
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._starts = [t.start for t in self.tokens]
        # Dependents of each token, in order (the parse is within a sentence).
        self._kids: list[list[int]] = [[] for _ in self.tokens]
        for tok in self.tokens:
            head = tok.head
            if (
                head != tok.i
                and 0 <= head < len(self.tokens)
                and self.tokens[head].sent == tok.sent
            ):
                self._kids[head].append(tok.i)
        self._mention_of_token: dict[int, Mention] = {}
        self._entity_of_mention: dict[str, str] = mapping
        for mention in doc.mentions:
            if mention.id not in mapping:
                continue
            for i in self._token_range(mention.start, mention.end):
                self._mention_of_token[i] = mention
        self.words: dict[str, set[str]] = {eid: set() for eid in self.entities}
        for ent in entities:
            for role in (*ent.roles, *([ent.role] if ent.role else [])):
                self.words[ent.id].update(role.lower().split())
        self.gender: dict[str, str | None] = {}
        self.refs: list[Ref] = []
        self._resolved: dict[int, Resolution] = {}
        self._walk()

    # -- setup ------------------------------------------------------------

    @staticmethod
    def _link_entities(doc: AnalysedArticle) -> tuple[tuple[Entity, ...], dict[str, str]]:
        """Return entities and mention id -> entity id, falling back to grouping."""
        if not doc.entities:
            return group_entities(doc)
        mapping = {m.id: m.entity_id for m in doc.mentions if m.entity_id}
        names: dict[str, str] = {}
        for ent in doc.entities:
            for alias in (ent.name, *ent.aliases):
                names.setdefault(alias.casefold(), ent.id)
        for mention in doc.mentions:
            if mention.id not in mapping and mention.type in NAME_TYPES:
                eid = names.get(clean_name(mention.text).casefold())
                if eid is not None:
                    mapping[mention.id] = eid
        return doc.entities, mapping

    # -- the left-to-right pass -------------------------------------------

    def _walk(self) -> None:
        """Resolve names, pronouns and nominals in reading order, building salience."""
        toks = self.tokens
        pending: list[int] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            mention = self._mention_of_token.get(i)
            if mention is not None:
                r = self._token_range(mention.start, mention.end)
                head = head_of(toks, r.start, r.stop)
                eid = self._entity_of_mention[mention.id]
                ent = self.entities[eid]
                self.words[eid] |= self._intro_words(head)
                self._counterpart(head, eid)
                if ent.type == "PERSON" and eid not in self.gender:
                    self.gender[eid] = entity_gender(ent.name, sorted(self.words[eid]))
                self._add(head, eid)
                i = max(r.stop, i + 1)
                continue
            low = tok.text.lower()
            if tok.pos == "PRON" and low in PRONOUNS:
                res = self._resolve_pronoun(i)
                self._resolved[i] = res
                if res.entity_id:
                    self._add(i, res.entity_id)
            elif (
                tok.pos in {"NOUN", "PROPN"}
                and tok.lemma.lower() in _NOMINAL_NOUNS
                # not a noun modifying another ("spokesman" in "spokesman X")
                and (toks[i].head == i or tok.dep not in {"compound", "amod", "nmod"})
                and self._named_by(i) is None
            ):
                res = self._resolve_nominal(i)
                self._resolved[i] = res
                if res.entity_id:
                    self._add(i, res.entity_id)
                else:
                    pending.append(i)
            i += 1
        for i in pending:
            self._resolved[i] = self._resolve_forward(i)

    def _named_by(self, i: int) -> str | None:
        """Return the entity a role noun is named by ("the chief of staff, X"; "X's envoy, Y")."""
        toks = self.tokens
        for child in self._kids[i]:
            if (
                toks[child].dep in {"appos", "compound", "flat", "nmod"}
                and child in self._mention_of_token
            ):
                mention = self._mention_of_token[child]
                eid = self._entity_of_mention[mention.id]
                etype = self.entities[eid].type
                if (
                    (etype == "PERSON" and toks[child].dep != "nmod")
                    or toks[child].dep == "appos"
                    or (
                        etype == "ORG"
                        and toks[child].dep in {"nmod", "compound"}
                        and toks[i].lemma.lower() in ORG_NOUNS
                    )
                ):
                    # "the Sons of Peru party", "the Daily Post newspaper": that organisation
                    return eid
        # "Chief of the General Staff X": the name closes the title phrase.
        j = i + 1
        while j < len(toks) and j < i + 8 and toks[j].sent == toks[i].sent:
            if toks[j].pos not in {"PROPN", "ADP", "DET", "NOUN"}:
                break
            found = self._mention_of_token.get(j)
            if found is not None:
                eid = self._entity_of_mention[found.id]
                if self.entities[eid].type == "PERSON":
                    return eid
            j += 1
        return None

    def _add(self, head: int, eid: str) -> None:
        tok = self.tokens[head]
        # "Chile's top general, X, said": an appositive name takes the
        # role of the noun it renames; "his counterpart, X" stays an object.
        role = self.tokens[tok.head] if tok.dep == "appos" else tok
        self.refs.append(
            Ref(
                head=head,
                entity_id=eid,
                sent=tok.sent,
                subject=role.dep in SUBJECT_DEPS,
                appositive=tok.dep == "appos" and role.dep not in SUBJECT_DEPS,
                verb=verb_of(self.tokens, role.i),
            )
        )

    def _counterpart(self, head: int, eid: str) -> None:
        """Give "his Russian counterpart, X" the role of the possessor's entity."""
        toks = self.tokens
        if toks[head].dep != "appos":
            return
        noun = toks[head].head
        if toks[noun].lemma.lower() != "counterpart":
            return
        subject = next((r for r in reversed(self.refs) if r.subject and r.entity_id != eid), None)
        if subject is not None:
            self.words[eid] |= {w for w in self.words[subject.entity_id] if w in PERSON_NOUNS}

    # -- scoring ------------------------------------------------------------

    def _compatible(self, eid: str, pronoun: str) -> bool:
        ent = self.entities[eid]
        if pronoun in MALE_PRONOUNS or pronoun in FEMALE_PRONOUNS:
            if ent.type != "PERSON":
                return False
            gender = self.gender.get(eid)
            want = "m" if pronoun in MALE_PRONOUNS else "f"
            return gender is None or gender == want
        if pronoun in NEUTER_PRONOUNS:
            return ent.type in ORG_TYPES
        return ent.type in ORG_TYPES  # they/them: organisations, governments, peoples

    def _score(self, ref: Ref, at: int, sent: int) -> float:
        toks = self.tokens
        distance = sent - ref.sent
        score = -1.0 * distance
        if ref.subject:
            score += 2.0
        if ref.appositive:
            score -= 3.0
        if distance == 0:
            score += 0.5
        if self._paragraph(ref.head) != self._paragraph(at):
            score -= 0.5
        if toks[ref.head].dep in {"pobj", "poss"}:
            score -= 0.5
        return score

    def _paragraph(self, i: int) -> int:
        # Sentences never cross lines; a line break before a token starts a paragraph.
        return self._paragraphs[self.tokens[i].sent]

    @functools.cached_property
    def _paragraphs(self) -> list[int]:
        text = self.doc.article.text
        out: list[int] = []
        para = 0
        prev_end = 0
        for sent in self.doc.sentences:
            if "\n" in text[prev_end : sent.start]:
                para += 1
            out.append(para)
            prev_end = sent.end
        return out

    def _candidates(self, at: int, window: int = 4) -> list[Ref]:
        sent = self.tokens[at].sent
        # refs grow in reading order, so their sentences never decrease:
        # walk back from the newest and stop past the window.
        out: list[Ref] = []
        for r in reversed(self.refs):
            if sent - r.sent > window:
                break
            if r.head < at:
                out.append(r)
        out.reverse()
        return out

    def _best(self, scored: list[tuple[float, Ref]]) -> tuple[float, Ref] | None:
        if not scored:
            return None
        # Per entity, keep its best reference; ties go to the most recent.
        return max(scored, key=lambda s: (s[0], s[1].head))

    def _resolve_pronoun(self, i: int) -> Resolution:
        toks = self.tokens
        low = toks[i].text.lower()
        verb = verb_of(toks, i)
        # A personal pronoun never binds another argument of its own verb
        # ("Vidal asked him"); possessives and reflexives may.
        is_subject = toks[i].dep in SUBJECT_DEPS or (
            toks[i].dep in {"dobj", "dative", "pobj"} and low in {"him", "her", "them", "it"}
        )
        scored: list[tuple[float, Ref]] = []
        for ref in self._candidates(i):
            if not self._compatible(ref.entity_id, low):
                continue
            if is_subject and ref.verb == verb and ref.sent == toks[i].sent:
                continue  # "X told him": a subject never binds its own co-argument
            score = self._score(ref, i, toks[i].sent)
            if low in MALE_PRONOUNS | FEMALE_PRONOUNS and self.gender.get(ref.entity_id):
                score += 0.5
            scored.append((score, ref))
        best = self._best(scored)
        if best is None:
            return Resolution(None, None, 0.0, "unresolved")
        conf = max(0.4, min(0.9, 0.7 + 0.05 * best[0]))
        ent = self.entities[best[1].entity_id]
        return Resolution(ent.id, ent.name, round(conf, 3), "pronoun")

    def _resolve_nominal(self, i: int) -> Resolution:
        toks = self.tokens
        head = toks[i]
        lemma = head.lemma.lower()
        if not self._definite(i):
            return Resolution(None, None, 0.0, "unresolved")
        # "the president's spokesman": only someone introduced as a spokesman.
        proxy = lemma in _PROXY_NOUNS and any(toks[c].dep == "poss" for c in self._kids[i])
        mods = {
            toks[c].text.lower()
            for c in self._kids[i]
            if toks[c].dep in {"amod", "compound", "nmod", "poss"}
        } | {
            toks[j].text.lower()
            for c in self._kids[i]
            if toks[c].dep == "poss"
            for j in self._subtree(c)
        }
        person = lemma in PERSON_NOUNS
        own = self._named_inside(i)
        subjects: dict[str, int] = {}
        for ref in self._candidates(i, window=12):
            if ref.subject:
                subjects[ref.entity_id] = subjects.get(ref.entity_id, 0) + 1
        scored: list[tuple[float, Ref]] = []
        for ref in reversed(self._candidates(i, window=12)):
            ent = self.entities[ref.entity_id]
            if (person and ent.type != "PERSON") or (not person and ent.type not in ORG_TYPES):
                continue
            if ref.entity_id in own:
                continue  # "Chile's governing party" is not Chile
            if not person and ent.type in GPE_TYPES and (own or is_city(ent.name)):
                # "Mali's army" is nobody else's; "the army" is no town's.
                continue
            score = self._score(ref, i, head.sent) * 0.3
            # The article's recurring subject is the likeliest referent of a
            # description nobody was introduced with ("the three-time candidate").
            score += 0.4 * min(subjects.get(ref.entity_id, 0), 4)
            if not person and lemma not in GOVERNMENT_NOUNS and ent.type != "ORG":
                continue  # "the party", "the newspaper" name organisations
            words = self.words[ent.id] | {w.lower() for w in ent.name.split()}
            if proxy and lemma not in words and head.text.lower() not in words:
                continue
            if lemma in words or head.text.lower() in words:
                score += 3.0
            elif lemma in MEDIA_NOUNS and words & MEDIA_NAME_WORDS:
                score += 3.0  # "the newspaper" after "the Daily Herald reported"
            overlap = mods & words
            score += 1.5 * len(overlap)
            if mods - words and not overlap:
                score -= 2.0  # "the Chilean president" is not the Peruvian one
            scored.append((score, ref))
        best = self._best(scored)
        if best is None:
            return Resolution(None, None, 0.0, "unresolved")
        ent = self.entities[best[1].entity_id]
        conf = max(0.35, min(0.85, 0.55 + 0.08 * best[0]))
        return Resolution(ent.id, ent.name, round(conf, 3), "nominal")

    def _resolve_forward(self, i: int) -> Resolution:
        """Resolve a definite nominal that nothing before it matches to a name after it.

        "Chile's governing party has proposed …, in a letter from the Vanguard
        party": the rest of the sentence, and for a headline or standfirst
        (the article's first paragraph) the next paragraph, may name the
        referent; only an entity introduced with the same head noun (or an
        outlet, for "the newspaper") is taken.
        """
        toks = self.tokens
        head = toks[i]
        lemma = head.lemma.lower()
        unresolved = Resolution(None, None, 0.0, "unresolved")
        if not self._definite(i):
            return unresolved
        # Only a proper modifier contradicts ("the Chilean president" is not
        # the Peruvian one); "ruling", "right-wing" describe without naming.
        mods = {
            toks[c].text.lower()
            for c in self._kids[i]
            if toks[c].dep in {"amod", "compound", "nmod"}
            and toks[c].pos != "PROPN"
            and toks[c].text[:1].isupper()
        }
        own = self._named_inside(i)
        person = lemma in PERSON_NOUNS
        para = self._paragraph(i)
        people_seen = 0
        for j in range(i + 1, len(toks)):
            same_sentence = toks[j].sent == head.sent
            if not same_sentence and not (para == 0 and self._paragraph(j) <= 1):
                break
            mention = self._mention_of_token.get(j)
            if mention is None:
                continue
            eid = self._entity_of_mention[mention.id]
            ent = self.entities[eid]
            if eid in own or (person and ent.type != "PERSON"):
                continue
            if not person and ent.type not in ORG_TYPES:
                continue
            words = self.words[eid] | {w.lower() for w in ent.name.split()}
            media = lemma in MEDIA_NOUNS and bool(words & MEDIA_NAME_WORDS)
            # A headline's "the Peruvian minister" is the person the body opens
            # with as a subject, when the demonym agrees ("Peru's X").
            lead = (
                person
                and para == 0
                and self._paragraph(j) == 1
                and people_seen == 0
                and any(
                    toks[k].dep in SUBJECT_DEPS
                    for k in self._token_range(mention.start, mention.end)
                )
            )
            people_seen += int(ent.type == "PERSON")
            agrees = not mods or any(m[:4] == w[:4] for m in mods for w in words)
            if not (lemma in words or media or lead) or not agrees:
                continue
            return Resolution(ent.id, ent.name, 0.6, "nominal")
        return unresolved

    # -- public -------------------------------------------------------------

    def resolve(self, start: int, end: int) -> Resolution:
        """Resolve the token span ``[start, end)`` to an entity of the article."""
        toks = self.tokens
        if not 0 <= start < end <= len(toks):
            return Resolution(None, None, 0.0, "unresolved")
        head = head_of(toks, start, end)
        role_noun = head not in self._mention_of_token and toks[head].lemma.lower() in (
            _NOMINAL_NOUNS
        )
        if role_noun and self._untagged_name(head):
            return Resolution(None, None, 0.0, "unresolved")
        if role_noun:
            # "the ministry spokesman": the head decides, not the name inside.
            named = self._named_by(head)
            if named is not None:
                ent = self.entities[named]
                return Resolution(ent.id, ent.name, 0.95, "name")
            if head in self._resolved and self._resolved[head].entity_id is not None:
                return self._resolved[head]
        for i in (head, *range(start, end)):
            mention = self._mention_of_token.get(i)
            if mention is not None and not role_noun and self._covers_name(mention, start, end):
                ent = self.entities[self._entity_of_mention[mention.id]]
                method = "metonym" if ent.type in GPE_TYPES else "name"
                return Resolution(ent.id, ent.name, 0.95, method)
        if head in self._resolved:
            return self._resolved[head]
        tok = toks[head]
        if tok.pos == "PROPN":
            surname = tok.text.casefold()
            for ent in self.entities.values():
                if ent.type == "PERSON" and ent.name.casefold().split()[-1] == surname:
                    return Resolution(ent.id, ent.name, 0.8, "surname")
        if tok.text.lower() in PRONOUNS:
            return self._resolve_pronoun(head)
        if tok.lemma.lower() in _NOMINAL_NOUNS:
            return self._resolve_nominal(head)
        return Resolution(None, None, 0.0, "unresolved")

    def entities_in(self, start: int, end: int) -> list[str]:
        """Return ids of entities named in character span ``[start, end)``, in order."""
        out: list[str] = []
        for mention in self.doc.mentions:
            if start <= mention.start and mention.end <= end:
                eid = self._entity_of_mention.get(mention.id)
                if eid and eid not in out:
                    out.append(eid)
        return out


# Resolvers shared_resolver built, newest last, by id(doc.tokens). At most
# 64 (~0.23 MB each, measured) outlive their batch.
_SHARED: OrderedDict[int, Resolver] = OrderedDict()


def shared_resolver(doc: AnalysedArticle) -> Resolver:
    """Return a resolver of ``doc``, built once for all the stages that ask.

    The quotes and events stages both resolve, and the events stage's
    article differs only in fields a resolver never reads. A resolver is
    reused only for the very same tokens, mentions, entities, sentences and
    article objects (it holds them, so their ids stay taken), and it is
    read-only once built, so sharing changes no result.
    """
    hit = _SHARED.get(id(doc.tokens))
    fields = ("tokens", "mentions", "entities", "sentences", "article")
    if hit is not None and all(getattr(hit.doc, f) is getattr(doc, f) for f in fields):
        return hit
    resolver = Resolver(doc)
    _SHARED.pop(id(doc.tokens), None)  # a stale entry goes; the new one is newest
    _SHARED[id(doc.tokens)] = resolver
    if len(_SHARED) > 64:
        _SHARED.popitem(last=False)
    return resolver
