"""The coherence map's geometry: lanes per goal, layered ordering with
crossing minimisation, vertical placement, and the map's style, which the Qt view, the
SVG and the PDF all read. It builds on the model and the analysis (and the improvement
cycles a card shows); it never imports the retreat.
"""
