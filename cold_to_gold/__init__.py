"""Cold to Gold: a sales-training simulator for the terminal."""

__version__ = "0.1.0"
