"""The Okabe–Ito colour-blind-safe palette, shared by every chart."""

from __future__ import annotations

from typing import Final

from coherence_planner.domain.progress import indicators as ind_status

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

# An indicator's status on the progress chart and in the app's table (no matplotlib here:
# the app colours its table without loading the chart code).
STATUS_COLOURS: Final = {
    ind_status.MET: BLUE,
    ind_status.ON_TRACK: BLUISH_GREEN,
    ind_status.OFF_TRACK: VERMILLION,
    ind_status.NO_DATA: "#7F7F7F",  # grey: the palette's black, softened
}
