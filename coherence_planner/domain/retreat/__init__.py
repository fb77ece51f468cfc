"""The retreat: the cabinet's decisions and their log, what-if scenarios,
ratings, rating rounds (the room), the presenter's agenda and the retreat as plain
tables. It builds on the model and the analysis.
"""
