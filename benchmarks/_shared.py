"""Where the benchmarks find the team's shared data (never copied into this repository)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_data() -> Path | None:
    """``$ANALYSIS_SHARED_DATA``, else ``../shared/data`` beside the repository, if present."""
    configured = os.environ.get("ANALYSIS_SHARED_DATA")
    folder = Path(configured) if configured else REPO.parent / "shared" / "data"
    return folder if folder.is_dir() else None


def require(relative: str) -> Path:
    """The shared file or folder ``relative``; exits 0 with a clear message when absent."""
    root = shared_data()
    path = root / relative if root else None
    if path is None or not path.exists():
        where = path or (REPO.parent / "shared" / "data" / relative)
        print(f"skipped: {where} is not here (the shared data is absent; nothing measured)")
        sys.exit(0)
    return path
