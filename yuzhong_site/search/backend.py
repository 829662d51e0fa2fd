"""Wagtail's database search backend, taught to read Chinese.

Set in ``WAGTAILSEARCH_BACKENDS`` as ``"yuzhong_site.search.backend"``. Like Wagtail's own
``wagtail.search.backends.database`` it picks the SQLite (FTS5) or PostgreSQL implementation
for the database in use; each is a thin subclass that

* indexes every ``SearchField``/``AutocompleteField`` value with Han runs split into overlapping
  bigrams (``segmentation.segment_for_index``) — for every indexed model, pages, snippets,
  images and documents alike, so no model has to remember a special field class; and
* turns a plain-text query into the same bigrams (``segmentation.segment_query``): the bigrams
  of one typed word must all match, a lone Han character is searched as a prefix, and
  punctuation never reaches the database's query syntax.

The ``add_items`` methods follow modelsearch's own (1.3) line for line, except that they use the
segmenting indexer; ``tests/test_search_backend.py`` fails if a modelsearch upgrade changes the
shape they rely on.
"""

import functools

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.fallback import DatabaseSearchBackend as FallbackBackend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .segmentation import segment_for_index, segment_query


def _segmenting(indexer_class):
    """An ObjectIndexer subclass whose search/autocomplete values are segmented once each."""

    class SegmentingObjectIndexer(indexer_class):
        def prepare_field(self, obj, field):
            if isinstance(field, (SearchField, AutocompleteField)):
                for *rest, value in super().prepare_field(obj, field):
                    yield (*rest, segment_for_index(value))
            else:  # RelatedFields recurse through this method for each sub-field
                yield from super().prepare_field(obj, field)

    SegmentingObjectIndexer.__name__ = f"Segmenting{indexer_class.__name__}"
    return SegmentingObjectIndexer


def _combine_groups(groups, operator, make_lexeme, prefix_last=False, invert=False):
    """One lexeme expression: terms of a group AND-ed, groups joined by ``operator``.

    ``invert`` (PostgreSQL's NOT) negates each lexeme and swaps the operators (De Morgan).
    """
    join_and = (lambda a, b: a | b) if invert else (lambda a, b: a & b)
    join_or = (lambda a, b: a & b) if invert else (lambda a, b: a | b)
    between = join_and if operator == "and" else join_or
    combined = None
    for group_index, group in enumerate(groups):
        expression = None
        for term_index, term in enumerate(group):
            is_last = group_index == len(groups) - 1 and term_index == len(group) - 1
            lexeme = make_lexeme(term.text, term.prefix or (prefix_last and is_last))
            expression = lexeme if expression is None else join_and(expression, lexeme)
        combined = expression if combined is None else between(combined, expression)
    return combined


def _query_text(query):
    return query.query_string if isinstance(query, (PlainText, Phrase)) else None


# --- SQLite (FTS5) -------------------------------------------------------------------------


