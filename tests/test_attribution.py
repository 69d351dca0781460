"""Attributions (analysis/attribution/): one construction of news writing per case."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.brat import parse_spans
from analysis.quotes import find_quotes


def content_pieces(text: str, row: pd.Series) -> list[str]:
    """The texts of an attributions row's content pieces."""
    return [text[start:end] for start, end in parse_spans(row["content_spans"])]


def attributions(text: str) -> list[tuple]:
    """``(source, cue, content, kind)`` per attribution, ``None`` for a missing source."""
    table = analysis.parse([text], attribution="rules").attributions
    return [
        (
            None if pd.isna(row.source_text) else row.source_text,
            row.cue_text,
            row.content_text,
            row.kind,
        )
        for row in table.itertuples()
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SOURCE CUE CONTENT
        (
            "The minister said the talks would resume on Monday.",
            [("The minister", "said", "the talks would resume on Monday", "indirect")],
        ),
        # CONTENT, SOURCE CUE (a quotation)
        (
            "“We will win,” the coach said.",
            [("the coach", "said", "“We will win,”", "direct")],
        ),
        # CONTENT, SOURCE CUE (reported speech)
        (
            "The plant will close next year, the company said.",
            [("the company", "said", "The plant will close next year", "indirect")],
        ),
        # inverted, with an appositive
        (
            "“It is over,” said Ann Lee, a 40-year-old teacher.",
            [("Ann Lee, a 40-year-old teacher", "said", "“It is over,”", "direct")],
        ),
        # a source with an appositive between commas, the comma included
        (
            "Bo Ray, a spokesman for the ministry, said, “No comment.”",
            [("Bo Ray, a spokesman for the ministry,", "said", "“No comment.”", "direct")],
        ),
        # an adjunct between commas is not part of the source
        (
            "Ann Lee, in particular, said the plan would fail.",
            [("Ann Lee", "said", "the plan would fail", "indirect")],
        ),
        (
            "Bo Ray, on a visit to Lyon, warned that costs would rise.",
            [("Bo Ray", "warned", "that costs would rise", "indirect")],
        ),
        # inverted: an abbreviation in brackets, then an appositive to the end of the sentence
        (
            "“It is over,” said Sen. Ann Lee (D-N.M.), head of the farm caucus.",
            [("Sen. Ann Lee (D-N.M.), head of the farm caucus", "said", "“It is over,”", "direct")],
        ),
        # inverted: appositives and a relative clause, to the end of the sentence
        (
            "“It is over,” said Ann Lee, a lawyer for the club, who has sued the firm.",
            [
                (
                    "Ann Lee, a lawyer for the club, who has sued the firm",
                    "said",
                    "“It is over,”",
                    "direct",
                )
            ],
        ),
        # ... but a relative clause that reports something itself is no part of the source
        (
            "“It is over,” said Ann Lee, a lawyer, who added that the firm would appeal.",
            [
                ("Ann Lee, a lawyer", "said", "“It is over,”", "direct"),
                ("who", "added", "that the firm would appeal", "indirect"),
            ],
        ),
        (
            "“It is over,” said the farmer, who spoke on condition of anonymity.",
            [("the farmer", "said", "“It is over,”", "direct")],
        ),
        # inverted after a quotation: lower-case nouns before the name belong to the source
        (
            "“It is over,” said Lyon farm union boss Ann Lee.",
            [("Lyon farm union boss Ann Lee", "said", "“It is over,”", "direct")],
        ),
        (
            "“It is over,” said one Lyon farmer, Ann Lee.",
            [("one Lyon farmer, Ann Lee", "said", "“It is over,”", "direct")],
        ),
        # ... but after a plain comma that comma closes an appositive of the subject
        (
            "Ann Lee, a Lyon farmer, said the Keel Institute report was wrong.",
            [
                (
                    "Ann Lee, a Lyon farmer,",
                    "said",
                    "the Keel Institute report was wrong",
                    "indirect",
                )
            ],
        ),
        # "(But) when asked about X, Y said ...": the question is the content of asked, whose
        # source is whoever asked (Y is the one asked): nobody named, or the "by" phrase
        (
            "But when asked about the plan, Ann Lee said it would fail.",
            [
                (None, "asked about", "the plan", "indirect"),
                ("Ann Lee", "said", "it would fail", "indirect"),
            ],
        ),
        (
            "Asked by Bo Ray on Monday whether the plan would fail, Ann Lee said it might.",
            [
                ("Bo Ray", "Asked", "whether the plan would fail", "indirect"),
                ("Ann Lee", "said", "it might", "indirect"),
            ],
        ),
        (
            "“It is over,” Ann Lee said when asked about the plan.",
            [
                ("Ann Lee", "said", "“It is over,”", "direct"),
                (None, "asked about", "the plan", "indirect"),
            ],
        ),
        # a passive cue: its subject is not the one who asked or announced
        (
            "Ann Lee was asked whether the plant would close.",
            [(None, "was asked", "whether the plant would close", "indirect")],
        ),
        # a relative clause's report starts at the comma before its antecedent
        (
            "Most voters say the plan will fail, compared with 30 percent who say it will work.",
            [
                ("Most voters", "say", "the plan will fail", "indirect"),
                ("who", "say", "it will work", "indirect"),
            ],
        ),
        # ", with X saying ...": a new clause with its own report
        (
            "Voters shrugged off the plan, with three in 10 saying it would fail.",
            [
                ("Voters", "shrugged off", "the plan", "indirect"),
                ("three in 10", "saying", "it would fail", "indirect"),
            ],
        ),
        # a dash before a new clause with its own report ends the content before it
        (
            "Ann Lee knows the risk — she told the paper that the plan could fail.",
            [
                ("Ann Lee", "knows", "the risk", "indirect"),
                ("she", "told", "that the plan could fail", "indirect"),
            ],
        ),
        # "according to X" set between commas: its content goes on after it
        (
            "But, according to the poll, most voters remain undecided.",
            [("the poll", "according to", "most voters remain undecided", "indirect")],
        ),
        (
            "Lee has won 75 delegates, according to a tally, but her path is narrow.",
            [("a tally", "according to", "Lee has won 75 delegates", "indirect")],
        ),
        # the appositive of an "according to" source is the source's; a dash or a bracket
        # ends it, and so does the sentence's full stop, which is not the source's
        (
            "Sales fell, according to Ann Lee, an analyst at the bank.",
            [("Ann Lee, an analyst at the bank", "according to", "Sales fell", "indirect")],
        ),
        (
            "According to Ann Lee, a spokeswoman, the plan failed.",
            [("Ann Lee, a spokeswoman", "According to", "the plan failed", "indirect")],
        ),
        # an opening "According to X," with an appositive in "the" or a possessive, closed by
        # a comma; not a relative clause's antecedent
        (
            "According to Ann Lee, the union's chief economist, the plan failed.",
            [
                (
                    "Ann Lee, the union's chief economist",
                    "According to",
                    "the plan failed",
                    "indirect",
                )
            ],
        ),
        (
            "According to the poll, the plan, which failed, cost millions.",
            [("the poll", "According to", "the plan, which failed, cost millions", "indirect")],
        ),
        (
            "Sales fell, according to the bank - a drop of a tenth.",
            [("the bank", "according to", "Sales fell", "indirect")],
        ),
        (
            "The jet may fly again, according to the F.A.A.",
            [("the F.A.A", "according to", "The jet may fly again", "indirect")],
        ),
        # a headline's bare singular role is its source; a clause before a semicolon is
        # not part of the content
        (
            "Lee wins the vote; Turnout was high, analyst says.",
            [("analyst", "says", "Turnout was high", "indirect")],
        ),
        # "CONTENT, as SOURCE CUE": the report before "as" is the content
        (
            "The plan would raise the deficit, as the city auditor has noted.",
            [("the city auditor", "has noted", "The plan would raise the deficit", "indirect")],
        ),
        # an approximator before a number or a fraction, and "no" before "one", belong to it
        (
            "In the poll, only 49 percent of voters said the plan would fail.",
            [("only 49 percent of voters", "said", "the plan would fail", "indirect")],
        ),
        (
            "About two-thirds of voters say the plan will fail.",
            [("About two-thirds of voters", "say", "the plan will fail", "indirect")],
        ),
        (
            "On taxes, 42% say the plan will fail.",
            [("42%", "say", "the plan will fail", "indirect")],
        ),
        # ... also of more than one word, and more than one of them
        (
            "As many as 40 percent of voters said the plan would fail.",
            [("As many as 40 percent of voters", "said", "the plan would fail", "indirect")],
        ),
        (
            "Only about 4 in 10 voters say the plan will fail.",
            [("Only about 4 in 10 voters", "say", "the plan will fail", "indirect")],
        ),
        (
            "By then, more than half of voters said the plan would fail.",
            [("more than half of voters", "said", "the plan would fail", "indirect")],
        ),
        (
            "But no one said the plan would fail.",
            [("no one", "said", "the plan would fail", "indirect")],
        ),
        # a cue that reports only a clause or a quotation reports a topic after "about" or "of"
        (
            "Ann Lee spoke about the need for a new plan.",
            [("Ann Lee", "spoke about", "the need for a new plan", "indirect")],
        ),
        ("Ann Lee spoke with the mayor.", []),
        (
            "Ann Lee likened the plan to a car crash.",
            [("Ann Lee", "likened", "the plan to a car crash", "indirect")],
        ),
        (
            "Ann Lee supported the plan.",
            [("Ann Lee", "supported", "the plan", "indirect")],
        ),
        ("The plan was supported by unions.", []),
        # fixed phrases of the cue lexicon
        (
            "Ann Lee was confident that the plan would fail.",
            [("Ann Lee", "was confident", "that the plan would fail", "indirect")],
        ),
        ("It was a confident speech.", []),
        (
            "Ann Lee was critical of the plan.",
            [("Ann Lee", "was critical of", "the plan", "indirect")],
        ),
        (
            "Ann Lee made it clear that the plan would fail.",
            [("Ann Lee", "made it clear", "that the plan would fail", "indirect")],
        ),
        (
            "Ann Lee went on to say the plan would fail.",
            [("Ann Lee", "went on to say", "the plan would fail", "indirect")],
        ),
        ("The data made clear progress.", []),
        # a name's report closing its clause is a verb, not a noun ("the latest reports")
        (
            "The plan failed, the Chicago Tribune reports.",
            [("the Chicago Tribune", "reports", "The plan failed", "indirect")],
        ),
        ("Nobody read the latest reports.", []),
        # ... and so is a vehicle's ("a poll shows", not "a telephone call")
        (
            "For the first time, a poll shows the mayor leading.",
            [("a poll", "shows", "the mayor leading", "indirect")],
        ),
        # an opening "As reported by X" names its source, as "According to X" does
        (
            "As reported by the Chicago Tribune, the plan failed.",
            [("the Chicago Tribune", "reported", "the plan failed", "indirect")],
        ),
        # "by" before a medium is no passive's agent
        (
            "Ann Lee said by telephone that the plan would fail.",
            [("Ann Lee", "said", "that the plan would fail", "indirect")],
        ),
        # "since" of a perfect tense is part of the verb group; "since" before a participle is not
        (
            "She has since said that the plan would fail.",
            [("She", "has since said", "that the plan would fail", "indirect")],
        ),
        ("In the months since announcing the plan, she won.", []),
        # a comma and "then" join a report to the verb before it, which shares its subject
        (
            "Ann Lee offered him a job, then said the plan would fail.",
            [("Ann Lee", "then said", "the plan would fail", "indirect")],
        ),
        # an object pronoun after a preposition inside the phrase ("her" may be a possessive)
        (
            "A source close to him said the plan would fail.",
            [("A source close to him", "said", "the plan would fail", "indirect")],
        ),
        (
            "Officials familiar with it say the plan will fail.",
            [("Officials familiar with it", "say", "the plan will fail", "indirect")],
        ),
        # a statement issued with a participle cue joins the cue (PolNeAR's verb group)
        (
            "The ministry issued a statement Thursday, saying it would appeal.",
            [
                (
                    "The ministry",
                    "issued a statement Thursday, saying",
                    "it would appeal",
                    "indirect",
                )
            ],
        ),
        (
            "Both envoys issued statements condemning the attack.",
            [("Both envoys", "issued statements condemning", "the attack", "indirect")],
        ),
        (
            "Lee denied the report, saying it was false.",
            [
                ("Lee", "denied", "the report", "indirect"),
                ("Lee", "saying", "it was false", "indirect"),
            ],
        ),
        # the time of a participle inside the subject belongs to it
        (
            "A poll released last week found that Ann Lee leads.",
            [("A poll released last week", "found", "that Ann Lee leads", "indirect")],
        ),
        # "this" opens a subject unless a time word follows it
        (
            "“It is over,” this source told the paper.",
            [("this source", "told", "“It is over,”", "direct")],
        ),
        (
            "This week Ann Lee said the plan would fail.",
            [("Ann Lee", "said", "the plan would fail", "indirect")],
        ),
        # a bare plural after a conjunction opens a new clause with its own report
        (
            "Sales rose, and officials say prices will fall.",
            [("officials", "say", "prices will fall", "indirect")],
        ),
        # a report inside the subject's relative clause ends with the subject
        (
            "Ann Lee, a farmer who has refused to endorse Bo Ray, said the plan would fail.",
            [
                ("who", "has refused", "to endorse Bo Ray", "indirect"),
                (
                    "Ann Lee, a farmer who has refused to endorse Bo Ray,",
                    "said",
                    "the plan would fail",
                    "indirect",
                ),
            ],
        ),
        # a party tag between the name and its appositive
        (
            "Sen. Ann Lee, R-S.C., a farm leader, said the plan would fail.",
            [
                (
                    "Sen. Ann Lee, R-S.C., a farm leader,",
                    "said",
                    "the plan would fail",
                    "indirect",
                )
            ],
        ),
        # a quoted title or phrase inside the appositive belongs to it
        (
            "Ann Lee, author of “Guns, Germs and Steel,” said the plan would fail.",
            [
                (
                    "Ann Lee, author of “Guns, Germs and Steel,”",
                    "said",
                    "the plan would fail",
                    "indirect",
                )
            ],
        ),
        (
            "Ann Lee, who calls the plan a “fiasco,” said it would fail.",
            [
                ("who", "calls", "the plan a “fiasco,”", "mixed"),
                ("Ann Lee, who calls the plan a “fiasco,”", "said", "it would fail", "indirect"),
            ],
        ),
        # an aside between dashes belongs to the subject, dashes and all
        (
            "Ann Lee — a farmer from Lyon — says the plan will fail.",
            [("Ann Lee — a farmer from Lyon —", "says", "the plan will fail", "indirect")],
        ),
        (
            "The two envoys -- Ann Lee and Bo Ray -- agreed that talks would resume.",
            [
                (
                    "The two envoys -- Ann Lee and Bo Ray --",
                    "agreed",
                    "that talks would resume",
                    "indirect",
                )
            ],
        ),
        # a lower-case role after a quotation belongs to the name it leads to
        (
            "“It is over,” farm union boss Ann Lee said.",
            [("farm union boss Ann Lee", "said", "“It is over,”", "direct")],
        ),
        # inverted: a relative clause or a role's complement without a comma, to the clause end
        (
            "“It is over,” said a Lyon official who has sued the firm.",
            [("a Lyon official who has sued the firm", "said", "“It is over,”", "direct")],
        ),
        (
            "“It is over,” said one unnamed adviser to Ann Lee.",
            [("one unnamed adviser to Ann Lee", "said", "“It is over,”", "direct")],
        ),
        (
            "“It is over,” said the owner of a shop that sells shoes.",
            [("the owner of a shop that sells shoes", "said", "“It is over,”", "direct")],
        ),
        # inverted: a name that is also a function word, a participle's complement
        (
            "“It is over,” said Will Doyle, a professor.",
            [("Will Doyle, a professor", "said", "“It is over,”", "direct")],
        ),
        (
            "“It is over,” said one farmer involved in the talks.",
            [("one farmer involved in the talks", "said", "“It is over,”", "direct")],
        ),
        # inverted: a name "of the" organisation
        (
            "“It is over,” said Bo Ray of the Keel Institute, a think tank.",
            [("Bo Ray of the Keel Institute, a think tank", "said", "“It is over,”", "direct")],
        ),
        # a participle of speaking without "about" reports nothing: the main report stays
        (
            "Ann Lee, speaking to farmers in Lyon, said the plan would fail.",
            [("Ann Lee", "said", "the plan would fail", "indirect")],
        ),
        # a source with a relative clause
        (
            "Ann Lee, who leads the union, warned that members would strike.",
            [
                (
                    "Ann Lee, who leads the union,",
                    "warned",
                    "that members would strike",
                    "indirect",
                )
            ],
        ),
        # according to, after and before the content
        (
            "Prices rose sharply, according to the central bank.",
            [("the central bank", "according to", "Prices rose sharply", "indirect")],
        ),
        (
            "According to the report, the plant closed in May.",
            [("the report", "According to", "the plant closed in May", "indirect")],
        ),
        # the addressee of told is not part of the content
        (
            "Olga told reporters the town was empty.",
            [("Olga", "told", "the town was empty", "indirect")],
        ),
        # ... and in an opening "As" clause the content is the clause after it
        (
            "As Olga told the Daily News, tax relief was a gift.",
            [("Olga", "told", "tax relief was a gift", "indirect")],
        ),
        # ... but before an infinitive the addressee is part of what is reported
        (
            "Olga told reporters to expect a deal.",
            [("Olga", "told", "reporters to expect a deal", "indirect")],
        ),
        # ... also when a comma follows it and a clause, or "however," and a that-clause
        (
            "Olga told reporters, the town was empty.",
            [("Olga", "told", "the town was empty", "indirect")],
        ),
        (
            "Aides told reporters, however, that the town was empty.",
            [("Aides", "told", "that the town was empty", "indirect")],
        ),
        # an adverbial before a comma and a quotation is skipped ("said in a statement, “...”"),
        # but a clause there is the content, not the quotation after it
        (
            'Olga said in a statement, "We will appeal."',
            [("Olga", "said in a statement", '"We will appeal."', "direct")],
        ),
        (
            'Olga said in politics it takes time but added, "We will appeal."',
            [
                ("Olga", "said", "in politics it takes time", "indirect"),
                ("Olga", "added", '"We will appeal."', "direct"),
            ],
        ),
        # a plural-looking cue after a name is its verb when a named clause follows
        (
            "The Springfield Times reports Ann Lee will resign.",
            [("The Springfield Times", "reports", "Ann Lee will resign", "indirect")],
        ),
        # a quotation right after a cue is its content, not the opening clause before it
        (
            'When Bo Park accused her, Ann Lee said "We will appeal."',
            [
                ("Bo Park", "accused", "her", "indirect"),
                ("Ann Lee", "said", '"We will appeal."', "direct"),
            ],
        ),
        # a statement noun joins the cue
        (
            "The ministry said in a statement that it would appeal.",
            [("The ministry", "said in a statement", "that it would appeal", "indirect")],
        ),
        # colon lead-in to a quotation
        (
            "The mayor said: “We are ready.”",
            [("The mayor", "said:", "“We are ready.”", "direct")],
        ),
        # what he called: "what" is the content's first piece (content_text spans both)
        (
            "Putin launched what he called a special military operation.",
            [("he", "called", "what he called a special military operation", "indirect")],
        ),
        # a few quoted words inside reported speech
        (
            "He warned it would “absolutely” fail.",
            [("He", "warned", "it would “absolutely” fail", "mixed")],
        ),
        # a name before a colon at the start of a headline is its source; a heading is not
        (
            "Keel Watch: Mayor Hid The Report For Years",
            [("Keel Watch", ":", "Mayor Hid The Report For Years", "indirect")],
        ),
        (
            "Report: Lee to speak at the convention.",
            [("Report", ":", "Lee to speak at the convention", "indirect")],
        ),
        ("The Latest: Lee wins the vote in Lyon.", []),
        # ... nor a tally or a link after the colon
        ("Ann Lee: 1,769.", []),
        ("Online: http://example.com/poll.", []),
        # a digest's name between a dash and a colon before a quotation
        (
            "POLLS WERE EARLY - Ann Lee and Bo Ray: “The count was close.”",
            [("Ann Lee and Bo Ray", ":", "“The count was close.”", "direct")],
        ),
        # "as X put it": a cue before a comma, not "put it on the table"
        (
            "As Ann Lee puts it, the plan is bad.",
            [("Ann Lee", "puts it", "the plan is bad", "indirect")],
        ),
        ("He put it on the table.", []),
        # a headline in title case: capitalised cues count, its colon ends the content
        (
            "Ann Lee Endorses Bo Ray: A Win For The Left",
            [("Ann Lee", "Endorses", "Bo Ray", "indirect")],
        ),
        # negated or empty reports carry no content
        ("Neither side said what these would cover.", []),
        ("He did not say when.", []),
        # nouns are not cues
        ("The report was long and the call was short.", []),
        ("The strong jobs report was released on Friday.", []),
        (
            "Court reports show that the firm paid.",
            [("Court reports", "show", "that the firm paid", "indirect")],
        ),
        # ... but after a plural subject a noun-like cue is its verb
        (
            "Several polls show Ann Lee ahead of Bo Ray.",
            [("Several polls", "show", "Ann Lee ahead of Bo Ray", "indirect")],
        ),
        # a report inside another's content is not a separate attribution
        (
            "He said China found the situation worrying.",
            [("He", "said", "China found the situation worrying", "indirect")],
        ),
        # each cue could read the other's words as its content: the trailing report is the outer
        ("China did not object, Lee said.", [("Lee", "said", "China did not object", "indirect")]),
        # a participle after an article, or after an article and an adverb, is an adjective
        # of the subject, not its verb
        (
            "A leaked memo went out and said the plan would fail.",
            [("A leaked memo", "said", "the plan would fail", "indirect")],
        ),
        (
            "The newly created party said the plan would fail.",
            [("The newly created party", "said", "the plan would fail", "indirect")],
        ),
        # a name spelt like a modal, before a form no modal takes ("May said", not "may say")
        (
            "Theresa May said the plan would fail.",
            [("Theresa May", "said", "the plan would fail", "indirect")],
        ),
        ("The plan failed, May said.", [("May", "said", "The plan failed", "indirect")]),
        (  # the leading adverbial is the content's first piece, content_text spans both
            "In particular, Will wrote, the plan can work.",
            [("Will", "wrote", "In particular, Will wrote, the plan can work", "indirect")],
        ),
        (
            "Officials will say the plan failed.",
            [("Officials", "will say", "the plan failed", "indirect")],
        ),
        # a clause with its own report, joined by "and" after a report set between commas, is
        # not the rest of that report's content
        (
            "The jet cost $35 million, records show, and experts say it is worth less now.",
            [
                ("records", "show", "The jet cost $35 million", "indirect"),
                ("experts", "say", "it is worth less now", "indirect"),
            ],
        ),
        # a report in a subordinate clause after a noun phrase is not part of that content ...
        (
            "Ann Lee criticised the mayor after Bo Ray said the vote was unfair.",
            [
                ("Ann Lee", "criticised", "the mayor", "indirect"),
                ("Bo Ray", "said", "the vote was unfair", "indirect"),
            ],
        ),
        (
            "I was not talking about the mayor when I said the vote was unfair.",
            [
                ("I", "was not talking about", "the mayor", "indirect"),
                ("I", "said", "the vote was unfair", "indirect"),
            ],
        ),
        # ... but a reported clause keeps its own subordinate clause, report and all
        (
            "Ann Lee said she left the hall when Bo Ray announced the count.",
            [("Ann Lee", "said", "she left the hall when Bo Ray announced the count", "indirect")],
        ),
        # a relative clause set off by commas belongs to a source that the article names for
        # the first time (it says who the source is), not to one named before (an aside)
        (
            "Ann Lee, who runs the union, said the vote was fair.",
            [("Ann Lee, who runs the union,", "said", "the vote was fair", "indirect")],
        ),
        (
            "Ann Lee won. Later Ann Lee, who runs the union, said the vote was fair.",
            [("Ann Lee", "said", "the vote was fair", "indirect")],
        ),
        # a subject with a restrictive relative clause (no commas) ...
        (
            "Voters who watched the debate said they were unfazed.",
            [("Voters who watched the debate", "said", "they were unfazed", "indirect")],
        ),
        (
            "Groups that have endorsed him say the plan failed.",
            [("Groups that have endorsed him", "say", "the plan failed", "indirect")],
        ),
        # ... but not when the clause itself reports: "officials" is the inner subject
        (
            "He is a man who believes officials said the plan failed.",
            [("who", "believes", "officials said the plan failed", "indirect")],
        ),
        # "see", "view", "cast", "paint" ... report a stance with a noun phrase and "as"
        (
            "Most voters see Ann Lee as the stronger candidate.",
            [("Most voters", "see", "Ann Lee as the stronger candidate", "indirect")],
        ),
        (
            "Bo Ray has cast himself as an outsider.",
            [("Bo Ray", "has cast", "himself as an outsider", "indirect")],
        ),
        ("Sales saw a rise in March.", []),
        # ... a form that is also a noun is the verb when the frame follows; a poll's verdict
        (
            "Some view the plan as a failure.",
            [("Some", "view", "the plan as a failure", "indirect")],
        ),
        (
            "Most voters viewed him favorably.",
            [("Most voters", "viewed", "him favorably", "indirect")],
        ),
        ("The view of the lake comes as a surprise.", []),
        ("Hundreds cast their votes as the polls closed.", []),
        # a plural noun before "are" is no report, though a name comes before it
        ("The New York Times reports are long.", []),
        # a death toll is no claim; a clause about lives is
        ("The storm has claimed 12 lives since Monday.", []),
        ("The storm claimed the lives of 12 people.", []),
        (
            "Ann Lee claimed lives were saved.",
            [("Ann Lee", "claimed", "lives were saved", "indirect")],
        ),
        # a sentence adverb may stand between a subject and its cue
        (
            "Ann Lee however said the vote was fair.",
            [("Ann Lee", "said", "the vote was fair", "indirect")],
        ),
        # a report between a subject and its cue ends before the cue
        (
            "Ann Lee, noting the size of the crowd, said the vote was fair.",
            [
                ("Ann Lee", "noting", "the size of the crowd", "indirect"),
                ("Ann Lee", "said", "the vote was fair", "indirect"),
            ],
        ),
        # ... also when a quotation closes the report over its comma
        (
            "Ann Lee, citing “the size of the crowd,” said the vote was fair.",
            [
                ("Ann Lee", "citing", "“the size of the crowd,”", "direct"),
                ("Ann Lee", "said", "the vote was fair", "indirect"),
            ],
        ),
        (
            "Ann Lee, calling it ''a fair vote,'' said the count was over.",
            [
                ("Ann Lee", "calling", "it ''a fair vote,''", "mixed"),
                ("Ann Lee", "said", "the count was over", "indirect"),
            ],
        ),
        # a participle after a quotation that closes over its comma shares the subject
        (
            "Ann Lee called the plan a “total failure,” adding that it must change.",
            [
                ("Ann Lee", "called", "the plan a “total failure,”", "mixed"),
                ("Ann Lee", "adding", "that it must change", "indirect"),
            ],
        ),
        # a participle after a trailing cue reports on its own
        (
            "The town was calm, Ann Lee said, adding, “We will rebuild.”",
            [
                ("Ann Lee", "said", "The town was calm", "indirect"),
                ("Ann Lee", "adding", "“We will rebuild.”", "direct"),
            ],
        ),
    ],
)
def test_constructions(text, expected):
    assert attributions(text) == expected


