"""Stance statements against the hand-coded seed gold, named hard cases, unseen text and bad input.

The gold (tests/gold/seed_stance.csv) was written by reading the article before the rules existed.
The floors sit a little under what the rules measured on the seed with the package's own mentions
and quotes, so a regression fails and noise in other stages does not.
"""

from pathlib import Path

import pandas as pd
import pytest

from hwresearch import Codebook, InputError, extract_quotes, load_article, stakeholder_positions, stance_statements
from hwresearch.evaluate import read_stance_gold, score_stance, stance_agreement
from hwresearch.stance import ARTICLE_HOLDER, COLUMNS, issue_ids, sentence_comparison

GOLD = Path(__file__).parent / "gold" / "seed_stance.csv"

UNSEEN = """Regulators in Brussels accused Globex of hiding losses from investors. Globex has denied the allegations.

Senator Jane Smith said lawmakers should ban Globex from public contracts. The senator is also concerned about Initech's ties to Globex.

Initech said it would be willing to share its accounts with auditors."""


@pytest.fixture(scope="module")
def statements(seed):
    return stance_statements(seed)


@pytest.fixture(scope="module")
def gold(seed):
    return read_stance_gold(GOLD, seed)


def _in_sentence(statements, seed, fragment):
    sent_id = int(seed.sentences.loc[seed.sentences["text"].str.contains(fragment, regex=False), "sent_id"].iloc[0])
    return statements[statements["sent_id"] == sent_id]


def _has(rows, holder, target, polarity):
    return ((rows["holder"] == holder) & (rows["target"] == target) & (rows["polarity"] == polarity)).any()


def _label(issue_id):
    return {v: k for k, v in issue_ids().items()}[issue_id]


def test_columns_and_types(statements):
    assert list(statements.columns) == COLUMNS
    assert set(statements["polarity"]) <= {"favor", "against", "neutral"}
    assert set(statements["target_kind"]) <= {"issue", "entity"}
    assert statements["confidence"].between(0, 1).all()
    assert statements["method"].str.match(r"rule:\w+|sentiment").all()


def test_offsets_slice_back_to_the_evidence(seed, statements):
    assert len(statements)
    for row in statements.itertuples():
        assert seed.text[row.start : row.end] == row.evidence
        assert seed.sentence_at(row.start) == row.sent_id


def test_precision_and_recall_against_the_gold(statements, gold):
    score = score_stance(statements, gold)
    assert score["gold"] == 30
    assert score["precision"] >= 0.85, score
    assert score["recall"] >= 0.85, score


def test_washington_maintains_a_claim_huawei_has_denied(seed, statements):
    rows = _in_sentence(statements, seed, "a claim Huawei has denied")
    assert _has(rows, "US government", "Huawei", "against")
    assert _has(rows, "US government", _label("huawei_security_threat"), "favor")
    assert _has(rows, "Huawei", _label("huawei_security_threat"), "against")
    denial = rows[(rows["holder"] == "Huawei") & (rows["target_kind"] == "issue")].iloc[0]
    assert denial["method"] == "rule:deny"
    assert "denied" in denial["evidence"]


def test_accused_of_being_a_threat_holder_is_the_accuser_not_the_subject(seed, statements):
    """'Huawei has faced pressure from the U.S. government which has accused it ...': the U.S. holds."""
    rows = _in_sentence(statements, seed, "accused it of being")
    assert _has(rows, "US government", "Huawei", "against")
    assert _has(rows, "US government", _label("huawei_security_threat"), "favor")
    assert not (rows["holder"] == "Huawei").any()


def test_an_offer_still_on_the_table_is_favor(seed, statements):
    headline = _in_sentence(statements, seed, "Huawei's offer to license 5G tech")
    assert _has(headline, "Huawei", _label("license_offer"), "favor")
    assert not (headline["holder"] == ARTICLE_HOLDER).any(), "the licence in the headline is Huawei's, not the article's"
    quoted = _in_sentence(statements, seed, "Huawei says it's still")
    assert _has(quoted, "Huawei", _label("license_offer"), "favor")


def test_a_negated_subject_is_no_holder(seed, statements):
    rows = _in_sentence(statements, seed, "No U.S. firm has taken up that offer")
    assert list(rows["holder"]) == [ARTICLE_HOLDER]
    assert list(rows["polarity"]) == ["neutral"]


def test_the_speaker_of_a_reported_suggestion_holds_it(seed, statements):
    """Barr suggested that the U.S. should take stakes: Barr holds it, the U.S. is only its subject."""
    rows = _in_sentence(statements, seed, "William Barr recently suggested")
    assert _has(rows, "William Barr", "Huawei", "against")
    assert _has(rows, "William Barr", _label("stakes_in_competitors"), "favor")
    assert not (rows["holder"] == "US government").any()


