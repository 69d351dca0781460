"""Sources (analysis/sources.py): merging mentions into the distinct speakers of an article."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.sources import _after_office, mention_name, profile_source, resolve_sources


def sources(text: str) -> list[tuple[str, int]]:
    # The cases are constructions of the rules (``what he called``), whose sources this module
    # merges; the trained model may keep fewer of them (tests/test_attribution_model.py).
    table = analysis.parse([text], attribution="rules").sources
    return list(zip(table["name"], table["n_attributions"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun resolves to the person quoted before it
        ("Ann Lee said prices rose. She added that wages fell.", [("Ann Lee", 2)]),
        # a short form resolves to the full name
        (
            "Finance Minister Ann Lee said prices rose. Lee said wages fell.",
            [("Ann Lee", 2)],
        ),
        # "it" resolves to the organisation
        ("The ministry said prices rose. It added that wages fell.", [("ministry", 2)]),
        # a he/she resolves to a person named earlier in the same sentence
        ("President Bo Ray launched what he called a reform.", [("Bo Ray", 1)]),
        # different people stay different
        (
            "Ann Lee said prices rose. Bo Ray said wages fell.",
            [("Ann Lee", 1), ("Bo Ray", 1)],
        ),
    ],
)
def test_mentions_merge(text, expected):
    assert sources(text) == expected


def test_attributions_carry_their_source_id():
    parsed = analysis.parse(["Ann Lee said prices rose. She added that wages fell."])
    assert parsed.attributions["source_id"].tolist() == [0, 0]
    assert parsed.sources["mentions"].tolist() == ["Ann Lee; She"]


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Ukrainian negotiator Mykhailo Podolyak", "Mykhailo Podolyak"),
        ("U.S. Secretary of State Antony Blinken", "Antony Blinken"),
        ("Liu Pengyu, spokesperson for China’s embassy in Washington,", "Liu Pengyu"),
        ("A Russian delegate to the talks, Leonid Slutsky,", "Leonid Slutsky"),
        ("the State Department", "State Department"),
        ("the regional police chief", ""),
        ("The city council in Mariupol", ""),
        ("several U.S. officials", ""),
        # a body's name keeps its leading title or nationality word
        ("the National Hurricane Center", "National Hurricane Center"),
        ("The European Commission", "European Commission"),
        ("the Canadian Chess Federation", "Canadian Chess Federation"),
        # a person's name wins over the body of an appositive after it
        ("Ann Lee, director of the Springfield Retailers Association,", "Ann Lee"),
        ("Bo Ray, spokesperson for the Ruritanian Unity Party,", "Bo Ray"),
        # an office's "of", "from" or "for" and its place or portfolio are not the name
        ("President of Ruritania Anna Kowalska", "Anna Kowalska"),
        ("Mayor of Springfield John Park", "John Park"),
        ("Senator from Ohio Bo Ray", "Bo Ray"),
        ("Special Envoy for Ukraine Ann Lee", "Ann Lee"),
        ("Director of National Parks Ann Lee", "Ann Lee"),
        ("House of Commons Speaker Ann Lee", "Ann Lee"),
        ("Mary Ann Lee of Ohio", "Mary Ann Lee"),
        # an occupation before a person "of" a body
        ("Ecologist John Park of Springfield University", "John Park"),
        ("Businessman John Park of Ohio", "John Park"),
        # a body's name runs through its "of", "for", "and" and "the"
        ("the Institute for Parks and Recreation", "Institute for Parks and Recreation"),
        ("the Department of Health and Human Services", "Department of Health and Human Services"),
        (
            "The Ruritanian Institute of Volcanology (RIV)",
            "Ruritanian Institute of Volcanology RIV",
        ),
        # ... but not into the role or the person it belongs to
        ("a spokesman for the Institute for Parks and Recreation", ""),
        ("researchers from the University of Springfield and Ohio University", ""),
        ("the Speaker of the House of Commons", ""),
        ("Ann Lee, the Speaker of the House of Commons,", "Ann Lee"),
        ("Springfield University of Ohio, its chancellor, Ann Lee", "Ann Lee"),
        ("Ann Lee, a doctoral candidate at the University of Ohio,", "Ann Lee"),
        ("The Senate Minority Leader, Ann Lee,", "Ann Lee"),
        (
            "the Ruritanian Guard Corps, which includes the Night Patrol Unit,",
            "Ruritanian Guard Corps",
        ),
        # a person whose given name the lists lack, before a body's name
        ("Xoran Velt of the Center for Parks", "Xoran Velt"),
        # the name after a title inside a capitalised run
        ("Ruritania White House Press Secretary Ann Lee", "Ann Lee"),
        ("Springfield Police Constable Bo Ray", "Bo Ray"),
        ("Prime Minister John Major", "John Major"),
        # a day or month after the name is not part of it
        ("Ann Lee on Monday", "Ann Lee"),
        ("current president Bo Ray last March", "Bo Ray"),
        ("the ministry said on Monday", ""),
        ("the Springfield Parks Center late today", "Springfield Parks Center"),
        ("a poll published by Ruritania News last week", "Ruritania News"),
        # a body's name wins over a place's in another part
        ("Springfield District Court, New Zealand", "Springfield District Court"),
        # a body's name starts at the capitalised words before its body's word
        ("Thursday the Ruritanian Commission on Fisheries", "Ruritanian Commission on Fisheries"),
        # the lower-case particles inside a name
        ("Omar al-Rashid, a spokesman for the RMF,", "Omar al-Rashid"),
        ("The city's police chief, Omar bin Rashid,", "Omar bin Rashid"),
        ("Ludwig van Beek", "Ludwig van Beek"),
        ("a van driver", ""),  # a particle takes no part in a name without one around it
        ("de Graaf", "de Graaf"),  # ... but may start a surname written alone
        # a capitalised sentence starter is no part of a name
        ("Afterwards Ann Lee", "Ann Lee"),
        ("Only Bo Ray", "Bo Ray"),
        ("One MP", "MP"),  # a title, not a name: profile_source makes it anonymous
        ("Many", ""),  # a sentence starter alone names no one
        ("Nobody", ""),
        # a relative clause without its comma
        ("state senator Ann Lee who chairs the panel", "Ann Lee"),
        ("Ann Lee — who chairs the Springfield Ruritania Forum —", "Ann Lee"),
    ],
)
def test_mention_names(mention, name):
    assert mention_name(mention) == name


def test_unresolvable_pronoun_has_no_source():
    ids, found = resolve_sources(["He"])
    assert ids == [None]
    assert found == []


@pytest.mark.parametrize(
    ("name", "mentions", "expected"),
    [
        # (kind, identification, type, gender, gender_evidence, country)
        (
            "Maria Lopez",
            ["Maria Lopez, a nurse"],
            ("person", "named", "other", "female", "name_list", None),
        ),
        ("Tom Berg", ["Mr Tom Berg"], ("person", "named", "other", "male", "honorific", None)),
        (
            "Sam Otto",
            ["Sam Otto, a mother of three"],
            ("person", "named", "citizen", "female", "noun", None),
        ),
        ("Kim Park", ["Kim Park", "she"], ("person", "named", "other", "female", "pronoun", None)),
        (
            "Kim Park",
            ["Kim Park, a South Korean economist"],
            ("person", "named", "expert", "unknown", None, "South Korea"),
        ),
        (
            "French President Anne Roux",
            ["French President Anne Roux"],
            ("person", "named", "official", "female", "name_list", "France"),
        ),
        ("Moscow", ["Moscow"], ("organization", "institution", "official", None, None, "Russia")),
        ("Acme Corp", ["Acme Corp"], ("organization", "institution", "business", None, None, None)),
        ("Reuters", ["Reuters"], ("organization", "institution", "media", None, None, None)),
        (
            "German officials",
            ["several German officials"],
            ("group", "anonymous", "official", None, None, "Germany"),
        ),
        ("residents", ["residents"], ("group", "anonymous", "citizen", None, None, None)),
        (
            "spokesperson for the company",
            ["a spokesperson for the company"],
            ("person", "anonymous", "business", "unknown", None, None),
        ),
        (
            "Kenya’s health ministry",
            ["Kenya’s health ministry"],
            ("organization", "institution", "official", None, None, "Kenya"),
        ),
        # a place and a title before a name are no first name ("Virginia", "Florida" are
        # women's names in the list): the given name decides
        (
            "Virginia Sen. Tom Berg",
            ["Virginia Sen. Tom Berg"],
            ("person", "named", "other", "male", "name_list", None),
        ),
        (
            "Florida Governor Tom Berg",
            ["Florida Governor Tom Berg"],
            ("person", "named", "official", "male", "name_list", None),
        ),
        # a document or finding that stands as a source is no person
        ("study", ["The study"], ("organization", "institution", "other", None, None, None)),
        ("video", ["The video"], ("organization", "institution", "other", None, None, None)),
        (
            "United States Constitution",
            ["The United States Constitution"],
            ("organization", "institution", "other", None, None, "United States"),
        ),
        (
            "statement",
            ["the ministry's statement"],
            ("organization", "institution", "official", None, None, None),
        ),
        # a country read as a descriptor and a name ("Saudi" + "Arabia") is a place
        (
            "Arabia",
            ["Saudi Arabia"],
            ("organization", "institution", "official", None, None, "Saudi Arabia"),
        ),
    ],
)
def test_source_profiles(name, mentions, expected):
    from analysis.sources import profile_source

    profile = profile_source(name, mentions)
    gender = profile["gender"] if profile["kind"] == "person" else None
    got = (
        profile["kind"],
        profile["identification"],
        profile["type"],
        gender,
        profile["gender_evidence"],
        profile["country"],
    )
    assert got == expected


@pytest.mark.parametrize("name", ["Analysts", "Police", "Residents"])
def test_a_capitalised_role_word_is_not_a_name(name):
    from analysis.sources import profile_source

    assert profile_source(name, [name])["identification"] == "anonymous"


@pytest.mark.parametrize(
    ("name", "mentions", "expected"),
    [
        ("New York Times", ["The New York Times"], ("organization", "media")),
        ("Washington Post", ["the Washington Post"], ("organization", "media")),
        ("Times", ["The Times"], ("organization", "media")),
        ("Sky News", ["Sky News"], ("organization", "media")),  # `any`: no "The" needed
        ("Emily Post", ["Emily Post"], ("person", "other")),  # `the`: a person called Post
        ("Ann Star", ["Ann Star", "she"], ("person", "other")),
        # other bodies' names: a party, a centre
        ("Democratic Party", ["the Democratic Party"], ("organization", "official")),
        ("Hurricane Center", ["the Hurricane Center"], ("organization", "other")),
        # a service or bureau heads a body's name; generic, typed by nothing else here
        ("National Weather Service", ["the National Weather Service"], ("organization", "other")),
        ("Statistics Bureau", ["the Statistics Bureau"], ("organization", "other")),
        # a federation is a body; its president, named by office, is a person
        ("Lyon Chess Federation", ["the Lyon Chess Federation"], ("organization", "civil_society")),
        (
            "Lyon Chess Federation President",
            ["Lyon Chess Federation President"],
            ("person", "official"),
        ),
        # ... typed by its other words: a university's
        (
            "Springfield University Medical Center",
            ["Springfield University Medical Center"],
            ("organization", "expert"),
        ),
        # "local" before a role is an adjective; alone it is a person
        ("", ["Local officials"], ("group", "official")),
        ("", ["a local"], ("person", "citizen")),
        # media, movements and websites are bodies
        ("", ["state media"], ("organization", "media")),
        ("", ["a protest movement"], ("organization", "civil_society")),
        ("", ["the party's website"], ("organization", "official")),  # typed by its owner
        ("", ["the hotel's website"], ("organization", "other")),
        # a party is a body; a team, a family, a couple, a community are people in the plural
        ("", ["the party"], ("organization", "official")),
        ("", ["a party official"], ("person", "official")),
        ("", ["the research team"], ("group", "other")),
        ("", ["his family"], ("group", "other")),
        ("", ["The couple"], ("group", "other")),
        # "WHO" is no relative pronoun; a day named by where it falls ends no description
        ("", ["the official WHO report yesterday"], ("organization", "official")),
        ("USA Today", ["USA Today"], ("organization", "media")),
        # quantifiers that stand for people
        ("", ["both"], ("group", "other")),
        ("", ["Not everyone"], ("group", "other")),
        ("", ["a local"], ("person", "citizen")),
        # a description ending in a person's role is that person; one cut before "by" is not
        ("", ["the Unity Party of Ruritania presidential nominee"], ("person", "official")),
        ("", ["a statement released by her family"], ("organization", "other")),
        # a fund's and a board's name
        ("Ruritania Relief Fund", ["the Ruritania Relief Fund"], ("organization", "other")),
        (
            "Springfield Board of Elections",
            ["the Springfield Board of Elections"],
            ("organization", "other"),
        ),
        # an acronym with an ampersand, and a hyphenated paper's name
        ("R&Q", ["R&Q"], ("organization", "other")),
        (
            "Springfield Review-Journal",
            ["The Springfield Review-Journal"],
            ("organization", "media"),
        ),
    ],
)
def test_a_publication_or_body_name_is_an_organization(name, mentions, expected):
    profile = profile_source(name, mentions)
    assert (profile["kind"], profile["type"]) == expected


@pytest.mark.parametrize(
    ("mention", "name", "kind", "source_type", "gender"),
    [
        # a person "of" a body or place is the person, typed by the body
        ("Professor Ann Lee of Springfield University", "Ann Lee", "person", "expert", "female"),
        ("Gov. John Park of Ohio", "John Park", "person", "other", "male"),
        ("Ann Lee of the State Department", "Ann Lee", "person", "official", "female"),
        # ... and so is a person "at", "from", "with" or "in" one
        ("Ann Lee from Springfield University", "Ann Lee", "person", "expert", "female"),
        ("spokesman John Park at the White House", "John Park", "person", "official", "male"),
        ("John Park with the Red Cross", "John Park", "person", "other", "male"),
        ("Ann Lee in Springfield", "Ann Lee", "person", "other", "female"),
        # no given name before "of", or a body's last word: not a person
        ("Bank of America", "Bank of America", "organization", "business", "unknown"),
        ("the Unity Party of America nominee", "", None, None, None),
    ],
)
def test_a_name_before_of_is_the_person(mention, name, kind, source_type, gender):
    assert mention_name(mention) == name
    if kind is not None:
        profile = profile_source(name, [mention])
        assert (profile["kind"], profile["type"], profile["gender"]) == (kind, source_type, gender)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname alone takes the given name written before it elsewhere in the article ...
        (
            "Margaret Holloway, a lawyer, filed the case in March. On Friday Holloway said the "
            "ruling was unfair.",
            ("Holloway", "female", "name_list"),
        ),
        # ... also when the surname is a given name too
        (
            "Susan Thomas, a lawyer, filed the case in March. On Friday Thomas said the ruling "
            "was unfair.",
            ("Thomas", "female", "name_list"),
        ),
        # ... also when the text starts with the surname
        (
            "Holloway said the ruling was unfair. Margaret Holloway, a lawyer, filed the case in "
            "March.",
            ("Holloway", "female", "name_list"),
        ),
        # without a full name in the text, a one-word name is looked up as it is
        ("Thomas said the ruling was unfair.", ("Thomas", "male", "name_list")),
        ("Holloway said the ruling was unfair.", ("Holloway", "unknown", None)),
    ],
)
def test_a_one_word_name_takes_its_given_name_from_the_text(text, expected):
    table = analysis.parse([text], attribution="rules").sources
    (row,) = table.itertuples()
    evidence = None if pd.isna(row.gender_evidence) else row.gender_evidence
    assert (row.name, row.gender, evidence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plural capitalised only where sentences start is a group, not a person's name
        (
            "The storm reached Springfield on Monday.\n\nMeteorologists said it would weaken.",
            ("Meteorologists", "group", "anonymous", "Meteorologists"),
        ),
        (
            "The storm reached Springfield.\xa0Observers said it would weaken.",
            ("Observers", "group", "anonymous", "Observers"),
        ),
        # a surname written after a given name elsewhere stays a name ...
        (
            "Ann Harris filed the case in March.\n\nHarris said the ruling was unfair.",
            ("Harris", "person", "named", None),
        ),
        # ... as does one capitalised in mid-sentence, and a given name of the lists
        (
            "A court in Springfield heard Collins on Monday. Collins said the ruling was unfair.",
            ("Collins", "person", "named", None),
        ),
        ("Charles said the ruling was unfair.", ("Charles", "person", "named", None)),
        # a body's name is not read as a plural
        ("Reuters said ten roads were closed.", ("Reuters", "organization", "institution", None)),
    ],
)
def test_a_plural_capitalised_at_sentence_starts_is_no_name(text, expected):
    table = analysis.parse([text], attribution="rules").sources
    (row,) = table.itertuples()
    descriptor = None if pd.isna(row.descriptor) else row.descriptor
    assert (row.name, row.kind, row.identification, descriptor) == expected


def test_a_capitalised_description_is_the_same_source_as_its_lower_case_form():
    text = "The road was closed, officials said. Officials said it would reopen on Monday."
    table = analysis.parse([text], attribution="rules").sources
    assert table["mentions"].tolist() == ["officials; Officials"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # he or she refers to a person named earlier in the sentence, never to a body or a place
        (
            "Ann Lee said the grant was large. Speaking at the Springfield Parks Foundation on "
            "Monday, she said the work would go on.",
            [("Ann Lee", "Ann Lee; she")],
        ),
        (
            "Bo Ray said the talks were hard. After a visit to New Zealand, he said they would "
            "go on.",
            [("Bo Ray", "Bo Ray; he")],
        ),
        (
            "Bo Ray said the talks were hard. After meeting John Park, he said they would go on.",
            [("Bo Ray", "Bo Ray"), ("John Park", "he")],
        ),
    ],
)
def test_a_pronoun_takes_no_body_or_place_as_its_antecedent(text, expected):
    table = analysis.parse([text], attribution="rules").sources
    assert list(zip(table["name"], table["mentions"], strict=True)) == expected


def test_a_given_name_inside_a_two_word_place_does_not_start_a_name():
    # "University of South Carolina Aiken": "Carolina" is a given name, but of "South Carolina"
    assert _after_office(["South", "Carolina", "Aiken"]) == ["South", "Carolina", "Aiken"]
    assert _after_office(["Ohio", "Ann", "Lee"]) == ["Ann", "Lee"]


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("the Institute for Parks and Recreation", ("organization", "institution")),
        ("the Center for Parks", ("organization", "institution")),
        ("a spokesman for the Institute for Parks and Recreation", ("person", "anonymous")),
        ("the Ruritania Unity Party of Ohio nominee", ("person", "anonymous")),
        (
            "researchers from the University of Springfield and Ohio University",
            ("group", "anonymous"),
        ),
        # a one-word name described as a body is one
        ("Ruritex, a textile company,", ("organization", "institution")),
        ("Roskosmo, the Ruritanian space agency,", ("organization", "institution")),
        # ... not one described by a person's role, nor a longer name
        ("Zorvan, the company's founder,", ("person", "named")),
        ("Bo Ray, a company director,", ("person", "named")),
        ("study co-author Ann Lee", ("person", "named")),
    ],
)
def test_bodies_named_in_a_mention_are_institutions(mention, expected):
    profile = profile_source(mention_name(mention), [mention])
    assert (profile["kind"], profile["identification"]) == expected
