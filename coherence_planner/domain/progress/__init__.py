"""Progress over time: indicator status against the planned path, theme
coverage, improvement cycles, named snapshots and the year-over-year diff. It builds on
the model and the analysis.
"""