@functools.cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite as base
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

    Indexer = _segmenting(base.ObjectIndexer)

    class ChineseSQLiteIndex(base.SQLiteIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            indexers = [Indexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = get_content_type_pk(model)
            data = {ix.id: (ix.title, ix.autocomplete, ix.body) for ix in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = frozenset(
                entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
            )
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                [
                    base.IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )
            self._refresh_title_norms()

    class ChineseQueryMixin:
        def build_search_query_content(self, query, config=None):
            text = _query_text(query)
            if text is None:
                return super().build_search_query_content(query, config=config)
            groups = segment_query(text)
            if not groups:
                return None
            operator = "and" if isinstance(query, Phrase) else query.operator.lower()
            lexemes = _combine_groups(
                groups,
                operator,
                lambda term, prefix: Lexeme(term, prefix=prefix),
                prefix_last=self.LAST_TERM_IS_PREFIX,
            )
            return SearchQueryExpression(lexemes, config=config)

        def search(self, config, start, stop, score_field=None):
            # A query with nothing to look for (only punctuation) matches nothing, politely.
            text = _query_text(self.query)
            if text is not None and not segment_query(text):
                return self.queryset.none()
            return super().search(config, start, stop, score_field=score_field)

    class ChineseSQLiteSearchQueryCompiler(ChineseQueryMixin, base.SQLiteSearchQueryCompiler):
        pass

    class ChineseSQLiteAutocompleteQueryCompiler(
        ChineseQueryMixin, base.SQLiteAutocompleteQueryCompiler
    ):
        pass

    class ChineseSQLiteSearchBackend(base.SQLiteSearchBackend):
        index_class = ChineseSQLiteIndex
        query_compiler_class = ChineseSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler

        def ranked_ids(self, query, models, operator="and"):
            """See :func:`_ranked`: one FTS5 query (bm25, lower is better)."""
            entries = functools.partial(_sqlite_entries, base)
            return _ranked(self, query, models, operator, entries, best_first=False)

    return ChineseSQLiteSearchBackend


def _ranked(backend, query, models, operator, entries, best_first):
    """``{model: [primary key, best match first]}`` for each of ``models``: every object of the
    model (or of its subclasses: pages) that ``query`` matches, ranked as modelsearch ranks that
    model's own search (its score, then the highest key first) — from one full-text query for
    all of them instead of one per model, each with a relevance subquery. The public search
    (``yuzhong_site/search/views.py``) then reads each model's matches it may show by key."""
    text = (query or "").strip()
    if not text or not segment_query(text):
        return {model: [] for model in models}
    types = {model: set(get_descendants_content_types_pks(model)) for model in models}
    compiler = backend.query_compiler_class(models[0]._default_manager.all(), text, operator=operator)
    found = {model: [] for model in models}
    for content_type, object_id, score in entries(
        compiler, compiler.get_config(backend), set().union(*types.values())
    ):
        for model, model_types in types.items():
            if content_type in model_types:
                found[model].append((score, object_id))
    sign = -1 if best_first else 1
    return {
        model: [int(object_id) for score, object_id in sorted(
            rows, key=lambda row: (sign * (row[0] or 0.0), -int(row[1]))
        )]
        for model, rows in found.items()
    }


def _sqlite_entries(base, compiler, config, content_types):
    """(content type, object id, bm25 score) of every FTS5 match among ``content_types``."""
    search_query = compiler.build_search_query(base.normalize(compiler.query), config=config)
    if search_query is None:
        return []
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
    return (
        base.SQLiteFTSIndexEntry.objects.filter(
            base.MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
        )
        .filter(index_entry__content_type__in=content_types)
        .annotate(score=rank)
        .values_list("index_entry__content_type_id", "index_entry__object_id", "score")
    )


def _postgres_entries(base, compiler, config, content_types):
    """(content type, object id, ts_rank score) of every match among ``content_types``: the
    title and body vectors, weights and title norm of modelsearch's PostgreSQL search."""
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    if tsquery is None:
        return []
    rank = None
    for vector, boost in [(F("title"), F("title_norm")), (F("body"), 1.0)]:
        term = compiler.build_tsrank(vector, compiler.query, config=config) * boost
        rank = term if rank is None else rank + term
    return (
        base.IndexEntry.objects.filter(content_type__in=content_types)
        .annotate(_vector_=F("title")._combine(F("body"), "||", False))
        .filter(_vector_=tsquery)
        .annotate(score=rank)
        .values_list("content_type_id", "object_id", "score")
    )


# --- PostgreSQL ----------------------------------------------------------------------------


@functools.cache
def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres as base
    from modelsearch.backends.database.postgres.query import Lexeme

    Indexer = _segmenting(base.ObjectIndexer)

    class ChinesePostgresIndex(base.PostgresIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            indexers = [Indexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            IndexEntry = base.IndexEntry
            content_type_pk = get_content_type_pk(model)
            compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
            rows, params = [], []
            for indexer in indexers:
                params.extend((content_type_pk, indexer.id))
                vectors = []
                for name in ("title", "autocomplete", "body"):
                    value = compiler.prepare_value(
                        IndexEntry._meta.get_field(name), getattr(indexer, name)
                    )
                    sql, value_params = value.as_sql(compiler, self.write_connection)
                    vectors.append(sql)
                    params.extend(value_params)
                params.extend((indexer.title_text, indexer.body_text))
                rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
            table = IndexEntry._meta.db_table
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete,"  # noqa: S608
                    " body, title_norm, title_text, body_text)"
                    f" (VALUES {', '.join(rows)})"
                    " ON CONFLICT (content_type_id, object_id) DO UPDATE SET"
                    " title = EXCLUDED.title, title_norm = 1.0,"
                    " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                    " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                    params,
                )
            self._refresh_title_norms()

    class ChineseQueryMixin:
        def build_tsquery_content(self, query, config=None, invert=False):
            text = _query_text(query)
            if text is None:
                return super().build_tsquery_content(query, config=config, invert=invert)
            groups = segment_query(text)
            if not groups:
                return None
            operator = "and" if isinstance(query, Phrase) else query.operator.lower()
            lexemes = _combine_groups(
                groups,
                operator,
                lambda term, prefix: Lexeme(term, prefix=prefix, invert=invert),
                prefix_last=self.LAST_TERM_IS_PREFIX,
                invert=invert,
            )
            return SearchQuery(lexemes, search_type="raw", config=config)

        def search(self, config, start, stop, score_field=None, backend=None):
            text = _query_text(self.query)
            if text is not None and not segment_query(text):
                return self.queryset.none()
            return super().search(config, start, stop, score_field=score_field, backend=backend)

    class ChinesePostgresSearchQueryCompiler(ChineseQueryMixin, base.PostgresSearchQueryCompiler):
        pass

    class ChinesePostgresAutocompleteQueryCompiler(
        ChineseQueryMixin, base.PostgresAutocompleteQueryCompiler
    ):
        pass

    class ChinesePostgresSearchBackend(base.PostgresSearchBackend):
        index_class = ChinesePostgresIndex
        query_compiler_class = ChinesePostgresSearchQueryCompiler
        autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler

        def ranked_ids(self, query, models, operator="and"):
            """See :func:`_ranked`: one query on the index table (ts_rank, higher is better),
            with the vectors and weights of modelsearch's own search."""
            entries = functools.partial(_postgres_entries, base)
            return _ranked(self, query, models, operator, entries, best_first=True)

    return ChinesePostgresSearchBackend


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks for in a backend module
    """The Chinese-aware backend for the database in use (as Wagtail's database backend does)."""
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite" and not isinstance(backend, FallbackBackend):
        return _sqlite_backend_class()(params)
    # Other databases (and SQLite without FTS5) use LIKE filtering, which needs no segmentation.
    return backend
