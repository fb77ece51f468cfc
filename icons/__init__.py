"""SVG icons of Coherence Planner (installed as coherence_planner_icons)."""
