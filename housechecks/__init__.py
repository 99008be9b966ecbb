"""Vacation house checks: a resident away from home asks patrol to look in; officers print the
day's active checks per district, record each visit, and the resident gets a summary on return."""
