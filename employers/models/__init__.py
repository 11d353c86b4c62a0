"""Employers, the people who act for them, occupations, job ads and training."""

from employers.models.employers import (
    Employer,
    EmployerInvitation,
    EmployerMembership,
    Sector,
)
from employers.models.jobs import PERMIT_ADVERTISING_DAYS, Job, Occupation, OccupationImport
from employers.models.training import ReadinessAssessment, TrainingSeat

__all__ = [
    "PERMIT_ADVERTISING_DAYS",
    "Employer",
    "EmployerInvitation",
    "EmployerMembership",
    "Job",
    "Occupation",
    "OccupationImport",
    "ReadinessAssessment",
    "Sector",
    "TrainingSeat",
]