@pytest.mark.parametrize(
    "fragment, holder, method",
    [
        ("pressuring allied countries to ban Huawei", "Trump administration", "rule:ban"),
        ("a strategy to stop Huawei's continued growth", "US government", "rule:stop"),
        ("The U.S. is concerned about Huawei's ties", "US government", "rule:concern"),
        ("invest in rivals to Huawei", "Bipartisan senators", "rule:fund_rivals"),
        ("added Huawei and its affiliates to a blacklist", "US government", "rule:ban"),
    ],
)
def test_moves_against_huawei(seed, statements, fragment, holder, method):
    rows = _in_sentence(statements, seed, fragment)
    hit = rows[(rows["holder"] == holder) & (rows["target"] == "Huawei")]
    assert list(hit["polarity"]) == ["against"]
    assert list(hit["method"]) == [method]


def test_competition_is_not_a_stance(seed, statements):
    rows = _in_sentence(statements, seed, "compete with Huawei in 5G networks")
    assert _has(rows, ARTICLE_HOLDER, "Huawei", "neutral")


def test_rules_agree_with_the_gold_and_sentiment_does_not(seed, statements, gold):
    kappa = stance_agreement(seed, gold, statements=statements).set_index("method")["kappa"]
    assert kappa["stance rules"] >= 0.8
    assert kappa["VADER (sentence)"] < 0.3
    assert kappa["target sentiment"] < 0.3


def test_sentence_comparison_puts_sentiment_beside_stance(seed, statements):
    table = sentence_comparison(seed, statements=statements)
    assert list(table["sent_id"]) == list(seed.sentences["sent_id"])
    row = table[table["sentence"].str.contains("stop Huawei's continued growth", regex=False)].iloc[0]
    assert (row["target"], row["stance"], row["holder"]) == ("Huawei", "against", "US government")
    assert set(table["vader"]) <= {"positive", "neutral", "negative"}


def test_unseen_article_with_an_empty_codebook():
    article = load_article(UNSEEN)
    rows = stance_statements(article, Codebook.empty())
    assert set(rows["target_kind"]) == {"entity"}
    accusation = rows[rows["method"] == "rule:accuse"]
    assert list(accusation["target"]) == ["Globex"] and list(accusation["polarity"]) == ["against"]
    ban = rows[rows["method"] == "rule:ban"]
    assert list(ban["target"]) == ["Globex"] and ban["holder"].str.contains("Jane Smith").all()
    assert (rows[rows["method"] == "rule:concern"]["target"] == "Initech").all()
    for row in rows.itertuples():
        assert article.text[row.start : row.end] == row.evidence


def test_plain_text_without_actors_gives_an_empty_table():
    rows = stance_statements("The weather was mild. Rain is expected on Friday.", Codebook.empty())
    assert list(rows.columns) == COLUMNS and rows.empty


@pytest.mark.parametrize("bad", [123, b"bytes", "", "   \n"])
def test_bad_input_raises_input_error(bad):
    with pytest.raises(InputError):
        stance_statements(bad)


def test_bad_codebook_and_gold_raise_input_error(seed):
    with pytest.raises(InputError):
        stance_statements(seed, codebook="codebook.toml")
    with pytest.raises(InputError):
        read_stance_gold(pd.DataFrame({"sentence": ["Huawei"], "holder": ["x"], "target": ["y"], "polarity": ["favor"]}), seed)
    with pytest.raises(InputError):
        read_stance_gold(pd.DataFrame({"sentence": ["Ren told CNBC"], "holder": ["x"], "target": ["y"], "polarity": ["pro"]}), seed)


def test_cli_stance_csv(cli):
    done = cli("stance", "--format", "csv")
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert header.split(",") == COLUMNS
    assert "rule:deny" in done.stdout


GENERIC = """Globex was criticised by regulators in Brussels. Senator Jane Smith did not support Initech.
The mayor Tom Lee praised Initech last week. Lee's criticism of Globex grew sharper.
Investors are critical of Globex. "We are deeply grateful to Initech, a wonderful partner," Ann Ray said."""


@pytest.fixture(scope="module")
def generic():
    article = load_article(GENERIC)
    return article, stance_statements(article, Codebook.empty())


@pytest.mark.parametrize(
    "fragment, holder_word, target, polarity, method",
    [
        ("Globex was criticised by regulators", "regulators", "Globex", "against", "rule:verb"),  # passive: the by-agent holds
        ("did not support Initech", "Jane Smith", "Initech", "against", "rule:verb"),  # negation turns it around
        ("praised Initech", "Tom Lee", "Initech", "favor", "rule:verb"),
        ("criticism of Globex", "Lee", "Globex", "against", "rule:noun"),  # the possessor holds
        ("critical of Globex", "Investors", "Globex", "against", "rule:adjective"),
        ("deeply grateful to Initech", "Ann Ray", "Initech", "favor", "rule:adjective"),  # "we" in a quote is its speaker
    ],
)
def test_opinion_predicates_link_holder_and_target(generic, fragment, holder_word, target, polarity, method):
    article, rows = generic
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & (rows["target"] == target) & rows["holder"].str.contains(holder_word, case=False)]
    assert list(here["polarity"]) == [polarity], rows.to_string()
    assert list(here["method"]) == [method]


