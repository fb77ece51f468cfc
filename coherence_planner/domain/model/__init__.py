"""The model: items, links, the district and its indexes, the fields and
vocabularies of the interchange format, the codec (plain dicts to domain objects), and the
edit commands with do() and undo(); plus how items are named and values worded. The
ground floor of the domain: it imports nothing above it (not analysis, layout, retreat
or progress), and nothing outside the domain.
"""
