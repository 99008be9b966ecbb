"""Queueing a background task with the write that causes it (Django's tasks framework).

- Database backend (django-tasks-db, production): the task row is inserted in the caller's
  transaction, so it is committed with the write and rolled back with it; ``manage.py db_worker``
  runs it.
- Immediate backend (``DJANGO_TASKS_BACKEND=immediate``: ``make run`` and the tests): the task
  would run at once, before the write is committed and even if it is rolled back, so it is
  started once the transaction commits instead.
"""

from django.db import transaction
from django.tasks.backends.immediate import ImmediateBackend


def enqueue_with_write(task, *args, **kwargs) -> None:
    """Queue ``task(*args, **kwargs)`` within the current transaction (see above)."""
    if isinstance(task.get_backend(), ImmediateBackend):
        # robust: a task that fails to start must not turn a committed write into an error.
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)
    else:
        task.enqueue(*args, **kwargs)