def test_participle_after_a_quotation_is_not_an_inverted_report():
    text = "Ann Lee called the plan “a disgrace,” blaming Bo Ray."
    table = analysis.parse([text], attribution="rules").attributions
    assert "Bo Ray" not in table["source_text"].tolist()
    # the participle shares the main subject
    assert table["cue_text"].tolist() == ["called", "blaming"]
    assert table["source_text"].tolist() == ["Ann Lee", "Ann Lee"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor is widely expected to win the vote.", "is widely expected"),
        ("The mayor was said to favour the plan.", "was said"),
        ("The mayor is widely described as a moderate.", "is widely described"),
    ],
)
def test_a_raising_cue_reports_its_subject_with_its_complement(text, cue):
    # "X is expected to win": X is part of what is expected, not the one who expects it
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    pieces = content_pieces(text, row)
    assert row["cue_text"] == cue
    assert pd.isna(row["source_text"])
    assert pieces[0] == "The mayor"
    assert pieces[-1].startswith(("to ", "as "))


@pytest.mark.parametrize("attribution", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # what is said of a passive cue's subject is reported with the subject as its first piece
        (
            "Ann Lee was criticized for the plan to close the plant.",
            ["Ann Lee", "the plan to close the plant"],
        ),
        ("Ann Lee has been accused of lying about the plan.", ["Ann Lee", "lying about the plan"]),
        (
            "He met the mayor, who is known for her tough stance on crime.",
            ["who", "her tough stance on crime"],
        ),
        # not an "it" standing for the clause, nor the one asked
        ("It was announced that the plant would close.", ["that the plant would close"]),
        ("Ann Lee was asked whether the plant would close.", ["whether the plant would close"]),
    ],
)
def test_a_passive_cue_reports_its_subject(text, pieces, attribution):
    table = analysis.parse([text], attribution=attribution).attributions
    row = table.iloc[-1]
    assert pd.isna(row["source_text"])
    assert content_pieces(text, row) == pieces