WANTS = """Senator Jane Smith called for new sanctions on Globex. Dock workers voted against the merger.
Senator Tom Lee wants new investors next year. The mayor Ann Ray called Globex on Monday."""


@pytest.mark.parametrize(
    "fragment, holder_word, target_word, polarity",
    [
        ("called for new sanctions", "Jane Smith", "sanctions", "favor"),  # a prepositional verb: its target after "for"
        ("voted against the merger", "workers", "merger", "against"),
        ("wants new investors", "Tom Lee", "investors", "favor"),  # what is wanted: the object
    ],
)
def test_what_a_holder_wants_or_votes_for(fragment, holder_word, target_word, polarity):
    article = load_article(WANTS)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & rows["target"].str.contains(target_word)
                & rows["holder"].str.contains(holder_word, case=False)]
    assert list(here["polarity"]) == [polarity], rows.to_string()


def test_a_prepositional_verb_without_its_preposition_is_no_opinion():
    """"Ann Ray called Globex": "call" is an opinion only as "call for"."""
    article = load_article(WANTS)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index("called Globex"))
    assert not len(rows[(rows["sent_id"] == sent_id) & (rows["polarity"] != "neutral")]), rows.to_string()


@pytest.mark.parametrize(
    "text, named",
    [
        ("Senator Jane Smith called for Tom Lee to resign.", "Tom Lee"),  # Lee is to act, not favoured
        ("Senator Jane Smith wants Tom Lee fired.", "Tom Lee"),  # what the clause does to Lee decides
        ("The mayor Ann Ray hopes to defeat Globex.", "Globex"),
        ("The council argued for hours about the budget.", "hours"),  # a stretch of time is no target
    ],
)
def test_who_a_wanted_deed_names_is_not_favoured(text, named):
    rows = stance_statements(load_article(text), Codebook.empty())
    assert not len(rows[rows["target"].str.contains(named) & (rows["polarity"] == "favor")]), rows.to_string()


FEELINGS = """The Globex report irked Senator Jane Smith. Investors were alarmed by Initech.
A farmer praised Initech on Monday."""


@pytest.mark.parametrize(
    "fragment, holder_word, target, polarity",
    [
        ("report irked Senator Jane Smith", "Jane Smith", "Globex report", "against"),  # the object feels it, toward the subject (the report: "Globex" only modifies it)
        ("alarmed by Initech", "Investors", "Initech", "against"),  # what a feeling is caused by is its target
        ("farmer praised Initech", "farmer", "Initech", "favor"),  # a singular noun for a person holds a view
    ],
)
def test_who_feels_what_toward_whom(fragment, holder_word, target, polarity):
    article = load_article(FEELINGS)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & (rows["target"] == target) & rows["holder"].str.contains(holder_word, case=False)]
    assert list(here["polarity"]) == [polarity], rows.to_string()


PHRASAL = """Washington turned down the protocol last year. Senator Jane Smith ruled out talks with the rebels.
Japan insisted on a binding treaty. The minister refused the offer. Amnesty International sought access to the prisoners."""


@pytest.mark.parametrize(
    "fragment, holder_word, target_word, polarity",
    [
        ("turned down the protocol", "United States", "protocol", "against"),  # a phrasal verb: head and particle
        ("ruled out talks", "Jane Smith", "talks", "against"),
        ("insisted on a binding treaty", "Japan", "treaty", "favor"),  # a prepositional verb
        ("refused the offer", "minister", "offer", "against"),
        ("sought access", "Amnesty", "access", "favor"),  # what is sought: the object
    ],
)
def test_rejections_insistence_and_seeking(fragment, holder_word, target_word, polarity):
    article = load_article(PHRASAL)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & rows["target"].str.contains(target_word)
                & rows["holder"].str.contains(holder_word)]
    assert list(here["polarity"]) == [polarity], rows.to_string()


def test_whom_a_holder_urges_to_act_is_not_favoured():
    rows = stance_statements(load_article("Senator Jane Smith urged the Pentagon to release the report."), Codebook.empty())
    assert not len(rows[(rows["method"] == "rule:verb") & (rows["polarity"] == "favor")]), rows.to_string()


AGENT_NOUNS = """Hugo Chavez is a staunch supporter of oil production cuts.
Senator Jane Smith, a longtime critic of the war, spoke on Monday. Critics of the plan say it will fail."""


@pytest.mark.parametrize(
    "fragment, holder_word, target_word, polarity",
    [
        ("supporter of oil", "Chavez", "cuts", "favor"),  # a predicate nominal: its subject holds
        ("critic of the war", "Jane Smith", "war", "against"),  # an apposition: the noun it describes holds
        ("Critics of the plan", "critics", "plan", "against"),  # the people the noun names hold
    ],
)
def test_a_noun_for_the_holder_links_who_it_describes(fragment, holder_word, target_word, polarity):
    article = load_article(AGENT_NOUNS)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & rows["target"].str.contains(target_word)
                & rows["holder"].str.contains(holder_word, case=False)]
    assert list(here["polarity"]) == [polarity], rows.to_string()


