"""The app's screens, one per module, each with its own .tcss file."""
