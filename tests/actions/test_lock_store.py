"""The Redis lock store several Rasa servers share: one message of a conversation at a time, in
the order they came, as Rasa's own in-memory store gives them, at three Redis round trips a
message however many keys the database holds. On a private redis-server (the machine's may be
in use by others)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
import time

import pytest
import redis
from rasa.core.lock_store import InMemoryLockStore

from launcher.ports import free_port
from rasa_components.lock_store import AtomicRedisLockStore


@pytest.fixture(scope="module")
def redis_port():
    binary = shutil.which("redis-server")
    assert binary, "redis-server is installed (the scale-out path needs it)"
    port = free_port()
    server = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "the test's redis-server started"
            time.sleep(0.05)
    yield port
    server.terminate()
    server.wait(10)


@pytest.fixture
def servers(redis_port):
    """Two Rasa servers' lock stores on one (emptied) Redis database."""
    redis.Redis(port=redis_port).flushall()
    return [AtomicRedisLockStore(host="127.0.0.1", port=redis_port, key_prefix="trivsel") for _ in range(2)]


async def _messages(stores, conversation="c1", count=6, work_s=0.05):
    """`count` messages to one conversation, sent a moment apart and spread over `stores`; each
    holds the lock for `work_s`. Returns (message, start, end) in the order they ran."""
    ran = []

    async def message(i):
        await asyncio.sleep(i * 0.01)  # arrival order
        async with stores[i % len(stores)].lock(conversation, wait_time_in_seconds=0.01):
            started = time.monotonic()
            await asyncio.sleep(work_s)
            ran.append((i, started, time.monotonic()))

    await asyncio.gather(*(message(i) for i in range(count)))
    return ran


def test_messages_of_one_conversation_run_one_at_a_time_in_the_order_they_came_as_in_rasas_own_store(servers):
    ours = asyncio.run(_messages(servers))
    rasas = asyncio.run(_messages([InMemoryLockStore()]))
    assert [i for i, _, _ in ours] == [i for i, _, _ in rasas] == list(range(6))
    for (_, _, ended), (_, started, _) in zip(ours, ours[1:]):
        assert started >= ended, "a message began before the one before it had finished"


def test_a_conversation_does_not_wait_for_another(servers):
    async def both():
        async with servers[0].lock("c1"):
            started = time.monotonic()
            async with servers[1].lock("c2", wait_time_in_seconds=1):
                return time.monotonic() - started

    assert asyncio.run(both()) < 0.5


def test_tickets_drawn_at_once_on_many_servers_are_all_different(servers, redis_port):
    stores = servers + [AtomicRedisLockStore(host="127.0.0.1", port=redis_port, key_prefix="trivsel") for _ in range(6)]
    numbers = []
    barrier = threading.Barrier(len(stores))

    def draw(store):
        barrier.wait()
        for _ in range(50):
            numbers.append(store.issue_ticket("c1"))

    threads = [threading.Thread(target=draw, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == list(range(1, len(stores) * 50 + 1))
    lock = servers[0].get_lock("c1")
    assert lock is not None and lock.now_serving == 1 and len(lock.tickets) == len(numbers)


def test_a_ticket_whose_server_died_blocks_the_conversation_only_until_it_expires(servers):
    servers[0].issue_ticket("c1", lock_lifetime=0.3)  # its server never finishes serving it

    async def next_message():
        started = time.monotonic()
        async with servers[1].lock("c1", wait_time_in_seconds=0.02):
            return time.monotonic() - started

    waited = asyncio.run(next_message())
    assert 0.2 < waited < 2.0
    assert servers[0].get_lock("c1") is None, "served tickets are gone; the expired one too"


def test_a_message_costs_three_round_trips_however_many_keys_redis_holds(servers, redis_port):
    client = redis.Redis(port=redis_port)
    with client.pipeline(transaction=False) as fill:  # other conversations' tickets, rate limits, rooms
        for i in range(20_000):
            fill.set(f"trivsel:other:{i}", 1)
        fill.execute()
    store = servers[0]

    async def one_message():
        async with store.lock("c1"):
            pass

    asyncio.run(one_message())  # the first loads the script into Redis
    sent = []
    send = redis.connection.Connection.send_packed_command

    def counted(connection, command, *args, **kwargs):
        sent.append(command)
        return send(connection, command, *args, **kwargs)

    client.config_resetstat()
    redis.connection.Connection.send_packed_command = counted
    try:
        asyncio.run(one_message())
    finally:
        redis.connection.Connection.send_packed_command = send
    assert len(sent) == 3
    stats = client.info("commandstats")
    assert stats["cmdstat_evalsha"]["calls"] == stats["cmdstat_zrangebyscore"]["calls"] == stats["cmdstat_zrem"]["calls"] == 1
    assert "cmdstat_scan" not in stats and "cmdstat_keys" not in stats, "no command walks the database"
