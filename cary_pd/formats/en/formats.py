# "December 5, 2026"; "Saturday, December 5, 2026, 6:00 PM"; "6:00 PM".
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "l, F j, Y, g:i A"
SHORT_DATETIME_FORMAT = "F j, Y, g:i A"
TIME_FORMAT = "g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "l, F j"  # an event card's day, before its time
