"""Places and a waiting list: what an event's registrations (outreach) and a program's sign-ups
(programs) share. Each app counts its own rows; this only says what the counts mean."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Availability:
    places_left: int | None  # None: no limit
    waiting: int

    @property
    def is_full(self) -> bool:
        """Full, or others already wait: a newcomer joins the waiting list."""
        return self.places_left is not None and (self.places_left <= 0 or self.waiting > 0)
