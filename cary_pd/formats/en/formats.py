# "December 5, 2026"; "Saturday, December 5, 2026, 6:00 PM EST"; "6:00 PM".
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "l, F j, Y, g:i A T"  # "T": EST or EDT, the zone named
SHORT_DATETIME_FORMAT = "F j, Y, g:i A"
TIME_FORMAT = "g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "l, F j"  # an event card's day, before its time
# Time boxes (the admin's) show "04:30 PM" and take "4:30 PM", "4:30pm", "4 PM" or "16:30".
TIME_INPUT_FORMATS = ["%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
