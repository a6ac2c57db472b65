"""What the .ics tests share: the corpus file with repeating events, and a zone of a file's own
(a custom TZID, as that file's writer, ics.py, makes them) that changes to and from summer
time."""

RRULE_FILE = "next/ical/rrule-coderefinery-workshops.ics"

STOCKHOLM_OWN_ZONE = """BEGIN:VTIMEZONE
TZID:/t/Europe/Stockholm
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZNAME:CEST
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZNAME:CET
END:STANDARD
END:VTIMEZONE"""
