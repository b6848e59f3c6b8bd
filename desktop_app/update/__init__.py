"""Signed offline updates (issue 22): a new version reaches an office on a USB stick.

``bundle`` owns the file format (a zip: the installer, ``manifest.json`` and its
Ed25519 signature by the publisher) and reads a stranger's file safely;
``service`` decides whether this installation may take it and starts the
installer after a backup. The publisher's public key ships in
``resources/keys/update-publisher.pub``; every function that verifies takes
the key as a parameter, so tests pass a key they made and nothing read from
the environment can weaken a real install. Imports nothing of Qt.
"""
