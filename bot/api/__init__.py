"""The routes: thin handlers that check what arrives and hand it to a service."""
