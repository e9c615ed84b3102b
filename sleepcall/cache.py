"""Django's Redis cache with one client object per connection pool, instead of a new one per call.

Building a `redis.Redis` (its table of response callbacks) cost more than the GET itself on the
catalogue pages, which make four or five cache calls each. The pool, the commands and the errors
are Django's and redis-py's own; each thread already has its own cache object (django.core.cache).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
