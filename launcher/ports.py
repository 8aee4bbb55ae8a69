"""Free ports for the processes the launcher, the tests and the benchmarks start (standard library only)."""

import random
import socket


def free_port() -> int:
    """A free port below the kernel's ephemeral range. A port the kernel hands out (bind to 0)
    can also become the source port of our own readiness probe while nothing listens on it yet:
    the probe then connects to itself and reads its own request back (TCP self-connect)."""
    low = _ephemeral_low()
    while True:
        port = random.randint(10000, low - 1)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


def _ephemeral_low() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range", encoding="ascii") as f:
            return max(10001, int(f.read().split()[0]))
    except (OSError, ValueError, IndexError):
        return 32768
