"""The signed-in user with their customer and talent rows, read on every signed-in request.

Building and compiling that select_related query cost ten times more CPU than running it (0.5 ms
against 0.05). Django compiles it here once per process, with a stand-in id; each request runs the
same SQL with the real id and turns the row into objects with Django's own machinery (its
converters, `from_db` and select_related populators), so the user, their profiles and a missing
profile behave exactly as `select_related("customer", "talent").get(pk=…)` would make them.
"""

from __future__ import annotations

from threading import Lock

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models.query import get_related_populators

_STAND_IN = -2_000_000_000  # in range for any integer id, and no user has it: the query's only parameter
_compiled: dict[str, object] = {}
_lock = Lock()


def _users():
    return get_user_model()._default_manager.select_related("customer", "talent")


def _compile(alias: str):
    compiler = _users().filter(pk=_STAND_IN).query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if list(params) != [_STAND_IN] or compiler.annotation_col_map:
        return None  # not the plain read this module knows how to run: the ORM does it
    return compiler, sql


def user_with_profiles(user_id: int):
    """The user with this id and their profiles, or None."""
    alias = _users().db
    compiled = _compiled.get(alias)
    if compiled is None:
        with _lock:
            compiled = _compiled.setdefault(alias, _compile(alias) or False)
    if compiled is False:
        return _users().filter(pk=user_id).first()
    compiler, sql = compiled
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [int(user_id)])
        rows = [row[:compiler.col_count] for row in cursor.fetchall()]
    if not rows:
        return None
    klass_info, select = compiler.klass_info, compiler.select
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    row = next(iter(compiler.results_iter([rows])))
    user = klass_info["model"].from_db(alias, names, row[start:end])
    for populator in get_related_populators(klass_info, select, alias):
        populator.populate(row, user)
    return user
