"""The apply link of a job reached through a campaign: counts the click for the
campaign (a daily counter, no personal data), then goes to the employer's own
application link or address."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_GET

from employers.models import Job
from employers.selectors import public_jobs
from markets.campaigns import campaign_of
from markets.models import JobCampaignClicks
from markets.services import job_click_record


class ApplyRedirect(HttpResponseRedirect):
    allowed_schemes = ["http", "https", "mailto"]


@require_GET
def job_apply(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    job: Job | None = public_jobs().filter(pk=pk).first()
    if job is None:
        raise Http404
    job_click_record(
        job_id=job.pk, campaign=campaign_of(request), kind=JobCampaignClicks.Kind.APPLY
    )
    target = job.apply_url or f"mailto:{job.apply_email}"
    response = ApplyRedirect(target)
    response["X-Robots-Tag"] = "noindex"
    return response
