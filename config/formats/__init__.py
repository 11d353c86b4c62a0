"""The portal's date formats where Django's own read badly (``FORMAT_MODULE_PATH``).

Only what differs is set here; the rest comes from Django's locale formats. No date
or time ends with a full stop (a sentence ending in one would end in two), and a date
with its time starts with the date as it is written alone, in every language.
"""
