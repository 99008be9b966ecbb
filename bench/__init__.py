"""`make bench`: load the site with wrk beside a one-view Django app (the ceiling). See run.py."""
