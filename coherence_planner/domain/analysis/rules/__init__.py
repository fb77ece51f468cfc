"""The rules of coherence-rules.md (version 2.1), one module per rule over a shared reach.

`context.py` works out once what every rule reads (the live items, the goals, which goals
each item reaches, the conflict links, the names); each rule is then one function taking that
context and returning its findings: orphans (rule 1), unsupported goals (2), explicit conflicts
(3), competing programs (4, with what programs share in `overlap.py`), keeping and removal (5,
in `keeping.py` and `removal.py`) and resources (6). `analysis/coherence.py` composes them
into the `Analysis` every view reads.
"""
