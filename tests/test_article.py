"""The Article: parts, paragraphs and sentences of the seed, read off the article by hand."""

from importlib import resources

import pytest

from hwresearch import InputError, load_article

SEED_HEADLINE = "Huawei's offer to license 5G tech to US firm to create an American rival is still 'on the table'"
SEED_KEY_POINTS = [
    "Huawei's founder and CEO Ren Zhengfei said last year the company would be willing to license its 5G "
    "technology exclusively to an American firm so that the U.S. could create a rival.",
    "That would allow the U.S. to compete with Huawei in 5G networks.",
    "As of yet, no company has taken up the offer. But in response to a CNBC piece, Huawei said the offer is "
    "still on the table.",
]


def test_seed_text_is_kept_exactly(seed):
    raw = resources.files("hwresearch").joinpath("data", "seed_article.txt").read_text(encoding="utf-8")
    assert seed.text == raw
    assert "\u00a0" in seed.text and "•" in seed.text  # nothing normalised away


def test_seed_parts(seed):
    assert seed.section == "Tech"
    assert seed.headline == SEED_HEADLINE
    assert seed.key_points == SEED_KEY_POINTS
    assert seed.caption == "Ren Zhengfei, CEO of Huawei."
    assert seed.credit == "Justin Solomon | CNBC"
    assert seed.embeds == ["TWEET"]
    body = seed.body["text"].tolist()
    assert len(body) == 11
    assert body[0] == "Huawei's founder and CEO Ren Zhengfei made a bold offer last year."
    assert body[-1].endswith("to invest in rivals to Huawei.")


def test_every_offset_slices_back(seed):
    for table in (seed.paragraphs, seed.sentences):
        for row in table.itertuples():
            assert seed.text[row.start : row.end] == row.text


def test_seed_sentences(seed):
    sentences = seed.sentences["text"].tolist()
    # "U.S." does not end a sentence; the no-break space after "offer." does.
    assert "No U.S. firm has taken up that offer." in sentences
    assert 'Huawei says it\'s still "on the table."' in sentences
    assert "Last year, the U.S. added Huawei and its affiliates to a blacklist, the so-called Entity List — which " \
        "effectively halts its ability to do business with American companies." in sentences
    # headline 1, key points 1 + 1 + 2, caption 1, body 17
    assert len(sentences) == 23
    assert seed.sentences["part"].value_counts().to_dict() == {"body": 17, "key_point": 4, "headline": 1, "caption": 1}
    assert not any("TWEET" in s for s in sentences)  # an embed is a part, not a sentence
    assert seed.sentences["sent_id"].tolist() == list(range(23))


def test_sentence_at(seed):
    offset = seed.text.index("Washington maintains")
    sent_id = seed.sentence_at(offset)
    assert seed.sentences.loc[sent_id, "text"].startswith("Washington maintains")
    assert seed.sentence_at(seed.text.index("TWEET")) is None


def test_plain_text_loads_as_body():
    text = "The mayor spoke on Monday. She said the budget is fine.\n\nCritics disagreed, Dr. Lee said."
    article = load_article(text)
    assert article.headline is None and article.section is None and article.key_points == []
    assert article.paragraphs["part"].tolist() == ["body", "body"]
    assert article.sentences["text"].tolist() == [
        "The mayor spoke on Monday.", "She said the budget is fine.", "Critics disagreed, Dr. Lee said."
    ]


def test_headline_and_wrapped_paragraphs():
    text = "Council Approves New Budget\n\nThe council voted 7-2 on Tuesday\nto approve the budget.\n\nIt takes effect in May."
    article = load_article(text)
    assert article.headline == "Council Approves New Budget"
    body = article.body["text"].tolist()
    assert body == ["The council voted 7-2 on Tuesday\nto approve the budget.", "It takes effect in May."]


def test_crlf_text_keeps_offsets():
    text = "Headline Here Today\r\n\r\nFirst paragraph. Second sentence.\r\n\r\nThird one."
    article = load_article(text)
    assert article.headline == "Headline Here Today"
    for row in article.sentences.itertuples():
        assert text[row.start : row.end] == row.text
    assert article.sentences["text"].tolist()[-1] == "Third one."


def test_path_and_str_path(tmp_path, seed):
    path = tmp_path / "article.txt"
    path.write_text(seed.text, encoding="utf-8")
    assert load_article(path).text == seed.text
    assert load_article(str(path)).headline == SEED_HEADLINE
    assert load_article(seed) is seed


def test_reprs(seed):
    assert len(repr(seed)) < 200 and "23 sentences" in repr(seed)
    page = seed._repr_html_()
    assert "Key Points" in page and "Justin Solomon | CNBC" in page and "<script" not in page
    assert load_article("A <b>bold</b> claim & more.")._repr_html_().count("&lt;b&gt;") == 1


