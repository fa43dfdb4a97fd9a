"""The live classroom: host, join, protocol, exports. Never imports Textual."""
