"""Cue rules of the quotations stage, round 2, on sentences we write (#3)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.attribution import find_cues
from newsgraph.extract.attribution_lines import dash_cue

from tests.builders import parsed_tokens
from tests.quoting import analyse, find
from tests.quoting import speaker_written as mention

pytestmark = [pytest.mark.slow, pytest.mark.issue(3)]


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("The plan, an aide said, is to hold the vote in March.", "an aide", "hold the vote"),
        ("The visit, they said, raised new worries about the talks.", "they", "new worries"),
    ],
)
def test_a_cue_between_commas_before_the_main_verb(
    spacy_stage: Any, text: str, speaker: str, words: str
) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, words)
    assert (quote.kind, quote.cue_lemma, mention(doc, quote)) == ("indirect", "say", speaker)
    assert quote.text.startswith("The ")  # the words before the cue belong to the content


def test_inverted_cue_with_the_name_after_it_and_a_split_quotation(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage,
        '"The risk," said Marta Lind, an economist who runs a research group, "is that prices '
        'keep rising."',
    )
    first, second = find(doc, "The risk"), find(doc, "prices keep rising")
    assert first.speaker == second.speaker == "Marta Lind"
    assert first.kind == second.kind == "direct"


def test_a_quotation_after_a_copula_describes_and_is_not_said(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "The mayor is a “true believer” in the project.")
    assert doc.quotes == ()


def test_objects_of_add_and_pledge_are_not_what_was_said(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage,
        "The party added 30 seats in the vote. Delegates pledged their support to the mayor.",
    )
    assert not [q for q in doc.quotes if q.cue_lemma in {"add", "pledge"}]


@pytest.mark.parametrize(
    "text",
    [
        "The Swedish Academy is due to announce a laureate on Monday.",
        "Senator Ines Marr is expected to criticise the budget in a speech.",
        "The agency will announce the results next week.",
    ],
)
def test_an_act_still_to_come_says_nothing_yet(spacy_stage: Any, text: str) -> None:
    doc = analyse(spacy_stage, text)
    assert doc.quotes == (), doc.quotes


def test_the_same_object_once_said_is_a_quotation(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Senator Ines Marr criticised the budget in a speech.")
    assert find(doc, "the budget").cue_lemma == "criticise"


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "words"),
    [
        ("The council also “strongly condemns the reckless conduct of the mayor” today.",
         "The council", "condemn", "condemns the reckless conduct"),
        ("The statement “urges all parties to return to the table without conditions.”",
         "The statement", "urge", "urges all parties"),
        ("The board met on Monday. It also “firmly condemns the conduct of the mayor” of the "
         "port town.", "It", "condemn", "condemns the conduct"),
    ],
)  # fmt: skip
def test_a_quotation_that_opens_with_its_own_verb(
    spacy_stage: Any, text: str, speaker: str, cue: str, words: str
) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, words)
    assert (quote.kind, quote.cue_lemma, mention(doc, quote)) == ("mixed", cue, speaker)


def test_a_quoted_noun_phrase_object_is_mixed_and_a_quoted_clause_direct(
    spacy_stage: Any,
) -> None:
    doc = analyse(
        spacy_stage,
        "The Chilean president expressed “gratitude for the quick help from Peru.” "
        "Marta Lind said “the border will stay open.”",
    )
    assert find(doc, "gratitude for the quick help").kind == "mixed"
    assert find(doc, "the border will stay open").kind == "direct"


def test_a_share_before_a_quoted_answer_is_no_speaker(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Among the young, 41% “strongly agree” with the plan.")
    assert not [q for q in doc.quotes if q.cue_lemma == "agree"]


def test_a_standfirst_verb_tagged_as_a_noun(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Bus fares could rise by a third next year, the broadcaster reports")
    quote = find(doc, "fares could rise")
    assert (quote.cue_lemma, mention(doc, quote)) == ("report", "the broadcaster")


def test_a_headline_cue_parsed_as_a_subject_and_its_speaker_named_below(
    spacy_stage: Any,
) -> None:
    doc = analyse(
        spacy_stage,
        "The Peruvian minister claims raising tariffs is a “smart” move for the economy\n"
        "Peru’s Finance Minister Carlos Benali has defended the budget in parliament.",
    )
    quote = find(doc, "raising tariffs is a")
    assert (quote.kind, quote.cue_lemma) == ("mixed", "claim")
    assert mention(doc, quote) == "The Peruvian minister"
    assert quote.speaker == "Carlos Benali" and quote.speaker_entity_id is not None


def test_a_participle_after_an_adjective_of_stance_belongs_to_its_holder(
    spacy_stage: Any,
) -> None:
    doc = analyse(
        spacy_stage,
        "Economists are sceptical that the plan will pass, citing its cost.",
    )
    quote = find(doc, "its cost")
    assert (quote.cue_lemma, mention(doc, quote)) == ("cite", "Economists")


def test_called_on_someone_to_act_keeps_the_infinitive(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage,
        "Marta Lind has called on the board to cut fees or step aside.",
    )
    quote = find(doc, "cut fees")
    assert (quote.speaker, quote.cue_lemma) == ("Marta Lind", "call")
    assert quote.text.endswith("or step aside")


def test_of_two_subjects_in_a_bad_parse_the_one_before_the_cue_speaks() -> None:
    # "Farmers sell more, she said." as the parser sometimes leaves it: the
    # fronted clause's subject also hangs on the cue as a second subject.
    rows = [
        ("Farmers", "farmer", "NOUN", "NNS", "nsubj", 5),
        ("sell", "sell", "VERB", "VBP", "advcl", 5),
        ("more", "more", "ADV", "RBR", "advmod", 1),
        (",", ",", "PUNCT", ",", "punct", 5),
        ("she", "she", "PRON", "PRP", "nsubj", 5),
        ("said", "say", "VERB", "VBD", "ROOT", 5),
        (".", ".", "PUNCT", ".", "punct", 5),
    ]
    tokens = parsed_tokens(rows)
    cue = next(c for c in find_cues(tokens) if c.lemma == "say")
    assert cue.speaker == (4, 5)


def test_quotations_signed_with_a_dash_each_take_their_own_signer(spacy_stage: Any) -> None:
    # Reader comments and pull quotes: one quotation per line, signed "― Name".
    text = (
        "Readers wrote in about the new bridge.\n\n"
        "“It took ten years and it was worth the wait. I cross it every morning.” ― Nadia Ferrer\n"
        "”The tolls are far too high for the families who live nearby.”\u00a0―\u00a0Tomas Quell.\n"
        "“We were never asked what we wanted, and now we have to live with it.” — Ruth Amsel, 52\n"
    )
    doc = analyse(spacy_stage, text)
    for words, signer in [
        ("worth the wait", "Nadia Ferrer"),
        ("tolls are far too high", "Tomas Quell"),
        ("never asked", "Ruth Amsel"),
    ]:
        quote = find(doc, words)
        assert (quote.kind, quote.speaker) == ("direct", signer), quote


@pytest.mark.parametrize(
    ("tail", "signer"),
    [
        (" — Ruth Amsel\n", "Ruth Amsel"),
        (" ― Ruth Amsel, a teacher\n", "Ruth Amsel"),
        (" — and then the talks stopped.\n", None),  # no name: a dash in a sentence
        (" — Ruth Amsel's husband disagreed.\n", None),  # the name does not end the line
    ],
)
def test_a_dash_signs_a_quotation_only_with_a_name_ending_the_line(
    spacy_stage: Any, tail: str, signer: str | None
) -> None:
    text = "“We have to be patient and keep talking to everyone.”" + tail
    doc = analyse(spacy_stage, text)
    cue = dash_cue(doc.tokens, text, text.index("”") + 1)
    named = None if cue is None or cue.speaker is None else cue.speaker
    got = None if named is None else text[doc.tokens[named[0]].start : doc.tokens[named[1] - 1].end]
    assert got == signer


def test_the_name_of_a_show_makes_no_quotation(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage, "The minister told the radio program “Morning With Ana” that rents would fall."
    )
    quote = find(doc, "rents would fall")
    assert quote.kind == "indirect"
    assert all("Morning With Ana" not in q.text for q in doc.quotes if q.kind != "indirect")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # The parser ends the sentence at the question mark; the cue follows.
        ("“Are you winning?” she asked, but Tom was already asleep.", "Are you winning", "she"),
        # The parser gives "said" two subjects and picks the quoted one.
        (
            "“The team is in survival mode. Total survival mode,” said Rosa Imbert, a Lyon-based "
            "chair of the Women Voters Caucus.",
            "Total survival mode",
            "Rosa Imbert",
        ),
    ],
)
def test_a_direct_quote_whose_cue_the_parser_split_off(
    spacy_stage: Any, text: str, words: str, speaker: str
) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, words)
    assert (quote.kind, mention(doc, quote)) == ("direct", speaker)


def test_a_line_opening_with_a_name_and_a_colon_is_that_speaker_s(spacy_stage: Any) -> None:
    text = (
        "Ana Ruiz: The Budget Deal Is Dead And Voters Know It\n\n"
        "The senator spoke on Monday in the capital.\n\n"
        "HOLM: Well, we will see what the committee decides.\n\n"
        "UPDATE: The vote was moved to Friday.\n\n"
        "Iowa: Record Crowds Fill The State Fair Grounds Again\n"
    )
    doc = analyse(spacy_stage, text)
    headline, transcript = find(doc, "Budget Deal Is Dead"), find(doc, "committee decides")
    assert (headline.kind, headline.speaker) == ("indirect", "Ana Ruiz")
    assert (transcript.kind, transcript.speaker) == ("indirect", "HOLM")
    # An editorial label and a place are no speakers.
    assert not [q for q in doc.quotes if "Friday" in q.text or "Record Crowds" in q.text]


def test_a_clause_subject_misread_as_the_cue_s_object_is_content() -> None:
    # "Talks stalled, with ministers warning the alliance has become a risk."
    # as the parser leaves it: "alliance" the object of "warning", "become" a
    # conjunct of the main verb.
    rows = [
        ("Talks", "talk", "NOUN", "NNS", "nsubj", 1),
        ("stalled", "stall", "VERB", "VBD", "ROOT", 1),
        (",", ",", "PUNCT", ",", "punct", 1),
        ("with", "with", "ADP", "IN", "prep", 1),
        ("ministers", "minister", "NOUN", "NNS", "nsubj", 5),
        ("warning", "warn", "VERB", "VBG", "pcomp", 3),
        ("the", "the", "DET", "DT", "det", 7),
        ("alliance", "alliance", "NOUN", "NN", "dobj", 5),
        ("has", "have", "AUX", "VBZ", "aux", 9),
        ("become", "become", "VERB", "VBN", "conj", 1),
        ("a", "a", "DET", "DT", "det", 11),
        ("risk", "risk", "NOUN", "NN", "attr", 9),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    cue = next(c for c in find_cues(parsed_tokens(rows)) if c.lemma == "warn")
    assert (cue.speaker, cue.content, cue.addressee) == ((4, 5), (6, 12), None)


def test_a_clause_subject_misread_as_an_object_in_a_full_sentence(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage,
        "The treaty has drawn criticism, with ministers warning the alliance has become "
        "“a bigger risk” to the region than the rebels.",
    )
    quote = find(doc, "the alliance has become")
    assert (quote.kind, quote.cue_lemma, mention(doc, quote)) == ("mixed", "warn", "ministers")
    assert quote.addressee is None


def test_the_object_of_point_to_is_what_was_said_not_an_addressee(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage, "The agency rejected the findings and pointed to flaws in the survey."
    )
    quote = find(doc, "flaws in the survey")
    assert (quote.cue_lemma, quote.addressee) == ("point", None)
