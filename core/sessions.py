"""Sessions in the database, as Django keeps them, read with one plain statement.

Used where there is no Redis (cary_pd/settings.py). Building and compiling the ORM query for
the session row cost several times more than reading it, and every visitor with a session
(a resident in the middle of a report, staff) pays it on every page. A key the table does not
hold, or holds expired, goes through Django's own ``load``, which forgets the key; writes and
everything else are Django's.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote_name = connection.ops.quote_name
        key, data, expires = (
            model._meta.get_field(name) for name in ("session_key", "session_data", "expire_date")
        )
        statement = (
            f"SELECT {quote_name(data.column)} FROM {quote_name(model._meta.db_table)}"  # noqa: S608
            f" WHERE {quote_name(key.column)} = %s AND {quote_name(expires.column)} > %s"
        )
        now = expires.get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(statement, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            return super().load()
        return self.decode(row[0])
