"""Plain-Python core: items, links, the district, vocabularies, edit commands and the
coherence analysis. Nothing here imports Qt, SQL or does I/O (an import-linter contract in
pyproject.toml enforces it)."""
