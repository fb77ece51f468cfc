"""The map's layout from a district: `layout_map` runs the steps, one module each.

`layers.py` puts every linked item in a column and a lane and orders each column;
`coordinates.py` places the lanes, the orphan band and the retired band; `routes.py` draws
every link and the competing brackets. Their results meet in a `MapLayout`
(`geometry.py`), which the Qt view, the SVG, the PDF and the posters read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.coordinates import (
    grid,
    orphan_height,
    place_chains,
    place_lanes,
    standard_width,
)
from coherence_planner.domain.layout.geometry import (
    GRID_GAP,
    HEADER_H,
    MARGIN,
    REGION_GAP,
    RETIRED_LABEL,
    Card,
    EdgeGeom,
    LayoutOptions,
    MapLayout,
    Region,
    line_of_sight,
    natural_key,
)
from coherence_planner.domain.layout.labels import orphan_label, via_lines
from coherence_planner.domain.layout.layers import layer
from coherence_planner.domain.layout.routes import brackets, conflict_route, route, side_to_side
from coherence_planner.domain.model.district import District


def layout_map(
    district: District,
    analysis: Analysis,
    *,
    goal_focus: str | None = None,
    options: LayoutOptions | None = None,
    today: dt.date | None = None,
) -> MapLayout:
    """Place every live item (and, on request, every retired one) and route every link.
    With `today`, strategy cards carry the cycle running on that date."""
    options = options or LayoutOptions()
    geometry = options.geometry
    highlight = frozenset(line_of_sight(district, analysis, goal_focus)) if goal_focus else None
    items = district.items
    keys = {i: natural_key(i) for i, item in items.items() if item.live}
    live = sorted(keys, key=keys.__getitem__)
    linked = [i for i in live if items[i].kind == "goal" or analysis.goals_of.get(i)]
    linked_set = set(linked)
    orphans = [i for i in live if i not in linked_set]
    live_set = set(live)
    supports = sorted(
        {
            (ln.src, ln.dst)
            for ln in district.links.values()
            if ln.kind == "supports" and ln.src in live_set and ln.dst in live_set
        },
        key=lambda e: (keys[e[0]], keys[e[1]]),
    )
    strengths = {
        (ln.src, ln.dst): ln.strength for ln in district.links.values() if ln.kind == "supports"
    }

    main = layer(linked, items, supports, analysis, options)
    # Orphans linked to each other keep their chains (laid out like a lane); the rest are
    # packed in a grid. Their band is flowed with the lanes, as one more tile.
    orphan_set = set(orphans)
    chained = {
        end for link in supports if link[0] in orphan_set and link[1] in orphan_set
        for end in link
    }  # fmt: skip
    loose = [i for i in orphans if i in chained]
    isolated = [i for i in orphans if i not in chained]
    chains = layer(loose, items, supports, analysis, options) if loose else None
    tile_w = standard_width(main, geometry)
    orphan_h = orphan_height(chains, len(isolated), tile_w, geometry) if orphans else None
    placed = place_lanes(main, options, items, analysis, orphan_h)
    cards: dict[str, Card] = dict(placed.cards)
    for item_id, via in via_lines(items, supports).items():
        if item_id in cards:  # a chain folded into one column is told on its card
            cards[item_id] = dataclasses.replace(cards[item_id], via=via)
    regions: list[Region] = list(placed.regions)
    bracket_runs = brackets(main, cards, analysis.group_of, placed.packed)
    edges: list[EdgeGeom] = route(main, placed.positions, cards, strengths)
    orphan_band: Region | None = None
    orphan_money = 0.0
    if orphans and placed.orphan_at is not None:
        x0, y0 = placed.orphan_at
        y = y0 + HEADER_H
        if chains is not None:
            chained_cards = place_chains(chains, x0, y)
            cards.update(chained_cards.cards)
            y = chained_cards.bottom + GRID_GAP
            edges += route(chains, chained_cards.positions, cards, strengths)
        cards.update(grid(isolated, x0, y, tile_w, "orphans", geometry).cards)
        orphan_money = analysis.resources.orphan_cost
        assert orphan_h is not None
        label = orphan_label(len(orphans), orphan_money)
        orphan_band = Region("orphans", label, x0, y0, tile_w, orphan_h)
        regions.append(orphan_band)
    bottom = max((c.y + c.h for c in cards.values()), default=MARGIN + HEADER_H)
    bottom = max([bottom] + [r.y + r.h for r in regions])
    right = max((c.x + c.w for c in cards.values()), default=MARGIN)
    right = max([right] + [r.x + r.w for r in regions])
    width = right + MARGIN
    y = bottom + REGION_GAP
    if options.show_retired:
        retired = sorted((i for i, it in items.items() if not it.live), key=natural_key)
        if retired:
            start = y
            band = grid(retired, MARGIN, y + HEADER_H, width - 2 * MARGIN, "retired", geometry)
            cards.update(band.cards)
            y = band.bottom
            regions.append(
                Region("retired", RETIRED_LABEL, MARGIN / 2, start, width - MARGIN, y - start)
            )
            y += REGION_GAP

    # Links that run between regions (a linked item supporting an orphan), and conflicts.
    drawn = {(e.src, e.dst) for e in edges}
    for src, dst in supports:
        if (src, dst) not in drawn and src in cards and dst in cards:
            edges.append(
                EdgeGeom(src, dst, "supports", strengths[(src, dst)], side_to_side(cards, src, dst))
            )
    conflict_links = sorted(
        (ln for ln in district.links.values() if ln.kind == "conflicts"),
        key=lambda ln: (natural_key(ln.key[1]), natural_key(ln.key[2])),
    )
    for ln in conflict_links:
        a, b = ln.key[1], ln.key[2]
        if a in cards and b in cards:
            edges.append(
                EdgeGeom(a, b, "conflicts", ln.strength, conflict_route(cards, a, b, geometry))
            )

    height = max(y - REGION_GAP + MARGIN, MARGIN + HEADER_H + MARGIN)
    return MapLayout(
        cards=cards,
        edges=edges,
        regions=regions,
        width=width,
        height=height,
        highlight=highlight,
        layer_count=len(main.graph.layers),
        dummies=len(main.graph.layer_of) - main.graph.real,
        today=today,
        lanes=placed.lanes,
        brackets=bracket_runs,
        orphan_band=orphan_band,
        orphan_money=orphan_money,
    )


def line_of_sight_layout(
    district: District,
    analysis: Analysis,
    goal_id: str,
    *,
    options: LayoutOptions | None = None,
    today: dt.date | None = None,
) -> MapLayout:
    """One goal's line of sight alone: its lane, laid out as the whole map lays out lanes,
    for the presenter's goal step and a goal's own page. Links to items outside it are
    left out; the flags on the cards are the whole plan's."""
    keep = line_of_sight(district, analysis, goal_id)
    part = District(district.name, district.school_year)
    for item_id, item in district.items.items():
        if item_id in keep:
            part.add_item(item)
    for link in district.links.values():
        if link.src in keep and link.dst in keep:
            part.add_link(link)
    return layout_map(part, analysis, options=options, today=today)
