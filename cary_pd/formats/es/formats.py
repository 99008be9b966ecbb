# Spanish as written in the United States: "5 de diciembre de 2026", "6:00 p. m.", and numbers
# with the US separators residents see on every bill ("$1,200.00"), not Spain's ("1.200,00").
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"l j \d\e F \d\e Y, g:i a T"  # "T": EST o EDT
SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
TIME_FORMAT = "g:i a"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"l j \d\e F"  # an event card's day, before its time
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
# Time boxes (the admin's) show "04:30 PM" and take "4:30 PM", "4:30pm", "4 PM" or "16:30".
TIME_INPUT_FORMATS = ["%I:%M %p", "%I:%M%p", "%I %p", "%I%p", "%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