@pytest.mark.parametrize("attribution", ["rules", "model"])
def test_a_passive_subject_inside_an_earlier_report_leaves_that_report_whole(attribution):
    text = "Bo Ray said the plant was criticized for its noise."
    row = analysis.parse([text], attribution=attribution).attributions.iloc[0]
    assert (row["cue_text"], row["content_text"]) == (
        "said",
        "the plant was criticized for its noise",
    )


def test_report_set_between_commas_splits_its_content():
    text = "But the plan, Ann Lee said, is doomed to fail."
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert content_pieces(text, row) == ["But the plan", "is doomed to fail"]
    assert (row["source_text"], row["cue_text"], row["kind"]) == ("Ann Lee", "said", "indirect")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a connective that opens the sentence is the reporter's, not the source's
        ("In fact, the fund is empty, according to the report.", "the fund is empty"),
        ("Even so, the fund is empty, according to the report.", "the fund is empty"),
        # a time or place is part of what the source says
        (
            "On Monday, the fund was empty, according to the report.",
            "On Monday, the fund was empty",
        ),
        ("Now, the fund is empty, according to the report.", "Now, the fund is empty"),
    ],
)
def test_a_trailing_according_to_leaves_out_an_opening_connective(text, content):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["cue_text"], row["content_text"]) == ("according to", content)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # a head without a verb goes on after the source
        (
            "One Sunday in 2001, according to the book, Ann Lee sold the firm.",
            ["One Sunday in 2001", "Ann Lee sold the firm"],
        ),
        # a head that is a clause of its own does not
        (
            "Ann Lee sold the firm, according to the book, taking a step toward retirement.",
            ["Ann Lee sold the firm"],
        ),
    ],
)
def test_according_to_between_commas_continues_a_head_without_a_verb(text, pieces):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert row["cue_text"] == "according to"
    assert content_pieces(text, row) == pieces


