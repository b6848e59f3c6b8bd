"""One module per report form; each exposes ``FORM`` (a FormDef)."""
