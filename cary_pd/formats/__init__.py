"""The site's date, time and number formats per language (FORMAT_MODULE_PATH): templates name a
format ("DATE_FORMAT"), never a pattern, so each language writes it its own way. What a module
leaves out comes from Django's own formats for that language."""
