"""Copies of police records: a resident asks, the Records group fulfils with a PDF that the
resident downloads through a signed, expiring link after confirming their email address."""
