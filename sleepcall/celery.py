"""The Celery app. Without REDIS_URL, tasks run in-process (eager), so the site works alone."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sleepcall.settings")

app = Celery("sleepcall")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
