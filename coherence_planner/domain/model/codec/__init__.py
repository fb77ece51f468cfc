"""Plain dicts <-> domain objects, with validation that names every problem and its place.

This is the one reader and writer of the interchange format (district-format.md); the JSON
file, the `.coherence` tables and the spreadsheet import all go through it. It does no I/O.
This package's names are its public API; behind them: the format's frame (sections.py), the
problems and limits (problems.py), writing (writing.py), the careful readers of one item or
link (items.py, links.py), the quick readers of a whole list (quick.py) and the reading of a
whole district (reading.py).
"""

from coherence_planner.domain.model.codec.items import item_from_dict
from coherence_planner.domain.model.codec.links import check_link, link_from_dict
from coherence_planner.domain.model.codec.problems import InvalidDistrict, Problem, size_limits
from coherence_planner.domain.model.codec.quick import (
    item_data_fields,
    items_from_columns,
    items_from_dicts,
    links_from_columns,
    links_from_dicts,
)
from coherence_planner.domain.model.codec.reading import district_from_dict
from coherence_planner.domain.model.codec.sections import (
    FORMAT,
    SECTION_OF_KIND,
    SECTIONS,
    VERSION,
)
from coherence_planner.domain.model.codec.writing import (
    district_to_dict,
    indicator_to_dict,
    item_to_dict,
    link_to_dict,
)

__all__ = [
    "FORMAT",
    "SECTIONS",
    "SECTION_OF_KIND",
    "VERSION",
    "InvalidDistrict",
    "Problem",
    "check_link",
    "district_from_dict",
    "district_to_dict",
    "indicator_to_dict",
    "item_data_fields",
    "item_from_dict",
    "item_to_dict",
    "items_from_columns",
    "items_from_dicts",
    "link_from_dict",
    "link_to_dict",
    "links_from_columns",
    "links_from_dicts",
    "size_limits",
]
