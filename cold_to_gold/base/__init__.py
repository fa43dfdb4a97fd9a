"""The bottom layer: where files live (`paths`), one-line safe text (`one_line`), the grade
beside its outcome (`verdict`). Used by every layer; imports nothing of the project."""
