"""Ambassadors, buddy requests and the matches between them.

Invariants are held by the database, not only by the services:

* ``Ambassador.reserved`` (open offers + active matches) never exceeds
  ``Ambassador.capacity`` (check constraint; the matching service also locks the row);
* a buddy request is held by at most one ambassador at a time (a partial unique
  constraint over offered and accepted matches);
* an ambassador is offered a given request at most once, so a decline or a timeout
  excludes that ambassador for that request (unique constraint).
"""

from ambassadors.models.matches import Concern, Feedback, Match, Message
from ambassadors.models.people import (
    Ambassador,
    AmbassadorLanguage,
    BuddyRequest,
    Interest,
    LanguageLevel,
    Sector,
)

__all__ = [
    "Ambassador",
    "AmbassadorLanguage",
    "BuddyRequest",
    "Concern",
    "Feedback",
    "Interest",
    "LanguageLevel",
    "Match",
    "Message",
    "Sector",
]
