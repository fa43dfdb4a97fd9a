"""The Textual app: screens, widgets and their styles. A front on the engine, never a rule.

`app` and `screens/` are the solo app (picker, play, debrief, history, the guide);
`classroom/` the live classroom's console, projector and join app; `widgets/` what both use.
"""
