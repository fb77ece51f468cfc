"""No module of the package imports itself back through others, not even lazily.

A circle (cli.py and its subcommands importing each other's errors; the spreadsheet reader
and the two-row header joiner) means neither side can be read, moved or tested alone. The
import graph is import-linter's (grimp), which counts imports inside functions too.
"""

from __future__ import annotations

import grimp


def test_no_module_imports_itself_back() -> None:
    graph = grimp.build_graph("coherence_planner")
    back = sorted(
        f"{module} -> {imported} -> ... -> {module}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert back == []
