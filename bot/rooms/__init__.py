"""Facilitator rooms: joining, what a room shows, its summary, live updates and its stores."""
