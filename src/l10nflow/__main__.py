"""``python -m l10nflow``: the same as the ``l10nflow`` command."""

from l10nflow.cli import main

if __name__ == "__main__":
    main()
