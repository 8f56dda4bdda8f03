"""Pure domain core: value parsing, scoring rules and checks (standard library only)."""
