# Django has no Arabic date-with-time format and fell back to the English one
# ("N j, Y, P"), so a page showed "5 ديسمبر، 2026" and the next "ديسمبر 5, 2026, 3 م".
# One way everywhere: the date as Django writes it alone, then the time.
DATE_FORMAT = "j F، Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATE_FORMAT = "d‏/m‏/Y"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
