"""One article rendered as HTML, with what was extracted highlighted: the way researchers
check an extraction by eye.

Quotations get a background, sources, reporting cues and hedges each a colour of their own,
and every highlighted stretch has a tooltip (hover) naming what it is. Overlapping spans are
all shown: the text is cut at every span boundary and each piece carries every mark it lies in.

Hand codings read with :func:`analysis.validation.read_coding` show the same way, and
:func:`show_side_by_side` puts a coding and the tool's output next to each other, contents
underlined, to see where they differ.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

__all__ = ["ArticleView", "article_html", "show_article", "show_side_by_side"]

#: What is highlighted, and how (CSS), in legend order.
STYLES = {
    "quote": "background:#fff1c2",
    "source": "color:#0a4f8a;font-weight:600;border-bottom:2px solid #0072B2",
    "cue": "color:#8a3a00;font-weight:600;border-bottom:2px dotted #D55E00",
    "hedge": "background:#d9f2e6;border-bottom:2px solid #009E73",
    "booster": "background:#f6dcef;border-bottom:2px solid #CC79A7",
    "content": "text-decoration:underline dashed #777777;text-underline-offset:4px",
}
LEGEND = {
    "quote": "quotation",
    "source": "source of an attribution",
    "cue": "reporting cue",
    "hedge": "hedge (tooltip: category, voice)",
    "booster": "booster",
    "content": "content of an attribution",
}


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _named(value: object, otherwise: str = "not coded") -> str:
    return otherwise if _missing(value) else str(value)


def _spans(
    tables: Mapping[str, pd.DataFrame], article_id: str, contents: bool = False
) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, tooltip) of everything to highlight in one article (the columns a
    hand coding lacks, such as ``cue_lemma``, are done without)."""
    spans: list[tuple[int, int, str, str]] = []
    quotes = tables.get("quotes")
    if quotes is not None:
        for row in quotes[quotes["article_id"] == article_id].to_dict("records"):
            kind = _named(row.get("kind"))
            spans.append((int(row["start"]), int(row["end"]), "quote", f"quotation ({kind})"))
    attributions = tables["attributions"]
    for row in attributions[attributions["article_id"] == article_id].to_dict("records"):
        number = row.get("attribution_id")
        if not _missing(row.get("source_start")):
            spans.append(
                (
                    int(row["source_start"]),
                    int(row["source_end"]),
                    "source",
                    f"source of attribution {number} ({_named(row.get('kind'))})",
                )
            )
        if not _missing(row.get("cue_start")):
            cue = _named(row.get("cue_lemma"), _named(row.get("cue_text"), "cue"))
            spans.append(
                (
                    int(row["cue_start"]),
                    int(row["cue_end"]),
                    "cue",
                    f"reporting cue: {cue} ({_named(row.get('cue_category'))})",
                )
            )
        if contents:
            pieces = row.get("content_spans")
            if _missing(pieces) or not str(pieces).strip():
                pieces = (
                    None
                    if _missing(row.get("content_start"))
                    else (f"{int(row['content_start'])} {int(row['content_end'])}")
                )
            for piece in [] if pieces is None else str(pieces).split(";"):
                start, end = (int(number) for number in piece.split())
                spans.append((start, end, "content", f"content of attribution {number}"))
    hedges = tables.get("hedges")
    if hedges is not None:
        for row in hedges[hedges["article_id"] == article_id].to_dict("records"):
            category = _named(row.get("category"))
            booster = row.get("polarity") == "booster" or category == "booster"
            kind = "booster" if booster else "hedge"
            voice = "" if _missing(row.get("voice")) else f", {row['voice']}'s voice"
            spans.append((int(row["start"]), int(row["end"]), kind, f"{kind}: {category}{voice}"))
    return spans


def article_html(
    tables: Mapping[str, pd.DataFrame], article_id: str, contents: bool = False
) -> str:
    """The article's text as HTML with its quotations, sources, cues and hedges highlighted
    (and the contents of attributions underlined, with ``contents``)."""
    articles = tables["articles"]
    match = articles[articles["article_id"] == str(article_id)]
    if match.empty:
        known = ", ".join(map(str, articles["article_id"].head(5)))
        raise ValueError(f"no article {article_id!r} in these tables (the first ids: {known})")
    row = match.iloc[0]
    text = row["text"] if isinstance(row["text"], str) else ""
    spans = _spans(tables, str(article_id), contents)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [(k, t) for s, e, k, t in spans if s <= left and right <= e]
        chunk = html.escape(text[left:right]).replace("\n", "<br>")
        for kind, tooltip in sorted(covering, key=lambda c: list(STYLES).index(c[0])):
            chunk = (
                f'<span style="{STYLES[kind]}" title="{html.escape(tooltip, quote=True)}">'
                f"{chunk}</span>"
            )
        pieces.append(chunk)
    legend = " ".join(
        f'<span style="{STYLES[k]};padding:0 4px;margin-right:8px">{html.escape(v)}</span>'
        for k, v in LEGEND.items()
        if contents or k != "content"
    )
    title = row.get("title")
    title = html.escape(str(title if isinstance(title, str) and title else article_id))
    status = row.get("status", "ok")
    status = "" if status == "ok" else f" ({html.escape(str(status))})"
    return (
        '<div style="font-family:Georgia,serif;line-height:1.6;max-width:52em">'
        f"<h3 style='font-family:sans-serif'>{title}{status}</h3>"
        f"<p style='font-family:sans-serif;font-size:85%'>{legend}</p>"
        f"<div>{''.join(pieces)}</div></div>"
    )


class ArticleView:
    """An article's highlighted HTML; shows itself in a notebook (``_repr_html_``)."""

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<ArticleView: {len(self.html):,} characters of HTML>"


def show_article(tables: Mapping[str, pd.DataFrame], article_id: str) -> ArticleView:
    """Render one article for a notebook: ``analysis.display.show_article(parsed, article_id)``.

    Examples
    --------
    >>> import analysis
    >>> parsed = analysis.parse(["“We may win,” Ann Lee said."])
    >>> view = show_article(parsed, "0")
    >>> 'title="hedge: modal, source&#x27;s voice"' in view.html
    True
    """
    return ArticleView(article_html(tables, article_id))


def show_side_by_side(
    left: Mapping[str, pd.DataFrame],
    right: Mapping[str, pd.DataFrame],
    article_id: str,
    titles: tuple[str, str] = ("hand coding", "tool"),
) -> ArticleView:
    """One article twice, side by side: a hand coding (:func:`analysis.read_coding`) and the
    tool's tables, say, each with its contents underlined, to see where they disagree.

    Examples
    --------
    >>> import analysis
    >>> parsed = analysis.parse(["“We may win,” Ann Lee said."])
    >>> view = show_side_by_side(parsed, parsed, "0", titles=("one", "two"))
    >>> view.html.count("<h2"), 'title="content of attribution 0"' in view.html
    (2, True)
    """
    columns = "".join(
        f'<div style="flex:1;min-width:0"><h2 style="font-family:sans-serif">'
        f"{html.escape(title)}</h2>{article_html(tables, article_id, contents=True)}</div>"
        for title, tables in zip(titles, (left, right), strict=True)
    )
    return ArticleView(f'<div style="display:flex;gap:2em;align-items:flex-start">{columns}</div>')
