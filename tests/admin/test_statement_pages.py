"""A big bank statement is shown a page at a time: the admin page stays small whatever the file."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.admin.statements import LINES_PER_PAGE
from bookings.models import StatementImport
from bookings.services import import_statement
from tests.admin.test_statements import bca_csv

ROW = re.compile(r"<tr[^>]*><td>[^<]+</td><td>Rp")


def _statement(lines: int, staff) -> StatementImport:
    rows = [("01/12", f"TRSF CR PENGIRIM {n:06d}", 7_000_000 + n, "CR") for n in range(lines)]
    return import_statement(data=bca_csv(*rows), file_name=f"big-{lines}.csv", staff=staff).statement


def _page(client, statement, query: str = ""):
    return client.get(reverse("admin:bookings_statementimport_change", args=[statement.pk]) + query)


@pytest.fixture
def big_statement(verifier):
    return _statement(3_000, verifier)


def test_a_big_statement_shows_one_page_of_lines_per_group(client, verifier, big_statement):
    client.force_login(verifier)
    response = _page(client, big_statement)

    assert response.status_code == 200
    body = response.content.decode()
    assert len(ROW.findall(body)) == LINES_PER_PAGE
    assert "Lines 1–100 of 3000 (page 1 of 30)" in body
    assert len(response.content) < 200_000
    assert "PENGIRIM 000000" in body and "PENGIRIM 000100" not in body


def test_the_next_page_shows_the_next_lines(client, verifier, big_statement):
    client.force_login(verifier)
    body = _page(client, big_statement, "?unmatched_page=2").content.decode()

    assert "PENGIRIM 000100" in body and "PENGIRIM 000000" not in body
    assert len(ROW.findall(body)) == LINES_PER_PAGE


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "99999999999999999999"])
def test_a_strange_page_number_shows_a_page_never_an_error(client, verifier, big_statement, bad):
    client.force_login(verifier)
    response = _page(client, big_statement, f"?unmatched_page={bad}")
    assert response.status_code == 200
    assert len(ROW.findall(response.content.decode())) == LINES_PER_PAGE


def test_the_page_costs_the_same_queries_for_a_small_and_a_big_file(client, verifier):
    client.force_login(verifier)
    small, big = _statement(3, verifier), _statement(400, verifier)
    _page(client, small)  # warm the session and permission caches
    counts = []
    for statement in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert _page(client, statement).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
