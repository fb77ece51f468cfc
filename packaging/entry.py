"""The frozen app's entry point: the same `coherence-planner` command as the installed one."""

import sys

from coherence_planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
