"""The Textual app: screens, widgets and their styles. A front on the engine, never a rule."""