def test_according_to_set_between_commas_splits_its_content():
    text = "His main worry, according to the report, was the cost of the plan."
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert content_pieces(text, row) == ["His main worry", "was the cost of the plan"]
    assert (row["source_text"], row["cue_text"]) == ("the report", "according to")


def test_split_quotation_is_one_attribution_with_two_pieces():
    text = "“Part one,” she said, “part two.”"
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    pieces = [tuple(map(int, p.split())) for p in row["content_spans"].split(";")]
    assert [text[s:e] for s, e in pieces] == ["“Part one,”", "“part two.”"]
    assert (row["source_text"], row["kind"]) == ("she", "direct")
    assert (row["content_start"], row["content_end"]) == (pieces[0][0], pieces[1][1])


def test_coordinated_cue_shares_the_subject():
    text = "He said prices rose and added, “We are worried.”"
    table = analysis.parse([text], attribution="rules").attributions
    assert table["cue_text"].tolist() == ["said", "added"]
    assert table["source_text"].tolist() == ["He", "He"]
    assert table["content_text"].tolist() == ["prices rose", "“We are worried.”"]


@pytest.mark.parametrize(
    ("text", "source", "via"),
    [
        (
            "Ann Lee was quoted by the Tass news agency as saying the deal was done.",
            "Ann Lee",
            "the Tass news agency",
        ),
        ("The deal was done, Tass quoted Ann Lee as saying.", "Ann Lee", "Tass"),
        ("Olga told Reuters the town was empty.", "Olga", "Reuters"),
    ],
)
def test_intermediaries_are_via_not_sources(text, source, via):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["source_text"], row["via"]) == (source, via)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # an age between the name and its appositive
        ("Ann Lee, 21, a student from Ohio, said she voted.", "Ann Lee, 21, a student from Ohio,"),
        # a plural possessive's apostrophe is no quotation mark
        ("Ann Lee, the voters' choice, said she won.", "Ann Lee, the voters' choice,"),
        # a lower-case word before a title opens the phrase
        ("Prices rose, former Governor Ann Lee said.", "former Governor Ann Lee"),
        # a plural without a final -s opens a subject by itself, as "officials" does
        (
            "The deal is close, people familiar with the talks said.",
            "people familiar with the talks",
        ),
        # ... and with lower-case modifiers, as "local officials" does
        ("The shop was looted, local police said.", "local police"),
        # "with" or "of" after a plural noun keeps the phrase going
        (
            "People with direct knowledge of the talks said the deal was close.",
            "People with direct knowledge of the talks",
        ),
        # a name, its role and the role's own appositive ("president of X, a group,")
        (
            "The vote was fair, Ann Lee, head of the Fund, a charity, said.",
            "Ann Lee, head of the Fund, a charity,",
        ),
        # ... but a time phrase before the comma is no name ("On Monday, Ann Lee, a ...")
        ("On Monday, Ann Lee, a senator, said the vote was fair.", "Ann Lee, a senator,"),
        # an aside opened by "including" or "like" stays in the subject, as PolNeAR marks it
        (
            "The vote was fair, several mayors, including Ann Lee, said.",
            "several mayors, including Ann Lee,",
        ),
        # where a person is from, after their age, is part of the source
        ("Ann Lee, 33, of Ava, Mo., said the vote was fair.", "Ann Lee, 33, of Ava, Mo.,"),
        ("The vote was fair, said Ann Lee, 33, of Ava, Mo.", "Ann Lee, 33, of Ava, Mo."),
        # a city's comma before its state is no end of the appositive
        (
            "The vote was fair, Ann Lee, a nurse from Ava, Mo., who backs Lee, said.",
            "Ann Lee, a nurse from Ava, Mo., who backs Lee,",
        ),
        # a subject pronoun coordinated before the phrase belongs to it
        ("The vote was fair, she and another reporter said.", "she and another reporter"),
        # "on" inside the phrase ("people briefed on the talks", "the Commission on ...")
        ("The vote was fair, people briefed on the talks said.", "people briefed on the talks"),
        # a noun in -ly is no adverb: it stays in the phrase, out of the cue
        ("The vote was fair, Ann Lee's family said.", "Ann Lee's family"),
        # a slash joins two names ("CNN/ORC", "Times/CBS News")
        ("Lee leads, a new CNN/ORC poll said.", "a new CNN/ORC poll"),
        ("Lee leads, a Times/CBS News survey said.", "a Times/CBS News survey"),
        # a dateline's dash, or a dash closing an aside, is no part of the phrase
        ("OHIO - Ann Lee said she voted.", "Ann Lee"),
        ("He won - a local pollster said he voted.", "a local pollster"),
        # a number's comma stays in the phrase
        ("Of the members polled, 1,409 teachers said they voted.", "1,409 teachers"),
    ],
)
def test_appositive_subjects(text, source):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["source_text"], row["cue_text"]) == (source, "said")


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # the comma closes the opening subject's appositive: no "content, said SOURCE"
        (
            "Ann Lee, a spokeswoman for the campaign, said that the focus of the race was jobs.",
            "Ann Lee, a spokeswoman for the campaign,",
            "said",
            "that the focus of the race was jobs",
        ),
        (
            "Tom Reed, who spent the morning near City Hall, described the protests as calm.",
            "Tom Reed, who spent the morning near City Hall,",
            "described",
            "the protests as calm",
        ),
        # ... after a conjunction or a leading adverbial too
        (
            "But Ann Lee, a spokeswoman for the campaign, said that the focus of it was jobs.",
            "Ann Lee, a spokeswoman for the campaign,",
            "said",
            "that the focus of it was jobs",
        ),
        (
            "In an email, Tom Reed, a former editor, defended the role of the paper in town.",
            "Tom Reed, a former editor,",
            "defended",
            "the role of the paper in town",
        ),
        # a clause before the comma is reported, and the phrase after the cue is its source
        (
            "Prices rose sharply in the last quarter, said John Smith, an economist.",
            "John Smith, an economist",
            "said",
            "Prices rose sharply in the last quarter",
        ),
    ],
)
def test_a_comma_after_an_opening_subject_is_no_inverted_report(text, source, cue, content, mode):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert (row["source_text"], row["cue_text"], row["content_text"]) == (source, cue, content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # after two appositives: a that-clause, or a clause whose verb follows a phrase, is
        # the content, not an inverted source
        (
            "But Ann Lee, head of the club, a charity for the poor, said that the fund is empty.",
            "that the fund is empty",
        ),
        (
            "Ann Lee, head of the club, a charity for the poor, said the cost of it would rise.",
            "the cost of it would rise",
        ),
    ],
)
def test_a_clause_after_the_cue_is_no_inverted_source(text, content):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["cue_text"], row["content_text"]) == ("said", content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the final period of an abbreviation is the word's, not the sentence's
        ("Ann Lee says praise from Ottawa helps the U.S.", "praise from Ottawa helps the U.S."),
        ("Ann Lee said the rally was in Fresno, Calif.", "the rally was in Fresno, Calif."),
        ("Ann Lee said the rally was in Fresno.", "the rally was in Fresno"),
    ],
)
def test_a_content_keeps_the_period_of_a_final_abbreviation(text, content):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert row["content_text"] == content


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # a relative pronoun before the report is the first piece of what is reported
        ("He wants a wall, which he said was needed.", ["which", "was needed"]),
        ("It is a trend that he says will continue.", ["that", "will continue"]),
        # ... up to the comma closing the relative clause
        ("The senator, who he said was a friend, left early.", ["who", "was a friend"]),
        # "that" opening a clause whose report has its own subject: no piece of its own
        ("It is clear that Ann said the wall was needed.", ["the wall was needed"]),
        # the pronoun stands for the content's object, or for a subject opening with any verb
        ("He fought the tax, which he said was a disgrace.", ["which", "was a disgrace"]),
        ("He fought the tax, which he called a disgrace.", ["which", "a disgrace"]),
        ("He fought the tax, which he said hurt farmers.", ["which", "hurt farmers"]),
        # a free relative "what" too, also after a preposition
        ("That is what the mayor wanted to hear.", ["what", "to hear"]),
        ("They prepared for what he called a long winter.", ["what", "a long winter"]),
        # "where" and "in which" stand for no part of what is said
        ("He spoke in Fresno, where he said the wall was needed.", ["the wall was needed"]),
        ("He gave a speech in which he said the wall was needed.", ["the wall was needed"]),
    ],
)
def test_a_relative_pronoun_before_a_report_is_part_of_its_content(text, pieces):
    table = analysis.parse([text], attribution="rules").attributions
    row = table[table["cue_text"].isin(["said", "says", "called", "wanted"])].iloc[0]
    assert content_pieces(text, row) == pieces
    # the attribution around it stops before the pronoun
    assert not any(t.endswith(("which", "that", "what")) for t in table["content_text"])


