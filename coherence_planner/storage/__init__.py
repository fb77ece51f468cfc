"""Files: the `.coherence` plan (document.py), the JSON interchange (interchange.py), the
errors a person can act on (errors.py), and warnings about risky places (locations.py).

Import from the module that owns a name, e.g. `from coherence_planner.storage.document
import Document`; this package re-exports nothing, so there is one way to spell each.
"""
