import sys

from pse_recon.cli import main

sys.exit(main())
