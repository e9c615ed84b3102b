"""Settings for `make bench` only: production settings plus a query counter and the two floor views.

Never used by the site itself; the floor URLs exist only under this module's ROOT_URLCONF.
"""

import os

from sleepcall.settings import *  # noqa: F403
from sleepcall.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# Outermost, so it counts every query of the request (session, user, view).
MIDDLEWARE = ["bench.floors.QueryCountMiddleware", *MIDDLEWARE]
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", "/tmp/sleepcall-bench-static")
AXES_ENABLED = False
