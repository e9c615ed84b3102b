"""A read that every refresh of a busy page repeats, its SQL compiled by Django once per process.

Django builds and compiles a QuerySet on every call; for a read with joins, an OR of windows and a
subquery that costs more CPU than running it. `CompiledRead` asks Django once for the SQL, with
stand-in values whose places in the parameters it then knows, and runs that SQL with the real
values through `Model.objects.raw()`, or, for a read with select_related (which raw() cannot fill),
through Django's own converters and related populators (`with_related`). The QuerySet stays the one
definition of the read (and is used as it is whenever a stand-in cannot be found in the parameters).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from threading import Lock

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import RawQuerySet, get_related_populators

_UNSET = object()


def _adapted(value, alias: str):
    """The value as Django puts it in the parameters: only ints, strings and datetimes are stood in for."""
    if isinstance(value, datetime):
        return connections[alias].ops.adapt_datetimefield_value(value)
    if type(value) in (int, str):
        return value
    raise TypeError(f"CompiledRead takes ints, strings and datetimes, not {type(value).__name__}")


class CompiledRead:
    def __init__(self, model: type[Model], build: Callable[..., QuerySet], stand_ins: Sequence) -> None:
        """`build(*values)` is the read; `stand_ins` are values of the same kinds that no real call uses
        and that differ from each other (each must show up in the compiled parameters)."""
        self.model, self.build, self.stand_ins = model, build, tuple(stand_ins)
        self._compiled: dict[str, object] = {}
        self._lock = Lock()
        self._ids: CompiledRead | None = None

    def _compile(self, alias: str):
        compiler = self.build(*self.stand_ins).query.get_compiler(alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a stand-in out of its field's range: nothing to learn from
            return None
        stand_ins = [_adapted(value, alias) for value in self.stand_ins]
        places: list[tuple[bool, object]] = []  # (True, index of the value) or (False, a constant)
        for param in params:
            found = [i for i, stand_in in enumerate(stand_ins) if type(param) is type(stand_in) and param == stand_in]
            places.append((True, found[0]) if len(found) == 1 else (False, param))
        if {i for is_value, i in places if is_value} != set(range(len(stand_ins))):
            return None  # a value did not reach the SQL as a plain parameter: keep the QuerySet
        return compiler, sql, places

    def _bound(self, alias: str, values) -> tuple[object, str, list] | None:
        """(compiler, SQL, parameters) for these values, or None when the QuerySet must run as it is."""
        compiled = self._compiled.get(alias, _UNSET)
        if compiled is _UNSET:
            with self._lock:
                compiled = self._compiled.setdefault(alias, self._compile(alias))
        if compiled is None:
            return None
        compiler, sql, places = compiled
        adapted = [_adapted(value, alias) for value in values]
        return compiler, sql, [adapted[p] if is_value else p for is_value, p in places]

    def __call__(self, *values) -> QuerySet | RawQuerySet:
        alias = self.model.objects.db
        bound = self._bound(alias, values)
        return self.build(*values) if bound is None else self.model.objects.raw(*bound[1:])

    def with_related(self, *values) -> list[Model]:
        """The rows as `build(*values)` makes them, select_related objects included (as Django's
        ModelIterable builds them: its converters, `from_db` and related populators)."""
        alias = self.model.objects.db
        bound = self._bound(alias, values)
        if bound is None:
            return list(self.build(*values))
        compiler, sql, params = bound
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = [row[:compiler.col_count] for row in cursor.fetchall()]
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, alias)
        found = []
        for row in compiler.results_iter([rows]):
            obj = klass_info["model"].from_db(alias, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def count(self, *values) -> int:
        """`build(*values).count()`, its SQL (the ids only, unordered) compiled once as well."""
        if self._ids is None:
            self._ids = CompiledRead(self.model, lambda *v: self.build(*v).order_by().values("pk"), self.stand_ins)
        alias = self.model.objects.db
        bound = self._ids._bound(alias, values)
        if bound is None:
            return self.build(*values).count()
        _compiler, sql, params = bound
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS counted", params)
            return cursor.fetchone()[0]
