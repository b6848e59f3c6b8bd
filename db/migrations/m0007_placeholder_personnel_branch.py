"""PLACEHOLDER on the personnel branch only — DELETE AT MERGE.

Migration numbers 0006 and 0007 belong to other branches (package trust, accounts); the
loader needs contiguous numbers, so this empty step stands in for m0007 until the real one
is merged. It changes nothing but the stamped version.
"""

SQL = ""