def test_a_free_relative_inside_an_earlier_content_leaves_that_content_whole():
    text = "Ann Lee has said that she would fine the firm for what she sees as price gouging."
    table = analysis.parse([text], attribution="rules").attributions
    said = table[table["cue_text"] == "has said"].iloc[0]
    assert said["content_text"].endswith("for what she sees as price gouging")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a verb before the phrase ends it
        ("The show began with Ann Lee joking that she was tired.", "Ann Lee"),
        ("Bo Ray held up a sign saying that the war must end.", "a sign"),
        # a plural noun and its modifiers before a preposition open the phrase
        ("However, young members of the party denounced the plan.", "young members of the party"),
        # a time word after an article is an adjective of the phrase, not a time phrase
        (
            "An earlier report in a local paper said that Lee had quit.",
            "An earlier report in a local paper",
        ),
        # a clause after "reason" has its own subject
        ("One reason voters say they like Lee is her record.", "voters"),
        # a party tag inside a coordination of names
        (
            "Gov. Ann Lee (D) and Gov. Bo Ray (R) said that they would run.",
            "Gov. Ann Lee (D) and Gov. Bo Ray (R)",
        ),
        # an example of a plural noun, and the agent of a participle
        ("Still, critics like Ann Lee say the plan will fail.", "critics like Ann Lee"),
        (
            "A poll conducted by voters in Iowa showed that Lee led.",
            "A poll conducted by voters in Iowa",
        ),
        # a participle before its agent does not end the phrase as a verb would
        (
            "A panel of judges led by Ann Lee agreed that the law was void.",
            "A panel of judges led by Ann Lee",
        ),
    ],
)
def test_where_a_subject_phrase_starts(text, source):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert row["source_text"] == source


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # a quotation going on in lower case finishes the clause before the report
        ("The plan, she said, “is doomed to fail.”", ["The plan", "“is doomed to fail.”"]),
        # one opening with a capital is a sentence of its own
        ("At one point, Lee said, “We will win.”", ["“We will win.”"]),
        # a leading adverbial that the report follows is the first piece
        (
            "In most cases, it said, “the firm is to blame.”",
            ["In most cases", "“the firm is to blame.”"],
        ),
        (
            "In the long run, many say, the plan will fail.",
            ["In the long run", "the plan will fail"],
        ),
        # nor is the clause before a piece when it holds another report
        (
            "Ann Lee admitted the two had split the vote, an outcome, he said, “we expected.”",
            ["“we expected.”"],
        ),
    ],
)
def test_a_report_set_inside_a_sentence_splits_its_content(mode, text, pieces):
    table = analysis.parse([text], attribution=mode).attributions
    row = table[table["cue_text"].isin(["said", "say"])].iloc[0]
    assert content_pieces(text, row) == pieces


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # "to" and the one spoken to after a verb of saying: the quotation is the content
        ("“It is fine,” Ann Lee said to reporters.", ["“It is fine,”"]),
        ("“We will win,” Bo Ray said to a crowd of 2,000 in Fresno.", ["“We will win,”"]),
        ("After it, Lee wrote to her 2,000 fans, “It is time,” and left.", ["“It is time,”"]),
        ("Ann Lee explained to reporters why the plan failed.", ["why the plan failed"]),
        ("“We will win,” Ann Lee proclaimed to a cheering crowd.", ["“We will win,”"]),
        # "that" before a time word is no that-clause
        ("“It is a new day,” Lee said in her speech that night.", ["“It is a new day,”"]),
        # a sentence that ends in the comma after the one spoken to (no quotation follows)
        ("“It is fine,” Lee wrote to her fans,", ["“It is fine,”"]),
        # not "to" before a verb, nor after a verb whose "to" takes what is reported
        ("Ann Lee is said to be ill.", ["Ann Lee", "to be ill"]),
        ("Ann Lee responded to reports that it failed.", ["to reports that it failed"]),
    ],
)  # fmt: skip
def test_to_and_the_one_spoken_to_after_the_cue_is_no_content(mode, text, pieces):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert content_pieces(text, row) == pieces


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a contracted "has" is no passive: the subject is the source
        ("Look at Ann Lee. She's said she gets her ideas from Ayn Rand.", "She"),
        # ... but "It's said that" has no source, as "It is said that" has none
        ("It's said that she gets her ideas from Ayn Rand.", None),
        # a state of the subject after "be" is no passive ("is worried that")
        ("The city council is worried that the fund will run dry.", "The city council"),
        ("Her advisers were not worried that the plan would fail.", "Her advisers"),
    ],
)
def test_a_form_of_be_before_the_cue_keeps_the_subject_unless_passive(text, source):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (None if pd.isna(row["source_text"]) else row["source_text"]) == source


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # a participle after the report is no cue of its own, nor part of the source
        ("“We are fine,” said Tom Reed, only half joking.", "Tom Reed", "“We are fine,”"),
        ("“We are fine,” Tom Reed said, half joking.", "Tom Reed", "“We are fine,”"),
        # a quotation closed by an inner mark and the archive's double mark ('')
        (
            "The mail came. ''They say, 'Go home,''' said Ann Lee, who runs the shop.",
            "Ann Lee, who runs the shop",
            "''They say, 'Go home,'''",
        ),
    ],
)
def test_after_a_quotation_the_report_is_its_speakers(text, source, content, mode):
    table = analysis.parse([text], attribution=mode).attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        [source, "said", content]
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the comma after the subject's object or appositive opens no adverbial
        ("Lee fired his aide, Tom Reed, citing the report on the budget.", "Lee"),
        ("Tom Reed, in a relaxed mood, spoke for an hour, saying the plan would work.", "Tom Reed"),
        # a leading adverbial before the subject is skipped
        ("Two days later, Ann Lee canceled the rally, citing the storm.", "Ann Lee"),
        ("Back in Ohio, the mayor signed the bill, saying it would help.", "the mayor"),
        # a live blog's time stamp opens the sentence, not its subject
        ("9:34 p.m. Ann Lee has made a defense of the plan, saying it would help.", "Ann Lee"),
        # two names joined by "and" are one subject
        ("Ann Lee and Bo Ray spoke for an hour, saying the plan would help.", "Ann Lee and Bo Ray"),
        # ... and so is an opening time phrase without its comma
        ("By Sunday afternoon she had canceled the rally, citing the storm.", "she"),
        ("On Monday Ann Lee signed the bill, saying it would help.", "Ann Lee"),
    ],
)
def test_a_participle_report_takes_the_subject_of_the_main_clause(text, source):
    row = analysis.parse([text], attribution="rules").attributions.iloc[-1]
    assert row["source_text"] == source


