"""Evidence from office documents: passages of policies, minutes and plans mapped to requirements.

Offline by construction: no model or data is downloaded at run time (the `evidence` and
`evidence-embed` extras ship everything they use).
"""

from __future__ import annotations

__all__: list[str] = []
