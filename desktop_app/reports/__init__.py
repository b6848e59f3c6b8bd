"""Report forms (SPEC §4): one model, declarative form definitions, Excel and PDF writers."""
