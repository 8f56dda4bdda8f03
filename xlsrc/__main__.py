"""`python -m xlsrc` runs the command line."""

import sys

from xlsrc.cli import main

sys.exit(main())
