"""The coherence map as SVG: the layout's exact geometry, flags in words as well as colours.

Each item is a `<g data-item-id="...">` and each link a `<path data-from="..." data-to="...">`
so that a reader, a test or a script can find them; user text is escaped, never interpreted.
Colours, dash patterns and badge words come from `domain.layout.style`, shared with the Qt view
and the PDF.
"""

from __future__ import annotations

from pathlib import Path

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout import style
from coherence_planner.domain.layout.geometry import (
    MapLayout,
    card_facts,
    card_text,
)
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.text import visible
from coherence_planner.reports.fonts import ellipsize
from coherence_planner.reports.xml_text import escape, quoteattr
from coherence_planner.storage.atomic import write_atomically

FONT = "Helvetica, Arial, sans-serif"
LEGEND_W = 260.0
TITLE_H = 40.0


def _dash(pattern: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(f"{v:g}" for v in pattern)}"' if pattern else ""


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, size: float, **attrs: str) -> str:
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size:g}"{extra}>{escape(visible(text))}</text>'


def _card(district: District, analysis: Analysis, layout: MapLayout, item_id: str) -> str:
    item = district.items[item_id]
    card = layout.cards[item_id]
    flags = style.card_flags(analysis.flags_of(item_id), item.required) if item.live else set()
    kind = style.KIND_STYLES[item.kind]
    border = style.border_style(flags)
    classes = ["card", item.kind, *sorted(flags)]
    if not item.live:
        classes.append("retired")
    dimmed = layout.highlight is not None and item_id not in layout.highlight
    if dimmed:
        classes.append("dimmed")
    opacity = f' opacity="{style.DIMMED_OPACITY}"' if dimmed else ""
    fill = kind.fill if item.live else style.RETIRED_FILL
    stroke = border.colour if border else kind.band
    width = 2.5 if border else 1.2
    x, y, w, h = card.x, card.y, card.w, card.h
    parts = [
        f"<g data-item-id={quoteattr(item_id)} class={quoteattr(' '.join(classes))}{opacity}>",
        f"<title>{escape(visible(item.label))}</title>",
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
        f"{_dash(border.dash if border else ())}/>",
        f'<rect x="{_num(x)}" y="{_num(y)}" width="5" height="{_num(h)}" fill="{kind.band}"/>',
    ]
    kind_label = kind.label.upper() + ("" if item.live else " · RETIRED")
    line = style.top_line(kind_label, flags, analysis.group_of.get(item_id))
    # card_text wraps by characters; a line of wide letters ("WWWW…", a URL, a code) would
    # still run out of the card, so each line is also cut to the card's width.
    room = w - 16

    def fit(text: str, size: float, bold: bool = False) -> str:
        return ellipsize(visible(text), room, size, bold)

    parts.append(
        _text(x + 11, y + 13, fit(line, 7.5, True), 7.5, fill=style.TEXT, font_weight="bold")
    )
    names, cycle = card_text(item, layout.today, card.row, card.via)
    for n, line in enumerate(names):
        parts.append(_text(x + 11, y + 28 + n * 13, fit(line, 11), 11, fill=style.TEXT))
    if cycle:
        parts.append(
            _text(
                x + 11,
                y + 28 + len(names) * 13,
                fit(cycle, 8.5),
                8.5,
                fill=style.TEXT,
                font_style="italic",
            )
        )
    facts = card_facts(item) if not card.row else ""  # a card in a row: its name alone
    if facts:
        parts.append(_text(x + 11, y + h - 7, fit(facts, 8.5), 8.5, fill=style.MUTED_TEXT))
    parts.append("</g>")
    return "".join(parts)


def _edges(layout: MapLayout) -> list[str]:
    out = []
    for edge in layout.edges:
        if edge.kind == "conflicts":
            look = style.CONFLICT_STYLE
            marker = ""
        else:
            look = style.SUPPORTS_STYLES.get(edge.strength, style.SUPPORTS_STYLES["moderate"])
            marker = ' marker-end="url(#arrow)"'
        d = "M" + " L".join(f"{_num(x)},{_num(y)}" for x, y in edge.points)
        dimmed = layout.highlight is not None and not (
            edge.src in layout.highlight and edge.dst in layout.highlight
        )
        opacity = f' stroke-opacity="{style.DIMMED_OPACITY}"' if dimmed else ""
        out.append(
            f"<path data-from={quoteattr(edge.src)} data-to={quoteattr(edge.dst)} "
            f"data-kind={quoteattr(edge.kind)} data-strength={quoteattr(edge.strength)} "
            f'd="{d}" fill="none" stroke="{look.colour}" stroke-width="{look.width:g}"'
            f"{_dash(look.dash)}{marker}{opacity}/>"
        )
    return out


