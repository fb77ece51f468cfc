"""Read-only data shipped with Coherence Planner (installed as coherence_planner_resources)."""