REDUCED_PASSIVES = """Tokyo irked by US stance on Kyoto
A plan backed by the European Union was rejected on Monday.
Criticised by Amnesty International, Initech changed its rules."""


@pytest.mark.parametrize(
    "fragment, holder_word, target_word, polarity",
    [
        ("Tokyo irked by", "Japan", "stance", "against"),  # a headline's participle: the noun it modifies feels it
        ("plan backed by", "European Union", "plan", "favor"),  # the agent holds, toward the noun it is done to
        ("Criticised by", "Amnesty", "Initech", "against"),  # a fronted participle: toward the clause's subject
    ],
)
def test_a_participle_with_its_agent_links_the_noun_it_modifies(fragment, holder_word, target_word, polarity):
    article = load_article(REDUCED_PASSIVES)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & rows["target"].str.contains(target_word)
                & rows["holder"].str.contains(holder_word)]
    assert list(here["polarity"]) == [polarity], rows.to_string()


HOLDERS = """Ann Ray stayed calm, blaming Globex for the delays. The Initech board voiced concern about Globex.
The international community condemned Globex. The WTCA condemned Initech. The flood threatened Initech."""


@pytest.mark.parametrize(
    "fragment, holder_word, target",
    [
        ("blaming Globex", "Ann Ray", "Globex"),  # a participle clause shares its head's subject
        ("voiced concern about Globex", "Initech", "Globex"),  # a light verb's subject holds the noun's view
        ("community condemned Globex", "international community", "Globex"),  # a body that stands for many
        ("WTCA condemned Initech", "WTCA", "Initech"),  # an acronym, whatever tag it gets
    ],
)
def test_holders_the_mentions_layer_leaves_out(fragment, holder_word, target):
    article = load_article(HOLDERS)
    rows = stance_statements(article, Codebook.empty())
    sent_id = article.sentence_at(article.text.index(fragment))
    here = rows[(rows["sent_id"] == sent_id) & (rows["target"] == target) & rows["holder"].str.contains(holder_word)]
    assert list(here["polarity"]) == ["against"], rows.to_string()


def test_a_thing_is_no_holder():
    """"The flood threatened Initech": a singular common noun is mostly a thing, not someone with a view."""
    article = load_article(HOLDERS)
    rows = stance_statements(article, Codebook.empty())
    assert not rows["holder"].str.contains("flood", case=False).any()


def test_attributed_content_is_signed_only_where_it_leans():
    article = load_article('Ann Ray said Initech had done a wonderful, admirable job. Ann Ray said Initech opened an office.')
    rows = stance_statements(article, Codebook.empty())
    signed = rows[rows["polarity"] != "neutral"]
    assert list(zip(signed["holder"], signed["target"], signed["polarity"], signed["sent_id"])) == [("Ann Ray", "Initech", "favor", 0)]
    assert (signed["method"] == "rule:attributed").all()


def test_the_articles_own_voice_takes_no_side():
    """methods.md: the narrator reports. "The move would stop Huawei" links the article's voice to Huawei
    through the stop rule, but no one in the text takes a side, so the statement is neutral."""
    statements = stance_statements(load_article("The move would stop Huawei from selling phones."))
    voice = statements[statements["holder"] == "(article)"]
    assert not voice.empty
    assert set(voice["polarity"]) == {"neutral"}


def test_a_resolved_they_speaker_holds_the_attributed_opinion():
    text = ("Local farmers own most of the land in Ruritania. They said the new law is a disgrace "
            "and that Acme Corp. has ruined the economy.")
    statements = stance_statements(load_article(text), Codebook.empty())
    held = statements[statements["target"] == "Acme Corp."]
    assert list(held["holder"]) == ["Local farmers"] and list(held["polarity"]) == ["against"]


@pytest.mark.xfail(strict=True, reason="the target-sentiment model follows the content's overall tone here: it "
                   "labels Initech negative, so the attributed opinion is signed against it")
def test_an_attributed_opinion_is_signed_toward_the_target_not_by_the_contents_overall_tone():
    """The target model signs (rule:attributed): praise of Initech amid bleak words is for Initech."""
    from hwresearch.sentiment import vader_scores

    content = "Initech did an excellent job under terrible, awful conditions."
    assert vader_scores(content)["compound"] < 0  # the whole content reads negative
    rows = stance_statements(load_article("Ann Ray said " + content), Codebook.empty())
    toward = rows[(rows["target"] == "Initech") & (rows["method"] == "rule:attributed")]
    assert list(toward["polarity"]) == ["favor"], rows.to_string()


