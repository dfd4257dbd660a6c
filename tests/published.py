"""Published worked examples that several test files check against (one copy of each).

Each constant names its source; the tests that use it name it again in their docstrings.
"""

from __future__ import annotations

import numpy as np

#: Eurostat Manual (2008), Table 15.4: Germany, six product groups (million EUR; employment
#: thousand persons).  Rows 1-6 (domestic intermediate use), row 15 (GVA), row 16 (output at
#: basic prices; manufacturing 1,079,446, the column total) and row 19 (total employment).
DE_SECTORS = ["agriculture", "manufacturing", "construction", "trade", "business_services",
              "other_services"]
DE_Z = np.array([
    [1131, 25480, 1, 607, 710, 762],
    [7930, 304584, 64167, 41082, 11981, 30360],
    [426, 7334, 3875, 5296, 23457, 9155],
    [3559, 72717, 14190, 74399, 10835, 21008],
    [3637, 96115, 31027, 65755, 193176, 34223],
    [1552, 14986, 1747, 11225, 15058, 22070],
], dtype=float)
DE_X = np.array([43910, 1079446, 245606, 540063, 692487, 508918], dtype=float)
DE_GVA = np.array([21664, 395022, 115624, 311407, 415426, 365017], dtype=float)
DE_EMP = np.array([1096, 8381, 3236, 9251, 4258, 10206], dtype=float)
