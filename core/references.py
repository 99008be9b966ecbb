"""The reference number a resident is given for what they sent (a concern, a record request, a
house check, a compliment or complaint): made here, and read back here when they type it.

A status page asks for the reference alone, so it is random and long enough not to be guessed
(31**10, about 8 * 10**14, at a few lookups an hour: core.reference_pages rate-limits them).
Each app keeps its own prefix ("TIP-", "REC-"...), so a reference says what it is for.
"""

import re
import secrets

from django.db import IntegrityError, transaction

# Letters and digits nobody confuses when reading one aloud or copying it: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10
# What people type between the parts: spaces, underscores, hyphens and dashes.
SEPARATORS = re.compile(r"[\s_\u2013\u2014-]+")


def new_reference(prefix: str, length: int = REFERENCE_LENGTH) -> str:
    """A new random reference: ``prefix`` then ``length`` letters and digits of the alphabet."""
    return prefix + "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(length))


def normalise_reference(value: str, prefix: str, length: int = REFERENCE_LENGTH) -> str:
    """The reference as stored, from what a resident typed: with prefix "TIP-",
    ' tip abcd 2345 xy ' -> 'TIP-ABCD2345XY'. Anything else comes back stripped and upper-case
    (it then matches nothing, and the page says so)."""
    text = SEPARATORS.sub("", (value or "").strip().upper())
    letters = prefix.rstrip("-")  # typed with or without its hyphen, or not at all
    if text.startswith(letters):
        text = text[len(letters) :]
    if len(text) == length and text.isalnum():
        return prefix + text
    return (value or "").strip().upper()


def create_with_new_reference(model, prefix: str, fields: dict, attempts: int = 5):
    """A new ``model`` row with ``fields`` under a fresh reference (its ``reference`` field is
    unique): a (very unlikely) collision takes another, each try in a savepoint of its own."""
    last_error = None
    for _attempt in range(attempts):
        try:
            with transaction.atomic():
                return model.objects.create(reference=new_reference(prefix), **fields)
        except IntegrityError as error:
            last_error = error
    raise last_error
