"""Every write with side effects for ambassadors, buddy requests and matches.

Services are keyword-only, run inside ``transaction.atomic``, call ``full_clean``
before saving, and schedule Celery tasks only after the commit (a broker that
cannot be reached never fails the user's request: the outbox sweep catches up).
Lock order is always request → match → ambassador.
"""

from ambassadors.services.ambassadors import (
    ambassador_apply,
    ambassador_approve,
    ambassador_decline,
    ambassador_reinstate,
    ambassador_set_paused,
    ambassador_suspend,
    ambassador_update_profile,
    suspended_holdings_release,
)
from ambassadors.services.common import enqueue_on_commit, responsible_organisation
from ambassadors.services.matches import (
    CHECK_IN_STAGES,
    check_ins_send_due,
    concern_report,
    match_end,
    match_end_by_staff,
    match_feedback_give,
    message_send,
    participant_role,
)
from ambassadors.services.requests import (
    buddy_request_submit,
    buddy_request_withdraw,
    offer_accept,
    offer_decline,
)

__all__ = [
    "CHECK_IN_STAGES",
    "ambassador_apply",
    "ambassador_approve",
    "ambassador_decline",
    "ambassador_reinstate",
    "ambassador_set_paused",
    "ambassador_suspend",
    "ambassador_update_profile",
    "buddy_request_submit",
    "buddy_request_withdraw",
    "check_ins_send_due",
    "concern_report",
    "enqueue_on_commit",
    "match_end",
    "match_end_by_staff",
    "match_feedback_give",
    "message_send",
    "offer_accept",
    "offer_decline",
    "participant_role",
    "responsible_organisation",
    "suspended_holdings_release",
]
