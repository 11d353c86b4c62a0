# English for readers in Sweden: day month year and the 24-hour clock. Django's
# "p.m." ended sentences in "p.m.." ("Please answer by 5 December 2026, 3 p.m..").
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Sweden
