"""`python -m coherence_planner` is the same as the `coherence-planner` command."""

from __future__ import annotations

import sys

from coherence_planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
