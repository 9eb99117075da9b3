"""Plain mode: metanav line by line (screen readers, braille displays, dumb terminals, scripts)."""