def _legend(x: float, y: float) -> list[str]:
    """What each colour, dash and word means; the same words the cards carry."""
    out = [f'<g class="legend" transform="translate({_num(x)},{_num(y)})">']
    out.append(_text(0, 0, "Legend", 13, font_weight="bold", fill=style.TEXT))
    row = 20.0
    for kind in ("goal", "strategy", "program", "policy"):
        ks = style.KIND_STYLES[kind]
        out.append(
            f'<rect x="0" y="{_num(row - 10)}" width="22" height="13" fill="{ks.fill}" '
            f'stroke="{ks.band}"/>'
        )
        out.append(_text(30, row, ks.label, 10, fill=style.TEXT))
        row += 18
    row += 6
    for flag in style.FLAG_STYLES:
        out.append(
            f'<rect x="0" y="{_num(row - 10)}" width="22" height="13" fill="none" '
            f'stroke="{flag.colour}" stroke-width="2.5"{_dash(flag.dash)}/>'
        )
        out.append(_text(30, row, f"{flag.badge}: {flag.legend}", 9.5, fill=style.TEXT))
        row += 18
    row += 6
    for strength, look in style.SUPPORTS_STYLES.items():
        out.append(
            f'<path d="M0,{_num(row - 4)} L22,{_num(row - 4)}" stroke="{look.colour}" '
            f'stroke-width="{look.width:g}"{_dash(look.dash)}/>'
        )
        out.append(_text(30, row, f"supports ({strength})", 9.5, fill=style.TEXT))
        row += 18
    look = style.CONFLICT_STYLE
    out.append(
        f'<path d="M0,{_num(row - 4)} L22,{_num(row - 4)}" stroke="{look.colour}" '
        f'stroke-width="{look.width:g}"{_dash(look.dash)}/>'
    )
    out.append(_text(30, row, "conflicts with", 9.5, fill=style.TEXT))
    out.append("</g>")
    return out


def map_to_svg(
    district: District, analysis: Analysis, layout: MapLayout, *, title: str | None = None
) -> str:
    """The whole map, with a title strip on top and the legend to the right."""
    heading = title if title is not None else f"{district.name}: coherence map"
    width = layout.width + LEGEND_W
    height = layout.height + TITLE_H
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'font-family="{FONT}">',
        f"<title>{escape(visible(heading))}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>',
        f'<rect width="100%" height="100%" fill="{style.BACKGROUND}"/>',
        # One line across the map, as the PNG's title: a 1,000-character district name is
        # cut to it (DejaVu's widths: wider than Helvetica's, so the cut errs on the short side).
        _text(
            24,
            26,
            ellipsize(heading, layout.width - 48, 16, True),
            16,
            font_weight="bold",
            fill=style.TEXT,
        ),
        f'<g transform="translate(0,{_num(TITLE_H)})">',
    ]
    for region in layout.regions:
        fill = style.ORPHAN_REGION_FILL if region.key == "orphans" else style.REGION_FILL
        parts.append(
            f"<g class={quoteattr('region ' + region.key.split(':')[0])} "
            f"data-region={quoteattr(region.key)}>"
            f'<rect x="{_num(region.x)}" y="{_num(region.y)}" width="{_num(region.w)}" '
            f'height="{_num(region.h)}" rx="8" fill="{fill}"/>'
            + _text(
                region.x + 8,
                region.y + 20,
                region.label,
                12,
                font_weight="bold",
                fill=style.MUTED_TEXT,
            )
            + "</g>"
        )
    parts.extend(_edges(layout))
    for item_id in sorted(layout.cards, key=lambda i: (layout.cards[i].y, layout.cards[i].x)):
        parts.append(_card(district, analysis, layout, item_id))
    parts.extend(_legend(layout.width + 10, 20))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def write_svg(
    path: Path | str,
    district: District,
    analysis: Analysis,
    layout: MapLayout,
    *,
    title: str | None = None,
) -> None:
    """Write the SVG through a temporary file in the same folder and rename it into place,
    so a failed export never leaves a half-written file where a good one was."""
    text = map_to_svg(district, analysis, layout, title=title)

    def build(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    write_atomically(Path(path), build)
