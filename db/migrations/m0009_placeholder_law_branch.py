"""PLACEHOLDER on the law branch (#21) only — DELETE AT MERGE.

Migration number 0009 belongs to another branch; the loader needs contiguous numbers, so this
empty step stands in for it until the real one is merged. It changes nothing but the stamped version.
"""

SQL = ""
