"""``python -m mlops_lab.cli``: o mesmo que o comando ``mlops-lab``."""

import sys

from mlops_lab.cli import main

sys.exit(main())