def test_a_place_the_content_only_locates_is_no_attributed_target():
    """A name under a locative preposition says where ("a terrible job in Canada"), not whom the
    speaker evaluates: no attributed statement toward it, while the actor the content is about keeps one."""
    text = "Ann Ray said Tom Jones did a terrible job in Canada."
    rows = stance_statements(load_article(text), Codebook.empty())
    attributed = rows[rows["method"] == "rule:attributed"]
    assert "Canada" not in set(attributed["target"]), rows.to_string()
    assert "Tom Jones" in set(attributed["target"]), rows.to_string()


@pytest.mark.parametrize("text", [
    "Ann Ray said Tom Jones wrecked Acme Corp with terrible decisions.",  # what is done: an object
    "Ann Ray said Tom Jones gave Acme Corp a terrible deal.",  # whom it is given to
    "Ann Ray said Tom Jones made terrible decisions about the Acme Corp factories.",  # a modifier
])
def test_an_entity_the_content_mentions_on_the_side_is_no_attributed_target(text):
    """The speaker evaluates the actor who acts (Tom Jones), not what he acts on or a name that
    modifies another noun: the attributed statement is toward Tom Jones only."""
    rows = stance_statements(load_article(text), Codebook.empty())
    attributed = rows[rows["method"] == "rule:attributed"]
    assert set(attributed["target"]) == {"Tom Jones"}, rows.to_string()


@pytest.mark.parametrize(
    "text, holder, target",
    [
        # a dateline or a fronted place the parse took for a second subject: the subject nearest the verb holds
        ("BOSTON, Jan. 22 - Senator Jane Smith criticised the merger.", "Jane Smith", "merger"),
        # a wire dateline the parse would make the subject, the commission its conjunct
        ("Tehran, Dec 9, IRNA -- The Islamic Human Rights Commission on Sunday condemned the merger.",
         "Islamic Human Rights Commission", "merger"),
        # a fronted adverbial is no complement of the verb after it, and a time is never a target
        ("In Los Angeles, a federal district judge questioned the detention.", "judge", "detention"),
        ("On Monday, the unions praised Initech.", "unions", "Initech"),
    ],
)
def test_a_fronted_place_or_time_is_neither_holder_nor_target(text, holder, target):
    rows = stance_statements(load_article(text), Codebook.empty())
    signed = rows[rows["polarity"] != "neutral"]
    assert [(h.split()[-1], t) for h, t in zip(signed["holder"], signed["target"])] == [(holder.split()[-1], target)], rows.to_string()


def test_a_fronted_phrase_with_a_preposition_is_no_holder():
    """"After tense talks, the union praised X": the parse may hang "talks" on the verb as its subject."""
    rows = stance_statements(load_article("After tense talks with Globex, the union praised Initech."), Codebook.empty())
    assert not rows["holder"].str.contains("talks").any(), rows.to_string()


def test_we_in_a_quote_of_an_unresolved_he_is_nobody():
    """A quote's "we" stands for its speaker; a speaker nobody can name ("he" with no antecedent) holds nothing."""
    rows = stance_statements(load_article('"We welcome the plan," he said.'), Codebook.empty())
    assert not rows["holder"].str.lower().isin({"he", "we"}).any(), rows.to_string()


@pytest.mark.parametrize(
    "text, target",
    [
        ("The unions criticised the Globex merger plan.", "Globex merger plan"),  # a name that only modifies the noun
        ("Critics attacked the US proposal.", "US proposal"),
        ("Critics attacked Huawei's ties to Beijing.", "Huawei"),  # a possessor is the actor the phrase is about
        ("Investors praised Mr. Tobin's decision.", "Tobin"),
    ],
)
def test_the_target_is_the_thing_a_modifying_name_describes_but_a_possessor_itself(text, target):
    rows = stance_statements(load_article(text), Codebook.empty())
    assert [t.split()[-1] if t.endswith("Tobin") else t for t in rows["target"]] == [target], rows.to_string()


def test_it_is_no_opinion_holder():
    """"It would promote research": "it" mostly stands for a thing (the plan, the report) even where the
    mentions layer links it to the country before it (on MPQA dev 1 of 8 such holders was right)."""
    rows = stance_statements(load_article("The United States unveiled a climate plan. It would promote research."), Codebook.empty())
    assert not len(rows[rows["polarity"] != "neutral"]), rows.to_string()


def test_a_common_noun_target_keeps_its_of_complement():
    """"called for the return of inspectors": what is favoured is the return of inspectors, not "return"."""
    rows = stance_statements(load_article("Senator Jane Smith called for the return of inspectors."), Codebook.empty())
    assert list(rows["target"]) == ["return of inspectors"], rows.to_string()