@pytest.mark.parametrize("bad, words", [
    ("", "empty"),
    ("  \n\t \u00a0", "empty"),
    (42, "int"),
    (b"Some bytes", "decode"),
    (["a list"], "list"),
    ("text with a NUL \x00 byte", "NUL"),
])
def test_bad_values(bad, words):
    with pytest.raises(InputError, match=words):
        load_article(bad)


def test_bad_files(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file"):
        load_article(missing)
    with pytest.raises(InputError, match="no such file"):
        load_article(str(missing))
    with pytest.raises(InputError, match="directory"):
        load_article(tmp_path)
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        load_article(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 society".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_article(latin)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        load_article(empty)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


def test_token_columns_and_heads_read_what_the_tokens_hold(seed):
    """The array reads the stages use instead of Token objects give each token's own values."""
    from hwresearch.nlp import dep, heads, token_columns, ud_label

    doc = seed.doc
    strings = doc.vocab.strings
    idx, orth, pos, label = token_columns(doc, ["IDX", "ORTH", "POS", "DEP"])
    assert len(idx) == len(doc)
    assert [(i, strings[o], strings[p], ud_label(strings[d])) for i, o, p, d in zip(idx, orth, pos, label)] == [
        (t.idx, t.text, t.pos_, dep(t)) for t in doc
    ]
    assert heads(doc) == [t.head.i for t in doc]
    assert any(head != i for i, head in enumerate(heads(doc)))  # the seed is parsed: not every token is a root


def test_curly_apostrophes_are_read_as_straight_ones():
    """The pipeline learnt from EWT, written with straight apostrophes; "doesn’t" and "we’d" are tagged
    as "doesn't" and "we'd" are, while the Doc keeps the article's own characters."""
    curly = "The plan doesn’t work, and we’d say so, O’Neill’s aide said."
    straight = curly.replace("’", "'")
    doc, twin = load_article(curly).doc, load_article(straight).doc
    assert doc.text == curly
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in twin]
    assert {t.text: t.tag_ for t in doc}["n’t"] == "RB"
    assert "O’Neill" in {t.lemma_ for t in doc}  # a name keeps its own spelling as lemma


def test_line_breaks_and_double_spaces_inside_a_sentence_are_parsed_as_plain_spaces():
    """Hard-wrapped text (wire copy, MPQA's world press) breaks lines inside sentences and doubles
    spaces; EWT has neither, and its parser made a line break the head of the object after it. The
    words are tagged and parsed as in the unwrapped sentence; each whitespace token hangs on the word
    before it, and a blank line between paragraphs is still a sentence of its own."""
    wrapped = "Bush rejected \nthe 1997 Kyoto protocol,  saying it \nhindered growth.\n\nHe  left."
    plain = "Bush rejected the 1997 Kyoto protocol, saying it hindered growth.\n\nHe left."
    doc, twin = load_article(wrapped).doc, load_article(plain).doc
    assert doc.text == wrapped
    words = [t for t in doc if not t.is_space]
    assert [(t.text, t.tag_, t.dep_, t.head.text) for t in words] == [
        (t.text, t.tag_, t.dep_, t.head.text) for t in twin if not t.is_space]
    by_text = {t.text: t for t in doc}
    assert by_text["protocol"].head.text == "rejected"
    breaks = [t for t in doc if t.is_space and t.text != "\n\n"]
    assert [(t.tag_, t.dep_, t.head.i) for t in breaks] == [("_SP", "dep", t.i - 1) for t in breaks]
    assert "\n\n" in [s.text for s in doc.sents]  # the blank line: a sentence of its own, as before

def _parsed(words, heads, deps, tags):
    """A Doc with a hand-written parse, to test a repair rule apart from what the parser predicts."""
    from spacy.tokens import Doc

    from hwresearch.nlp import current_pipeline

    pos = ["PROPN" if t == "NNP" else "PUNCT" if t in {",", "."} else "VERB" if t.startswith("VB") else "NOUN" for t in tags]
    return Doc(current_pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


@pytest.mark.parametrize("tag, expected", [("VBD", "nsubj"), ("VB", "vocative")])
def test_a_name_read_as_addressed_before_a_finite_verb_without_subject_is_its_subject(tag, expected):
    """nlp._mend_subjects: "Ray, called Jones" with a finite verb and no subject makes Ray the subject;
    before a base form ("Ray, call Jones") Ray is addressed, and stays so."""
    from hwresearch.nlp import _mend_subjects

    doc = _parsed(["Ray", ",", "call", "Jones", "."], [2, 2, 2, 2, 2], ["vocative", "punct", "ROOT", "obj", "punct"],
                  ["NNP", ",", tag, "NNP", "."])
    _mend_subjects(doc)
    assert doc[0].dep_ == expected


def test_a_name_after_a_fronted_phrase_is_the_subject_of_a_verb_without_one():
    """nlp._mend_fronted_subjects: "In talks, Ryan hammered Obama" read with Ryan as an nmod of "talks"
    makes Ryan the subject of "hammered"; where the verb has a subject, the name stays where it was."""
    from hwresearch.nlp import _mend_fronted_subjects

    doc = _parsed(["In", "talks", ",", "Ryan", "hammered", "Obama", "."], [1, 4, 3, 1, 4, 4, 4],
                  ["case", "obl", "punct", "nmod", "ROOT", "obj", "punct"], ["IN", "NNS", ",", "NNP", "VBD", "NNP", "."])
    _mend_fronted_subjects(doc)
    assert (doc[3].dep_, doc[3].head.text) == ("nsubj", "hammered")
    doc = _parsed(["In", "Smith", ",", "Jones", "the", "court", "ruled", "."], [1, 6, 3, 1, 5, 6, 6, 6],
                  ["case", "obl", "punct", "conj", "det", "nsubj", "ROOT", "punct"],
                  ["IN", "NNP", ",", "NNP", "DT", "NN", "VBD", "."])
    _mend_fronted_subjects(doc)
    assert (doc[3].dep_, doc[3].head.text) == ("conj", "Smith")


def test_a_noun_with_a_subject_and_an_object_is_a_verb():
    """nlp._mend_verbal_nouns: "the US fears a spillover" tagged with "fears" a plural noun, yet parsed
    with a subject and an object, is a present-tense verb; a noun after a copula stays a noun."""
    from hwresearch.nlp import _mend_verbal_nouns

    doc = _parsed(["Washington", "fears", "a", "spillover", "."], [1, 1, 3, 1, 1],
                  ["nsubj", "ROOT", "det", "obj", "punct"], ["NNP", "NNS", "DT", "NN", "."])
    _mend_verbal_nouns(doc)
    assert (doc[1].pos_, doc[1].tag_) == ("VERB", "VBZ")
    doc = _parsed(["They", "are", "teachers", "people", "."], [2, 2, 2, 2, 2],
                  ["nsubj", "cop", "ROOT", "obj", "punct"], ["PRP", "VBP", "NNS", "NNS", "."])
    _mend_verbal_nouns(doc)
    assert (doc[2].pos_, doc[2].tag_) == ("NOUN", "NNS")


def test_whom_is_the_object_of_a_relative_clause_on_the_noun_before_it():
    """nlp._mend_object_relatives: in "Ann met Ray, whom she called a liar" as the shipped parser reads
    it ("whom" an adverb, the clause parataxis of "met"), "whom" becomes the object of "called", and the
    clause a relative clause on Ray."""
    from hwresearch.nlp import _mend_object_relatives

    words = ["Ann", "met", "Ray", ",", "whom", "she", "called", "a", "liar", "."]
    doc = _parsed(words, [1, 1, 1, 6, 6, 6, 1, 8, 6, 1],
                  ["nsubj", "ROOT", "obj", "punct", "advmod", "nsubj", "parataxis", "det", "obj", "punct"],
                  ["NNP", "VBD", "NNP", ",", "WP", "PRP", "VBD", "DT", "NN", "."])
    _mend_object_relatives(doc)
    assert (doc[4].dep_, doc[4].head.text) == ("obj", "called")
    assert (doc[6].dep_, doc[6].head.text) == ("acl:relcl", "Ray")
    assert doc[8].dep_ == "obj"  # the label keeps its own reading


def test_whom_inside_its_own_clause_is_left_alone():
    """ "Ann asked whom Ray met": no noun before "whom", no relative clause to mend."""
    from hwresearch.nlp import _mend_object_relatives

    doc = _parsed(["Ann", "asked", "whom", "Ray", "met", "."], [1, 1, 4, 4, 1, 1],
                  ["nsubj", "ROOT", "obj", "nsubj", "ccomp", "punct"], ["NNP", "VBD", "WP", "NNP", "VBD", "."])
    _mend_object_relatives(doc)
    assert [(t.dep_, t.head.i) for t in doc] == [("nsubj", 1), ("ROOT", 1), ("obj", 4), ("nsubj", 4), ("ccomp", 1), ("punct", 1)]


def test_a_time_before_a_subjectless_verb_stays_an_adverbial():
    from hwresearch.nlp import _mend_subjects

    doc = _parsed(["Monday", ",", "called", "Jones", "."], [2, 2, 2, 2, 2],
                  ["obl:unmarked", "punct", "ROOT", "obj", "punct"], ["NNP", ",", "VBD", "NNP", "."])
    _mend_subjects(doc)
    assert doc[0].dep_ == "obl:unmarked"


def test_a_titled_name_before_its_verb_is_the_subject_the_stages_read():
    """The shipped parser reads "Ann" in "Senator Ann Ray called ..." as someone addressed; the
    holder of the labelling verb is still Ann Ray."""
    from hwresearch import Codebook, stance_statements

    rows = stance_statements(load_article("Senator Ann Ray called Tom Jones a liar on Monday."), Codebook.empty())
    assert ("Ann Ray", "Tom Jones", "against") in set(zip(rows["holder"], rows["target"], rows["polarity"])), rows.to_string()
