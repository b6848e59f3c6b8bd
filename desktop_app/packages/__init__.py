"""Packages on USB and consolidation at the level above (SPEC §8).

``fmt`` owns the zip format (manifest, members, hashing streams, verify);
``export`` writes an office's package; ``consolidate`` imports many packages
into one province database; ``catalogue_package`` carries master lists and
targets downwards; ``scope`` lets reports read one office at a time. Qt-free;
SQL lives in ``db.queries_packages``. The format is documented in
docs/package-format.md.
"""
