"""Charts of the web view, drawn server-side as SVG by pygal (no JavaScript, works offline).

Both charts are readable without colour: series differ by line style and marker size as well
as by hue, points carry printed labels, and each chart comes with a plain table on its page.
pygal escapes every label it writes, so outlet and speaker names cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pygal
from pygal.style import Style

# Dark ink on white, one strong and one muted hue, large enough type to read on a laptop.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2328",
    foreground_strong="#1f2328",
    foreground_subtle="#8c959f",
    opacity="1",
    opacity_hover="1",
    colors=("#0b4f8a", "#b35c00", "#6e7781", "#8a1c1c"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    tooltip_font_size=12,
)

# Rendering options every chart shares: no JavaScript (pygal would otherwise link its
# tooltip script from a CDN), no XML declaration (the SVG is inlined into HTML).
_COMMON: dict[str, Any] = {
    "style": STYLE,
    "js": [],
    "disable_xml_declaration": True,
    "explicit_size": False,
    "pretty_print": False,
}


def _svg(chart: Any) -> str:
    """The chart as an SVG string without pygal's inline configuration script: the pages
    run no script (their Content-Security-Policy forbids it) and the charts need none."""
    from lxml import etree

    tree = chart.render_tree()
    for script in [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("script")]:
        script.getparent().remove(script)
    return etree.tostring(tree, encoding="unicode")


def _day(value: dt.date) -> dt.datetime:
    """pygal's date axes take datetimes."""
    return dt.datetime(value.year, value.month, value.day)


def spread_chart(detail: dict[str, Any]) -> str | None:
    """A statement's timeline as SVG: one row per outlet (first carrier at the top), one dot
    per quote on its publication date, the first source and altered quotes labelled.

    ``detail`` is :func:`quotetrack.web.data.statement`'s dict. ``None`` when no quote of
    the statement is dated (there is nothing to place on a time axis).
    """
    rows = [r for r in detail["spread"] if r["first_date"] is not None]
    if not rows:
        return None
    # Row positions: the first outlet gets the highest value, so it is drawn at the top.
    label_of = {}
    n = len(rows)
    for i, r in enumerate(rows):
        key = r["outlet"] or ("article", r["article_id"])
        label_of[key] = (n - i, r["outlet"] or f"unknown outlet (article {r['article_id']})")
    dates = [v["published"] for v in detail["variants"] if v["published"] is not None]
    first, last = min(dates), max(dates)
    pad = max(1, (last - first).days // 12)
    chart = pygal.DateLine(
        **_COMMON,
        width=860,
        height=110 + 46 * n,
        stroke=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_labels=True,
        show_y_guides=True,
        show_x_guides=False,
        x_label_rotation=0,
        x_value_formatter=lambda d: d.strftime("%-d %b %Y"),
        range=(0.4, n + 0.6),
        xrange=(
            _day(first - dt.timedelta(days=pad)).timestamp(),
            _day(last + dt.timedelta(days=pad)).timestamp(),
        ),
        margin_left=10,
        truncate_label=40,
        dots_size=6,
    )
    chart.y_labels = [{"label": label, "value": pos} for pos, label in label_of.values()]
    chart.x_labels = _date_ticks(first, last)
    series: dict[str, list[dict[str, Any]]] = {
        "first source": [],
        "later report": [],
        "altered": [],
    }
    for v in detail["variants"]:
        if v["published"] is None:
            continue
        pos, outlet = label_of[v["outlet"] or ("article", v["article_id"])]
        kind = v["variant_kind"] or "ungrouped"
        if v["first_source"]:
            words = ["FIRST"]
        else:
            words = [f"+{(v['published'] - first).days} d"]
        if v["altered"]:
            words.append("ALTERED")
        elif kind != "root" or not v["first_source"]:
            words.append(kind)
        label = " · ".join(words)
        name = (
            "altered" if v["altered"] else "first source" if v["first_source"] else "later report"
        )
        series[name].append({"value": (_day(v["published"]), pos), "label": label, "xlink": None})
    sizes = {"first source": 9, "later report": 6, "altered": 7}
    for name, points in series.items():
        # Empty series stay in the legend only if they occur: a legend entry for nothing
        # would be noise.
        if points:
            chart.add(
                name, [{k: p[k] for k in ("value", "label")} for p in points], dots_size=sizes[name]
            )
    return _svg(chart)


def _date_ticks(first: dt.date, last: dt.date, most: int = 8) -> list[dt.datetime]:
    """Up to ``most`` evenly spaced whole days from ``first`` to ``last``."""
    span = (last - first).days
    step = max(1, -(-span // (most - 1))) if span else 1
    ticks = [first + dt.timedelta(days=d) for d in range(0, span + 1, step)]
    if ticks[-1] != last:
        ticks.append(last)
    return [_day(t) for t in ticks]


def speaker_chart(sp: dict[str, Any]) -> str | None:
    """How often a speaker was quoted over time as SVG: quotes per period (solid line, large
    dots) and distinct outlets per period (dashed line, small dots).

    ``sp`` is :func:`quotetrack.web.data.speaker`'s dict; ``None`` without dated quotes.
    """
    timeline = sp["timeline"]
    if not timeline:
        return None
    fmt = {"day": "%-d %b", "week": "%-d %b", "month": "%b %Y"}[sp["period_unit"]]
    labels = [row["period"].strftime(fmt) for row in timeline]
    chart = pygal.Line(
        **_COMMON,
        width=860,
        height=320,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        x_label_rotation=0 if len(labels) <= 12 else 30,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(labels) // 10),
        show_x_guides=False,
        min_scale=2,
        max_scale=6,
        y_title="per " + sp["period_unit"],
        include_x_axis=True,
        print_values=len(labels) <= 16,
        print_zeroes=False,
    )
    chart.x_labels = labels
    chart.add(
        "quotes",
        [row["n_quotes"] for row in timeline],
        dots_size=5,
        stroke_style={"width": 3},
    )
    chart.add(
        "outlets quoting",
        [row["n_outlets"] for row in timeline],
        dots_size=3,
        stroke_style={"width": 2, "dasharray": "8, 5"},
    )
    return _svg(chart)
