"""The initiative-load heat map: programs per school and grade band, overloads outlined.

A sequential colour-blind-safe colour map (cividis) carries the count; the number is written
in each cell as well, and cells over the threshold get a thick vermillion frame and a "!" so
the flag never depends on colour alone. Grey hatching marks bands a school does not serve.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from coherence_planner.domain.analysis.load import LoadTable
from coherence_planner.reports import palette
from coherence_planner.reports.charts.figures import fit_layout, png_bytes
from coherence_planner.reports.charts.image import label


def draw_load(figure: Figure, table: LoadTable, *, font_size: float = 9.0) -> None:
    """Draw the heat map onto `figure` (cleared first)."""
    figure.clear()
    ax = figure.add_subplot(1, 1, 1)
    values = np.array(
        [[np.nan if n is None else n for n in row] for row in table.counts], dtype=float
    )
    masked = np.ma.masked_invalid(values)
    top = max(table.highest, table.threshold + 1, 1)
    # A mesh of cells, not an image: the report draws it as vectors (charts/vector.py).
    rows, cols = values.shape
    image = ax.pcolormesh(
        np.arange(cols + 1) - 0.5,
        np.arange(rows + 1) - 0.5,
        masked,
        cmap="cividis",
        vmin=0,
        vmax=top,
    )
    ax.set_ylim(rows - 0.5, -0.5)  # the first school on top, as a table reads
    ax.set_facecolor("#F2F2F2")
    for r, row in enumerate(table.counts):
        for c, n in enumerate(row):
            if n is None:
                ax.add_patch(
                    Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, hatch="//", edgecolor="#CCCCCC")
                )
                continue
            over = n > table.threshold
            # Light text on the dark (low) end of cividis, dark text on the light end.
            colour = "white" if n < top * 0.55 else "black"
            ax.text(
                c,
                r,
                f"{n}!" if over else str(n),
                ha="center",
                va="center",
                fontsize=font_size * (1.15 if over else 1.0),
                fontweight="bold" if over else "normal",
                color=colour,
            )
            if over:
                ax.add_patch(
                    Rectangle(
                        (c - 0.45, r - 0.45),
                        0.9,
                        0.9,
                        fill=False,
                        edgecolor=palette.VERMILLION,
                        linewidth=3,
                    )
                )
    ax.set_xticks(range(len(table.bands)))
    # Wrapped, not slanted: slanted labels of neighbouring bands ran into each other.
    bands = ["\n".join(textwrap.wrap(band, 12)) or band for band in table.bands]
    ax.set_xticklabels(bands, fontsize=font_size)
    ax.set_yticks(range(len(table.schools)))
    # A school's name may be 1,000 characters; the label gets a line (the section's table
    # names every school in full).
    ax.set_yticklabels([label(s, 36, 1) for s in table.schools], fontsize=font_size)
    scope = "every program" if table.district_wide else "programs that name the school"
    ax.set_title(
        f"Active programs per school and grade band\n({scope}; more than {table.threshold} outlined)",
        fontsize=font_size * 1.1,
    )
    bar = figure.colorbar(image, ax=ax, fraction=0.04)
    bar.ax.tick_params(labelsize=font_size)
    fit_layout(figure)


def load_figure(table: LoadTable, size: tuple[float, float] = (9, 6)) -> Figure:
    figure = Figure(figsize=size)
    draw_load(figure, table)
    return figure


def load_png(table: LoadTable, dpi: int = 150) -> bytes:
    """The heat map as PNG bytes, for the PDF report."""
    return png_bytes(load_figure(table), dpi)