def test_a_one_word_answer_at_the_end_of_a_sentence_is_the_content():
    # "no." is the word and a full stop, not the number sign "No."
    table = analysis.parse(["The mayor said no. She left."], attribution="rules").attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        ["The mayor", "said", "no"]
    ]


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_a_cue_closing_an_opening_subordinate_clause_reports_nothing(mode):
    # "concluded" ends the clause "By the time ...": the main clause is no content of it, and
    # the report in the main clause is not lost inside it
    text = "By the time the talks concluded, most voters said they could not back the deal."
    table = analysis.parse([text], attribution=mode).attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        ["most voters", "said", "they could not back the deal"]
    ]


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # "to" and an addressee between the cue and "that": the content starts at "that"
        ("Ann Lee wrote to the city office that the fund was empty.", "that the fund was empty"),
        (
            "Ann Lee complained to CBS News' Bo Ray that the vote was unfair.",
            "that the vote was unfair",
        ),
        # ... or a comma and a quotation ("to his 20,000 followers" has a number's comma)
        ("Ann Lee wrote to her 20,000 followers, “The vote was fair.”", "“The vote was fair.”"),
        # a place after "on" before a quotation is no particle of the cue
        ("Ann Lee wrote on Facebook, “The vote was fair.”", "“The vote was fair.”"),
        # ... but not "to" and a verb, nor a relative "that"
        ("Ann Lee wanted to address the claim that the vote was unfair.", None),
        ("Ann Lee objected to the rule that has divided the town.", None),
    ],
)
def test_an_addressee_after_to_is_left_out_of_the_content(text, content, mode):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    if content is None:
        assert row["content_text"].startswith("to ")
    else:
        assert row["content_text"] == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the content of a cue inside the opening clause ends at the clause's comma
        ("While Lee said the vote was fair, her rivals left town.", "the vote was fair"),
        ("By the time Lee said the vote was fair, it was late.", "the vote was fair"),
        # a comma before the cue: the cue is in the main clause, whose content runs on
        (
            "When it rained, Lee said the vote was fair, open and free.",
            "the vote was fair, open and free",
        ),
        # the comma closing a quotation closes the clause too
        ('When Lee said the vote was "fair," her rivals left town.', 'the vote was "fair,"'),
        # a number's comma does not
        ("While Lee says 2,400 votes were lost, Ray says none were.", "2,400 votes were lost"),
    ],
)
@pytest.mark.parametrize("mode", ["rules", "model"])
def test_the_content_of_a_cue_in_an_opening_clause_ends_with_the_clause(text, content, mode):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert row["content_text"] == content


