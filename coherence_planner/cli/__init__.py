"""The command line, one module per command (check, importing, export, demo, diff)
over common.py, which holds what they share; main.py parses the arguments and
dispatches. Nothing in the package imports cli except __main__.py.
"""

from coherence_planner.cli.main import main

__all__ = ["main"]
