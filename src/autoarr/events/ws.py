"""The `/ws/{client_id}` route (the gateway has already checked the key and the rate limit)."""

from __future__ import annotations

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from autoarr.events.hub import Hub, reply

router = APIRouter(tags=["events"])


@router.websocket("/ws/{client_id}")
async def websocket_events(websocket: WebSocket, client_id: str) -> None:
    """Live events: join rooms (`config_audit`, `downloads`, `content_requests`, `system`) to receive them."""
    hub: Hub = websocket.app.state.ws_hub
    await websocket.accept()
    connection = hub.connect(client_id, websocket)
    try:
        while connection.close_code is None:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            text = message.get("text")
            if text is None:
                connection.offer(reply("error", error="invalid_request", message="Send JSON text frames"))
                continue
            hub.handle(connection, text)
        else:  # the hub closed it (replaced, too slow): let the sender finish the close handshake
            await connection.closed.wait()
    except WebSocketDisconnect:
        pass
    finally:
        await hub.disconnect(connection)
