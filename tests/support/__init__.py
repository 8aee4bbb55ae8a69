"""Helpers the test suites share (clients, fakes, walkthroughs); no tests here."""