def test_a_cue_closing_a_relative_clause_does_not_take_the_report_after_it():
    # "was declared" ends the relative clause: "told ..." is its subject's report, not its
    # content
    text = "Ann Lee, who met Tom Reed after the winner was declared, told reporters, “We won.”"
    table = analysis.parse([text], attribution="rules").attributions
    told = table[table["cue_text"] == "told"]
    assert told[["source_text", "content_text"]].values.tolist() == [
        ["Ann Lee, who met Tom Reed after the winner was declared,", "“We won.”"]
    ]


def test_speech_without_a_topic_after_a_content_reports_nothing():
    text = "Lee told reporters that they met on Monday, the first time the two men spoke."
    table = analysis.parse([text], attribution="rules").attributions
    assert table["cue_text"].tolist() == ["told"]


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the addressee of "told" ends at a preposition: the place or occasion after it is an
        # adjunct of the report, not its content
        (
            "“The vote was fair,” Ann Lee told reporters outside a cafe in Ohio.",
            "“The vote was fair,”",
        ),
        ("“The vote was fair,” Ann Lee told CNN in a statement.", "“The vote was fair,”"),
        ("Ann Lee told reporters near the hall that the vote was fair.", "that the vote was fair"),
        # ... or at a subordinator
        (
            "“The vote was fair,” Ann Lee told reporters as she left the hall.",
            "“The vote was fair,”",
        ),
        # ... but "of" before a name belongs to it
        (
            "“The vote was fair,” Ann Lee told the Union of Ohio Teachers at its meeting.",
            "“The vote was fair,”",
        ),
    ],
)
def test_the_addressee_of_told_ends_at_a_preposition(text, content, mode):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert (row["cue_text"], row["content_text"]) == ("told", content)


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # The addressee of a question is neither source nor content.
        ("A reporter asked the senator whether he would run.", "whether he would run"),
        ("Ann Lee asked Olga's aide about the vote.", "about the vote"),
        # No question word after a short phrase: nothing is skipped.
        ("Ann Lee asked whether the vote was fair.", "whether the vote was fair"),
        # A colon or comma after the addressee: the quoted question
        ("Ann Lee asked the mayors: “Why was the vote late?”", "“Why was the vote late?”"),
    ],
)
def test_a_question_cue_skips_its_addressee(text, content, mode):
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert (row["cue_text"], row["content_text"]) == ("asked", content)


def test_quotation_paragraph_after_a_quotation_floats_to_its_speaker():
    text = "“It is fine,” Ann Lee said.\n\n“We will rebuild.”"
    table = analysis.parse([text], attribution="rules").attributions
    assert table["is_floating"].tolist() == [False, True]
    assert table["source_text"].tolist() == ["Ann Lee", "Ann Lee"]
    assert pd.isna(table.loc[1, "cue_start"])
    assert table["source_id"].nunique() == 1


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("“It is fine,” Ann Lee said. “We will rebuild.”", ["“It is fine,”", "“We will rebuild.”"]),
        # a content that only ends in a quotation is continued too
        (
            "The town is “quite fine,” Ann Lee said. “We will rebuild.”",
            ["The town is “quite fine,”", "“We will rebuild.”"],
        ),
    ],
)
def test_quotation_sentence_in_the_same_paragraph_continues_the_content(text, pieces):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert content_pieces(text, row) == pieces


@pytest.mark.parametrize(
    ("text", "lemma", "category"),
    [
        ("The group claimed the vote was rigged.", "claim", "distancing"),
        ("The ministry denied the report was true.", "deny", "denial"),
        ("The police confirmed two people died.", "confirm", "endorsing"),
        ("Analysts believe rates will rise.", "believe", "belief"),
        ("The envoy urged both sides to talk.", "urge", "argumentative"),
        ("The envoy said both sides would talk.", "say", "neutral"),
    ],
)
def test_cue_categories(text, lemma, category):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["cue_lemma"], row["cue_category"]) == (lemma, category)


def test_quotes_are_linked_to_their_attribution():
    text = "“We will win,” the coach said. The “miracle” season ended."
    parsed = analysis.parse([text], attribution="rules")
    quotes = parsed.quotes
    assert quotes["kind"].tolist() == ["direct", "other"]
    assert quotes["attribution_id"].tolist()[0] == parsed.attributions["attribution_id"][0]
    assert pd.isna(quotes["attribution_id"].tolist()[1])


def test_spans_index_the_text():
    text = (
        "By Ann Lee\n\nPARIS (Reuters) - Prices rose, the bank said. “It is fine,” said Bo Ray, "
        "an analyst. According to the report, wages fell.\n\n(Editing by Cy Dee)"
    )
    table = analysis.parse([text], attribution="rules").attributions
    assert len(table) == 3
    for row in table.itertuples():
        for role in ("source", "cue", "content"):
            start, end = getattr(row, f"{role}_start"), getattr(row, f"{role}_end")
            if not pd.isna(start):
                assert text[start:end] == getattr(row, f"{role}_text")


@pytest.mark.parametrize(
    ("sentence", "may"),
    [
        ("The storm hit the coast on Monday.", False),  # "hit" alone is no cue; "hit out" is
        ("The minister hit out at critics.", True),
        ("The minister hit\nout at critics.", True),  # a line break is white space too
        ("The storm hit the coast, and out went the lights.", False),
        ("Residents: shaken.", True),  # a colon may introduce a source
        # words inside a quotation are the source's: they start no cue
        ("The team was “told to say nothing” on Monday.", False),
        ("“We said no,” the team argued.", True),
        ("“They said it would rain all week.", False),  # a quotation with no closing mark
        ("He “hit out” at critics.", False),
        ("“Fine” ― Ann Lee.", True),  # a dash right after a quotation
    ],
)
def test_the_cheap_pre_test_admits_every_sentence_with_a_possible_cue(sentence, may):
    from analysis.attribution.cues import _may_attribute
    from analysis.attribution.sentences import _sentence_attributions
    from analysis.attribution.tokens import _Sentence

    quotes = find_quotes(sentence)
    assert _may_attribute(sentence, 0, len(sentence), quotes) is may
    if not may:  # what the pre-test turns away, the rules would not have attributed
        assert _sentence_attributions(_Sentence(sentence, 0, len(sentence), quotes), 0) == []


