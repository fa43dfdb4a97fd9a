"""The bottom layer: where files live (`paths`), one-line safe text (`one_line`), the grade
beside its outcome (`verdict`), and the stylesheet every printed page shares (`print.css`,
at `paths.PRINT_STYLE`). Used by every layer; imports nothing of the project."""
