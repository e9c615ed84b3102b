"""The two floors the pages are compared with, and the header that reports a page's query count."""

from django.db import connection
from django.http import HttpResponse
from django.template import engines

from talents.models import Talent

_SMALL = engines["django"].from_string(
    "<!doctype html><html><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1><p>{{ slug|default:'-' }}</p></body></html>"
)


def floor_no_query(request):
    """Django's full middleware stack and a small template, no database."""
    return HttpResponse(_SMALL.render({"title": "floor", "slug": "none"}, request))


def floor_one_query(request):
    """The same, plus one short query: what a page costs at least."""
    slug = Talent.objects.values_list("slug", flat=True).order_by("pk").first()
    return HttpResponse(_SMALL.render({"title": "floor", "slug": slug}, request))


class QueryCountMiddleware:
    """Adds X-Bench-Queries: the number of SQL statements the request ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count[0])
        return response