@pytest.mark.parametrize("text, holder", [
    ("The union criticised the merger.", "union"),
    ("The charity condemned the cuts.", "charity"),
])
def test_a_noun_for_an_organisation_holds_an_opinion_as_it_speaks(text: str, holder: str):
    """One definition of what can name an actor, shared with the speakers: "the union said" has a
    speaker, so "the union criticised" has a holder."""
    rows = stance_statements(load_article(text), Codebook.empty())
    signed = rows[rows["polarity"] == "against"]
    assert [h.split()[-1] for h in signed["holder"]] == [holder], rows.to_string()
    assert [q.split()[-1] for q in extract_quotes(load_article(text.replace("criticised", "said it opposed")
                                                            .replace("condemned", "said it opposed")))["speaker"]] == [holder]


def _content_targets(text: str, content: str) -> list[str]:
    """The targets `_content_targets` finds in ``content`` (a stretch of ``text``)."""
    from hwresearch.mentions import extract_mentions
    from hwresearch.stance import _content_targets as found
    from hwresearch.stance import _mention_list, _MentionIndex, _Targets

    article = load_article(text)
    index = _MentionIndex(_mention_list(extract_mentions(article, Codebook.empty()), article.text))
    start = text.index(content)
    return [t.name for t in found(article, start, start + len(content), index, _Targets(index, article.text))]


def test_a_content_holding_its_sentence_root_is_about_the_roots_subject():
    """A quoted sentence with no cue of its own holds its root: what it says fails is the reform."""
    text = 'Jane Smith spoke at length. "The reform is failing badly."'
    assert _content_targets(text, "The reform is failing badly.") == ["reform"]


def test_a_bare_noun_phrase_content_is_about_its_noun():
    """"A shameful budget," said X: the content says nothing but what it calls the budget."""
    text = '"A shameful budget," Jane Smith said on Monday.'
    assert _content_targets(text, "A shameful budget") == ["shameful budget"]


def test_you_holds_no_opinion():
    """ "You" is whoever the speaker addresses: no holder a reader could name."""
    rows = stance_statements(load_article('"You could support the merger," Jane Smith told the crowd.'), Codebook.empty())
    assert not rows["holder"].str.lower().isin(["you"]).any(), rows.to_string()


def test_what_someone_is_accused_of_is_no_part_of_the_target():
    text = ('Sen. Jane Smith (R-Texas) on Friday lashed out at the mayor, accusing the billionaire of enlisting '
            '"his friends at the Daily Clarion and his political henchmen to do his bidding."')
    rows = stance_statements(load_article(text), Codebook.empty())
    signed = rows[rows["polarity"] == "against"]
    # the billionaire is a description of someone unnamed here: the target is that phrase, not what they did
    assert signed["target"].str.contains("billionaire").any() and not signed["target"].str.contains("enlisting").any(), rows.to_string()


def test_what_an_accuser_calls_the_accused_is_no_target_of_its_own():
    """ "accused X of being a threat": the accuser is against X, not against "threat" (a noun with a
    copula predicates; only a bare noun phrase content is about its noun)."""
    text = "The US government has accused Huawei of being a national security threat."
    rows = stance_statements(load_article(text), Codebook.empty())
    assert not rows["target"].str.contains("threat").any(), rows.to_string()


def test_a_content_that_names_no_one_is_about_the_person_the_passage_last_named():
    """methods.md, attributed opinions: '"It was a disgrace," Smith said' judges whoever the passage is
    about, here the person named in the sentence before; its own words sign it."""
    text = ('Senator John Smith met President Barack Obama on Monday. '
            '"It was a disgrace and a shameful failure," Smith said.')
    rows = stance_statements(load_article(text), Codebook.empty())
    topical = rows[rows["method"] == "rule:attributed-topic"]
    assert list(zip(topical["holder"], topical["target"], topical["polarity"])) == [("John Smith", "Barack Obama", "against")]
    assert text[int(topical["start"].iloc[0]):int(topical["end"].iloc[0])].startswith("It was a disgrace")


@pytest.mark.parametrize(("text", "target"), [
    ('Senator John Smith met President Barack Obama on Monday. '
     '"It is garbage and utter lies," Smith said about the Daily Planet article.', "Daily Planet article"),
    ('Senator John Smith met President Barack Obama on Monday. '
     '"It was a disgrace and a shameful failure," Smith said of the budget deal.', "budget deal"),
])
def test_a_report_that_names_what_a_content_is_about_gives_its_target(text, target):
    """A cue's "about"/"of" phrase outside the content names its topic, ahead of the person the
    passage last named (here Obama): the report itself says what the words judge."""
    rows = stance_statements(load_article(text), Codebook.empty())
    topical = rows[rows["method"] == "rule:attributed-topic"]
    assert list(zip(topical["holder"], topical["target"], topical["polarity"])) == [("John Smith", target, "against")]


def test_a_time_or_medium_after_the_cue_is_no_topic():
    """"said on Monday", "said in a statement": only the report-topic prepositions name a topic, so
    the content falls back to the person named before it."""
    text = ('Senator John Smith met President Barack Obama on Monday. '
            '"It was a disgrace and a shameful failure," Smith said on Tuesday in a statement.')
    rows = stance_statements(load_article(text), Codebook.empty())
    topical = rows[rows["method"] == "rule:attributed-topic"]
    assert list(zip(topical["holder"], topical["target"])) == [("John Smith", "Barack Obama")]


