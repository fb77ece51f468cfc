"""A second Coherence Planner, reduced to what matters here: it opens a plan the way the
window does (QLockFile first, then the document) and holds it until it is killed.

    python -m tests.hardening.lock_holder PLAN
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coherence_planner.storage.document import Document
from coherence_planner.ui.documents import locks

if __name__ == "__main__":
    path = Path(sys.argv[1])
    lock = locks.acquire(path)
    document = Document.open(path)
    sys.stdout.write("holding\n")
    sys.stdout.flush()
    time.sleep(3600)
