"""The conversation: Telegram update handlers, one module per feature, each exposing
`register(application)`, with the typed context (`handlers.context`) and the chat's typed
memory (`handlers.chat_data`) they all receive."""
