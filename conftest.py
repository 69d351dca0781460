"""pytest set-up shared by ``tests/`` and the doctests of ``analysis/``.

The pipeline's modules may be compiled (``setup.py``): ``analysis.attribution.tokens`` is then
loaded from ``tokens.cpython-*.so``, not from ``tokens.py``. pytest, collecting the doctests of
``analysis/attribution/tokens.py``, would take that for two different modules of one name and
refuse to collect them; they are the same module, whose doctests then run on the compiled code.
"""

import os

os.environ.setdefault("PY_IGNORE_IMPORTMISMATCH", "1")
