"""metanav: plain-language information about metastatic cancer, from a terminal."""

__version__ = "0.1.0"
