"""The author's toolchain: lint, graph, starter scenarios and the JSON Schema."""
