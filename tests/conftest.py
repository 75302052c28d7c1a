"""Shared test configuration: the hypothesis profiles.

`HYPOTHESIS_PROFILE` picks one; `dev` is the default.

- `dev`: quick feedback while working (30 examples per property).
- `ci`: more examples, no deadline (shared CI runners have noisy timings), a fresh random
  seed each run, and the reproduction blob printed for every failure.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import settings

settings.register_profile("dev", max_examples=30, deadline=timedelta(seconds=1))
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=False, print_blob=True)
# CI (which sets CI=true) gets the "ci" profile unless HYPOTHESIS_PROFILE says otherwise.
_DEFAULT = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _DEFAULT))
