"""l10nflow: Arabic<->English translation workflow for news and defense-cooperation articles.

The package is a library first; :mod:`l10nflow.cli` is a thin shell over it.
"""

__version__ = "0.1.0"
