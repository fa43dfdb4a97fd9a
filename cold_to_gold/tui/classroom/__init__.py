"""The live classroom's screens and apps: the facilitator's console and projector, the class
debrief, and the trainee's join app (name, live play). Fronts over `cold_to_gold.classroom`;
the solo app (`tui/app.py`, `tui/screens/`) never imports them. `launch` opens them."""
