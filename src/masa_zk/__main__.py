"""``python -m masa_zk``: the ``masa-zk`` command line."""

import sys

from masa_zk.cli import main

if __name__ == "__main__":
    sys.exit(main())
