"""``python -m fazhi_tasks``: the same as the ``fazhi-tasks`` command."""

import sys

from fazhi_tasks.cli import main

sys.exit(main())
