"""Starts every process of the service (action servers, Rasa servers, the gateway) and keeps them alive."""
