"""``python -m dxanalysis`` is the ``dxanalysis`` command."""

import sys

from dxanalysis.cli import main

sys.exit(main())
