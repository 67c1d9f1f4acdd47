"""Telegram update handlers, one module per feature, each exposing `register(application)`."""
