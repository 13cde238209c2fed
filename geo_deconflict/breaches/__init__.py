"""Breaches of the arrangements: incidents that a zone's rules forbid, where and when they held."""

from geo_deconflict.breaches.core import (
    OPERATIONAL_KINDS,
    Breach,
    BreachReport,
    Presence,
    Undecided,
    find_breaches,
)

__all__ = ["OPERATIONAL_KINDS", "Breach", "BreachReport", "Presence", "Undecided",
           "find_breaches"]
