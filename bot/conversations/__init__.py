"""Conversations: the service that starts them and sends their messages to the engine,
the gateway's own store, replies, uploads, delete and retention."""
