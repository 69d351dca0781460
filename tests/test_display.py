"""One article as HTML (analysis/display.py): parsed tables and hand codings alike."""

from __future__ import annotations

import analysis
from analysis import display

CODED = (
    "T1\tSource 14 21\tAnn Lee\nT2\tCue 22 26\tsaid\nT3\tContent 0 13\t“We may win,”\n"
    "T4\tAttribution 22 26\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "A1\tCueCategory E1 neutral\nT5\tQuote 0 13\t“We may win,”\nT6\tHedge 4 7\tmay\n"
)


def test_a_hand_coding_shows_like_parsed_tables(write):
    write("coded/a.txt", "“We may win,” Ann Lee said.")
    coding = analysis.read_coding(write("coded/a.ann", CODED).parent)
    view = display.show_article(coding, "a")
    assert 'title="reporting cue: said (neutral)"' in view.html  # no lemma in a coding
    assert 'title="quotation (not coded)"' in view.html
    assert 'title="hedge: not coded"' in view.html
    assert "content of attribution" not in view.html  # contents only when asked


def test_side_by_side_shows_both_with_their_contents(write):
    write("coded/a.txt", "“We may win,” Ann Lee said.")
    coding = analysis.read_coding(write("coded/a.ann", CODED).parent)
    parsed = analysis.parse(write("corpus/a.txt", "“We may win,” Ann Lee said.").parent)
    view = display.show_side_by_side(coding, parsed, "a")
    assert view.html.count("<h2") == 2
    assert ">hand coding</h2>" in view.html and ">tool</h2>" in view.html
    left, right = view.html.split("<h2")[1:]
    assert (
        'title="content of attribution 0"' in left and 'title="content of attribution 0"' in right
    )
