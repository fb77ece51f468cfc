"""Bring a district's program inventory in from spreadsheets, and send it back out.

The flow, which the mapping dialog and the CLI both follow:

    sheets = read_spreadsheet(path)                    # reading.py: safe .xlsx/.csv reading
    mappings = guess_mappings(sheets)                  # or load_mappings(file); edit freely
    plan = plan_import(sheets, mappings, district)     # planning.py -> plan.py: creates, updates, links, problems
    command = plan.to_command(district)                # one Batch: one undo step, one transaction

and out again with write_xlsx / write_csv (writing.py) or write_template (template.py).
"""

import os

# openpyxl parses with lxml whenever lxml is installed (any other package on the machine
# may bring it; the tests' pikepdf does), and then neither uses defusedxml nor reports entity definitions: a workbook.xml made
# of them read as a workbook with no sheets instead of being refused by name. Set before
# openpyxl's first import, so every read goes through defusedxml (workbooks.py checks it).
os.environ["OPENPYXL_LXML"] = "False"

from coherence_planner.storage.spreadsheets.header_guess import (
    guess_kind,
    guess_mapping,
    unmapped_headers,
)
from coherence_planner.storage.spreadsheets.header_words import targets_of
from coherence_planner.storage.spreadsheets.mapping import (
    MappingError,
    SheetMapping,
    load_mappings,
    save_mappings,
)
from coherence_planner.storage.spreadsheets.plan import ImportPlan, ImportRefused
from coherence_planner.storage.spreadsheets.planning import guess_mappings, plan_import
from coherence_planner.storage.spreadsheets.reading import (
    ReadCancelled,
    Sheet,
    SpreadsheetError,
    read_spreadsheet,
)
from coherence_planner.storage.spreadsheets.template import write_template
from coherence_planner.storage.spreadsheets.writing import write_csv, write_xlsx

__all__ = [
    "ImportPlan",
    "ImportRefused",
    "MappingError",
    "ReadCancelled",
    "Sheet",
    "SheetMapping",
    "SpreadsheetError",
    "guess_kind",
    "guess_mapping",
    "guess_mappings",
    "load_mappings",
    "plan_import",
    "read_spreadsheet",
    "save_mappings",
    "targets_of",
    "unmapped_headers",
    "write_csv",
    "write_template",
    "write_xlsx",
]
