"""The analysis: the coherence rules (coherence-rules.md), which goals each
item reaches, data gaps, competing groups, where the money goes and the initiative load.
It reads the model and imports nothing else of the domain (not layout, retreat or
progress).
"""
