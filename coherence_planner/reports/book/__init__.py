"""The cabinet's report: the PDF document, its styles and one module per
section (summary, money flow, map, goals, findings, framework, retreat, votes,
inventory). It may import the map, the charts and the shared modules of reports/.
"""
