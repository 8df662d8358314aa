"""Live events: the WebSocket rooms, and the pollers that notice what happens in the stack."""