@pytest.mark.parametrize("text", [
    # the only person before the content is the speaker: no one to judge
    'Barack Obama spoke in Ohio on Monday. "It was a disgrace and a shameful failure," Obama said.',
    # an organisation named before a quote is its setting more often than its topic
    'Senator John Smith visited Acme Corp on Monday. "It was a disgrace and a shameful failure," Smith said.',
    # a content about the speaker's own side names its target: no guess at someone else
    'Senator John Smith met President Barack Obama on Monday. "John Smith did a wonderful job," Smith said.',
    # words that evaluate nothing take no side
    'Senator John Smith met President Barack Obama on Monday. "We talked about the budget," Smith said.',
])
def test_no_topic_statement_without_a_person_to_judge_or_words_that_judge(text):
    rows = stance_statements(load_article(text), Codebook.empty())
    assert "rule:attributed-topic" not in set(rows["method"]), rows.to_string()


def test_a_topic_guess_alone_settles_no_position():
    """A topic statement guesses its target as well as its side: one alone makes no position."""
    text = ('Senator John Smith met President Barack Obama on Monday. '
            '"It was a disgrace and a shameful failure," Smith said.')
    positions = stakeholder_positions(stance_statements(load_article(text), Codebook.empty()))
    assert positions.empty or not ((positions["actor"] == "John Smith") & (positions["target"] == "Barack Obama")).any()


@pytest.mark.parametrize("text, expected", [
    ("Mayor Smith called Tom Jones a liar on Monday.", [("Smith", "Tom Jones", "against")]),
    ("Mayor Smith described the merger as a disaster.", [("Smith", "merger", "against")]),
    ("Mayor Smith considers the merger a great success.", [("Smith", "merger", "favor")]),
    ("Mayor Smith did not call Tom Jones a liar.", []),  # what he did not say is no side
    ("Mayor Smith called Tom Jones on Monday.", []),  # no label: a phone call
    ("Mayor Smith called for an inquiry.", [("Smith", "inquiry", "favor")]),  # "call for" still wins
])
def test_a_labelling_verb_takes_the_side_of_its_label(text, expected):
    """stance.toml [predicates.labelling]: the subject holds, the object is the target, and the label
    after the object decides the side by its own words."""
    rows = stance_statements(load_article(text), Codebook.empty())
    verbs = rows[rows["method"] == "rule:verb"]
    assert list(zip(verbs["holder"], verbs["target"], verbs["polarity"])) == expected, rows.to_string()


def test_a_relative_pronoun_object_stands_for_the_noun_its_clause_is_on():
    """ "Y, whom X called a liar": X labels Y, and "she" is not Y (that would be "herself")."""
    rows = stance_statements(load_article("Jane Roe met Mark Hale, whom she called a liar."), Codebook.empty())
    assert ("Jane Roe", "Mark Hale", "against") in set(zip(rows["holder"], rows["target"], rows["polarity"])), rows.to_string()
    text = 'Michael Bloomberg threw several jabs at Donald Trump, whom he called a "dangerous demagogue."'
    rows = stance_statements(load_article(text), Codebook.empty())
    assert ("Michael Bloomberg", "Donald Trump", "against") in set(zip(rows["holder"], rows["target"], rows["polarity"])), rows.to_string()
    assert "Donald Trump" not in set(rows["holder"]), rows.to_string()


@pytest.mark.parametrize("text", [
    "Sen. Jane Roe on Friday lashed out at Mark Hale.",
    "In an interview with the Daily Clarion, Jane Roe also hammered Mark Hale for his record.",
    "Jane Roe railed against Mark Hale on Tuesday.",
])
def test_verbs_of_criticism_in_news_are_against_their_target(text):
    rows = stance_statements(load_article(text), Codebook.empty())
    assert ("Jane Roe", "Mark Hale", "against") in set(zip(rows["holder"], rows["target"], rows["polarity"])), rows.to_string()


def test_every_sentence_of_a_long_quote_is_read_for_opinions():
    """A quote of three sentences holds three contents: the middle one's opinion is the speaker's too
    (only the first and last sentence were read before)."""
    text = ('"We met on Monday. Mayor Jane Doe has failed this city and its people terribly. '
            'We will meet again," Senator John Smith said.')
    rows = stance_statements(load_article(text), Codebook.empty())
    middle = rows[rows["target"].str.contains("Jane Doe")]
    assert list(zip(middle["holder"], middle["polarity"])) == [("John Smith", "against")]
    assert text[int(middle["start"].iloc[0]):int(middle["end"].iloc[0])].startswith("Mayor Jane Doe has failed")


