"""The solo app's screens, one per module, each with its own .tcss file (or modal.tcss)."""
