"""Enterprise plans: the organisation-wide RMP a relationship plan inherits from."""

from __future__ import annotations

from attrs import field, frozen

from collabrel.model import _validators as v

__all__ = ["PlanReference"]


@frozen(kw_only=True)
class PlanReference:
    """The enterprise plan a relationship plan inherits from: its title and, if pinned, revision.

    A relationship plan names it in `DocumentMeta.inherits`; assessing the plan with that
    enterprise plan (`collabrel.assess(plan, enterprise=corporate)`) lets each organisation-level
    requirement the plan has no record of its own for rely on the enterprise plan's record.

    Attributes:
        title: The enterprise plan's `meta.title`.
        revision: The enterprise plan's `meta.revision` the plan relies on; `None` for
            whichever revision is current.

    Examples:
        >>> ref = PlanReference(title="Acme collaborative working policy", revision=3)
        >>> ref.matches("Acme collaborative working policy", 3)
        True
        >>> PlanReference(title="Acme collaborative working policy").matches("Acme", 3)
        False
    """

    title: str = field(validator=v.text())
    revision: int | None = v.optional_integer(low=1)

    def matches(self, title: str, revision: int) -> bool:
        """Whether a plan with this `title` and `revision` is the one referred to."""
        return title == self.title and self.revision in (None, revision)