def test_a_report_a_name_only_describes_holds_its_own_charge():
    """ "The US human rights report accuses China of ..." is the report's charge, not the United
    States' own; a possessor owns its report ("Amnesty International's report")."""
    text = "The US human rights report also accuses China of restricting religious freedom in Tibet."
    def accusers(text: str) -> list[str]:
        rows = stance_statements(load_article(text), Codebook.empty())
        signed = rows[(rows["target"] == "China") & (rows["polarity"] == "against")]
        return sorted(set(signed["holder"]))

    assert accusers(text) == ["US human rights report"]
    assert accusers("Amnesty International's report accuses China of torture.") == ["Amnesty International"]


def test_a_label_the_parse_reads_as_an_apposition_still_decides_the_side():
    """ 'called the plan "a wonderful gift"': the parse hangs the label on the object as an
    apposition; it is the label all the same."""
    text = 'Senator Jane Smith called the new tax plan "a wonderful and generous gift."'
    rows = stance_statements(load_article(text), Codebook.empty())
    labelled = rows[rows["target"].str.contains("tax plan") & (rows["method"] == "rule:verb")]
    assert list(zip(labelled["holder"], labelled["polarity"])) == [("Jane Smith", "favor")]


@pytest.mark.parametrize("text, accused", [
    ("Senator John Smith maintains that Acme's routers could be used for espionage.", ["Acme"]),
    ("Senator John Smith maintains that Acme's routers could be used to carry out espionage.", ["Acme"]),
    ('"I am proud to have Sheriff Joe Arpaio\'s support in fighting border crime," Governor Rick Perry said.', []),
])
def test_a_charge_in_a_quote_is_against_its_subject_not_the_first_name(text, accused):
    """A charge word in a speaker's content ("espionage", "crime") accuses the subject of its clause
    or that subject's owner; a content that only fights crime charges no one."""
    rows = stance_statements(load_article(text), Codebook.empty())
    charged = rows[(rows["method"] == "rule:accuse") & (rows["holder"] != "(article)")]
    assert charged["target"].tolist() == accused


def test_a_label_in_quotes_is_about_who_it_labels_not_its_own_noun():
    """'whom he called a "dangerous demagogue" and a "bomb-thrower"': the quoted label says what Trump
    is; "demagogue" and "bomb-thrower" are no targets of their own."""
    text = ('Michael Bloomberg threw several jabs at Donald Trump, whom he called a "dangerous demagogue" '
            'and a "bomb-thrower."')
    rows = stance_statements(load_article(text), Codebook.empty())
    assert set(rows["target"]) == {"Donald Trump"}, rows.to_string()


@pytest.mark.parametrize("cue", ["alleged", "charged"])
def test_a_cue_that_charges_is_against_its_contents_subject(cue):
    """ "alleged that Y took bribes": the content is a charge whatever its words, against its subject."""
    text = f"The prosecutor, Jane Roe, {cue} that Mayor Tom Hale took money from developers."
    rows = stance_statements(load_article(text), Codebook.empty())
    charged = rows[rows["method"] == "rule:accuse"]
    assert list(zip(charged["holder"], charged["target"], charged["polarity"])) == [("Jane Roe", "Tom Hale", "against")], rows.to_string()
    said = stance_statements(load_article(text.replace(cue, "said")), Codebook.empty())
    assert "rule:accuse" not in set(said["method"]), said.to_string()


def test_a_subject_a_name_only_modifies_is_still_what_a_content_is_about():
    """ "Some US politicians have made a mistake": the content judges the politicians; the US only
    says which ones (a modifier is no target, but its noun is)."""
    text = '"Some US politicians have made a mistake," Ma Dazheng said.'
    assert _content_targets(text, "Some US politicians have made a mistake") == ["US politicians"]


def test_an_exclamation_is_no_target():
    """ "God help us," X said: the speaker exclaims; God is not what the content judges."""
    rows = stance_statements(load_article('"God help us," Michael Bloomberg said on Wednesday.'), Codebook.empty())
    assert "God" not in set(rows["target"]), rows.to_string()


def test_a_pejorative_vader_lacks_signs_an_attributed_opinion():
    """ "phony" is in no lexicon the target model was fitted with; the news words (lang/en/sentiment.toml)
    make the speaker's verdict on the plan an opinion against its owner."""
    rows = stance_statements("\"Senator Smith's plan is phony,\" Jones said.", Codebook.empty())
    assert _has(rows, "Jones", "Smith", "against")


def test_what_a_pointing_subject_is_called_is_the_target():
    """"This is a disastrous deal," X said: what "this" is said to be is what the content judges; an
    "it" pointing forward to a clause ("it's an honor to serve") points at nothing to judge."""
    rows = stance_statements(load_article('"This is a disastrous deal," Jane Smith said.'), Codebook.empty())
    against = rows[(rows["holder"] == "Jane Smith") & (rows["polarity"] == "against")]
    assert against["target"].str.contains("deal").any(), rows.to_string()
    rows = stance_statements(load_article('"It has been an honor to serve," Jane Smith said.'), Codebook.empty())
    assert not rows["target"].str.contains("honor").any(), rows.to_string()