def test_a_contraction_s_first_token_may_start_a_cue(monkeypatch):
    # No cue in the shipped lexicon is an auxiliary, but an edited one may hold "could": then
    # "couldn't" (the run "couldn", tokens "could|n't") may start a cue, in ASCII text or not.
    from analysis.attribution import cues

    monkeypatch.setattr(cues, "_cue_words", lambda: (frozenset({"could"}), {}, ()))
    monkeypatch.setattr(cues, "_ascii_cue_words", lambda: (frozenset({b"could"}), {}))
    for text in ("he couldn't say", "he couldn’t say", "he couldn't say “yes”"):
        assert cues._has_cue_word(text, text)
    for text in ("he wouldn't say", "he wouldn’t say", "the couldn shop"):
        assert not cues._has_cue_word(text, text)


_PRE_TEST_PHRASES = [
    "He said", "Smith told reporters", "according to Smith", "officials say", "hit out at",
    "couldn’t say", "couldn't say", "wouldn't comment", "e-mailed", "hit", "out",
    "the report", "it rained", "the plan", "Ann Lee", "Smith:",
    ",", ".", "-", "―", "(", ")", "“", "”", '"', "‘", "’",
]  # fmt: skip
_PRE_TEST_PIECES = st.lists(
    st.tuples(st.sampled_from(_PRE_TEST_PHRASES), st.sampled_from([" ", "", "\n"])),
    max_size=5,
).map(lambda pieces: "".join(phrase + space for phrase, space in pieces))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _PRE_TEST_PIECES,
    st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("“", ""), ("", "")]),
    _PRE_TEST_PIECES,
    _PRE_TEST_PIECES,
)
def test_the_pre_test_never_turns_away_a_sentence_the_rules_attribute(before, marks, inside, after):
    from analysis.attribution.constructions import _dash_signature
    from analysis.attribution.cues import _may_attribute
    from analysis.attribution.sentences import _sentence_attributions
    from analysis.attribution.tokens import _Sentence

    opening, closing = marks
    sentence = f"{before}{opening}{inside}{closing} {after}".strip() or "said"
    quotes = find_quotes(sentence)
    if not _may_attribute(sentence, 0, len(sentence), quotes):
        parsed = _Sentence(sentence, 0, len(sentence), quotes)
        assert _sentence_attributions(parsed, 0) == []
        assert _dash_signature(parsed, 0) is None


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a time phrase between the cue and its content is neither
        (
            "The governor announced on Monday the lawsuit against the city.",
            "the lawsuit against the city",
        ),
        ("Ann Lee said Monday night the vote was fair.", "the vote was fair"),
        # ... unless the time is the content's own
        ("Ann Lee said this week's vote was fair.", "this week's vote was fair"),
    ],
)
def test_a_time_phrase_after_the_cue_is_no_content(text, content):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert row["content_text"] == content


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a title quoted in the source of "according to" keeps its punctuation
        (
            "He bought the hotel in 1980, according to his book ''The Art of Buying.''",
            "his book ''The Art of Buying.''",
        ),
        (
            "She ran it badly, according to “Good Enough: A Life in Business” by Bo Ray.",
            "“Good Enough: A Life in Business” by Bo Ray",
        ),
    ],
)
def test_a_quoted_title_is_whole_in_the_source_of_according_to(text, source):
    row = analysis.parse([text], attribution="rules").attributions.iloc[0]
    assert (row["cue_text"], row["source_text"]) == ("according to", source)


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_a_time_after_an_inverted_report_is_no_content(mode):
    text = "The mayor found no evidence of fraud, the AP reported late Monday."
    row = analysis.parse([text], attribution=mode).attributions.iloc[0]
    assert (row["source_text"], row["content_text"]) == (
        "the AP",
        "The mayor found no evidence of fraud",
    )


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_a_report_inside_a_later_reports_content_nests_in_it(mode):
    # the clause with its own report ("organizers added") is what the paper reported: one
    # attribution, whose content runs from the sentence start
    text = "In Ohio, organizers added 160 guards, the Tribune reported."
    table = analysis.parse([text], attribution=mode).attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        ["the Tribune", "reported", "In Ohio, organizers added 160 guards"]
    ]


@pytest.mark.parametrize("mode", ["rules", "model"])
@pytest.mark.parametrize("determiner", ["that", "this"])
def test_that_after_a_preposition_is_a_determiner_in_the_source(mode, determiner):
    text = f"One of the authors of {determiner} 2013 report, Ann Lee, said the plan would fail."
    table = analysis.parse([text], attribution=mode).attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        [f"One of the authors of {determiner} 2013 report, Ann Lee,", "said", "the plan would fail"]
    ]


@pytest.mark.parametrize("mode", ["rules", "model"])
def test_a_verb_after_an_appositive_inside_a_content_is_no_inverted_report(mode):
    # "..., wrote ten new songs" is not "CONTENT, wrote SOURCE": the comma closes the appositive
    # of the subject that opens the content of "said"
    text = (
        "Speaking on the radio last week, Lee said her band and her producer, Bo Ray, "
        "wrote ten new songs."
    )
    table = analysis.parse([text], attribution=mode).attributions
    assert table[["source_text", "cue_text", "content_text"]].values.tolist() == [
        ["Lee", "said", "her band and her producer, Bo Ray, wrote ten new songs"]
    ]


def test_nested_attributions_are_those_whose_cue_another_content_holds():
    # _nested_in_another (sorted pieces, two furthest ends per prefix) against the pairwise
    # definition, on random spans with shared starts, shared ends and several pieces each.
    import random

    from analysis.attribution import Attribution
    from analysis.attribution.sentences import _nested_in_another

    rng = random.Random(3)
    for _ in range(500):
        results = []
        for _ in range(rng.randint(0, 8)):
            cue_start = rng.randint(0, 30)
            cue = None if rng.random() < 0.1 else (cue_start, cue_start + rng.randint(1, 3))
            content = []
            for _ in range(rng.randint(0, 2)):
                start = rng.randint(0, 30)
                content.append((start, start + rng.randint(1, 15)))
            results.append(Attribution(0, cue, None, None, content=content))
        expected = {
            n
            for n, a in enumerate(results)
            if a.cue is not None
            and any(
                other is not a and start <= a.cue[0] and a.cue[1] <= end
                for other in results
                for start, end in other.content
            )
        }
        assert _nested_in_another(results) == expected


@given(st.binary(max_size=200))
def test_ascii_word_runs_are_the_word_pattern_runs(data):
    from analysis.attribution.cues import _ASCII_WORD_RUN, _ascii_word_runs

    assert _ascii_word_runs(data) == _ASCII_WORD_RUN.findall(data)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_ascii_word_runs_of_ascii_text(text):
    from analysis.attribution.cues import _ascii_word_runs

    assert _ascii_word_runs(text.encode("ascii")) == [
        run.encode("ascii") for run in re.findall(r"\w+", text)
    ]


def _tokens_by_pattern(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The tokens as the tokenizer made them before its fast paths: every match of the
    pattern, split as one match is split (``_add_word``)."""
    from analysis.attribution.tokens import _SPACED_TOKEN, _add_word

    while end > start and text[end - 1].isspace():
        end -= 1
    tokens, position = [], start
    for space, word in _SPACED_TOKEN.findall(text, start, end):
        first = position + len(space)
        position = first + len(word)
        _add_word(tokens, first, position, word)
    return [(token.start, token.end, token.text) for token in tokens]


_TOKEN_TEXT = st.lists(
    st.sampled_from(
        list("aAsSnt1_ .,;:?!()-&'’“”\"\n\té²")
        + ["Mr", "U.S", "didn", "Sanders", "J", "s’ a", "s' b", "n’t", "’s"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TOKEN_TEXT, st.integers(0, 5), st.integers(0, 50))
@example("Sanders’ plan, Mr. Smith. U.S. aides didn’t (AP) say: 2,187 pro-Russian J. Doe’s", 0, 99)
def test_tokens_are_the_patterns_tokens(text, start, length):
    from analysis.attribution.tokens import tokenize

    start = min(start, len(text))
    end = min(len(text), start + length)
    made = [(t.start, t.end, t.text) for t in tokenize(text, start, end)]
    assert made == _tokens_by_pattern(text, start, end)
    assert all(text[s:e] == word for s, e, word in made)
