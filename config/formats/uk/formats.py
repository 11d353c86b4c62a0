# Without the abbreviation of "year" and its full stop that end Django's format: a
# sentence ending in a date would end in two full stops.
DATE_FORMAT = "d E Y"
DATETIME_FORMAT = "d E Y, H:i"
