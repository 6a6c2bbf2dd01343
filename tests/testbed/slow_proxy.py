#!/usr/bin/env python3
"""A TCP proxy that waits DELAY seconds before connecting a client to the real
server behind it, so the server's greeting arrives late (a slow, overloaded
submission server)."""
import argparse
import asyncio


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(client_r, client_w, upstream, delay):
    await asyncio.sleep(delay)
    host, port = upstream
    try:
        up_r, up_w = await asyncio.open_connection(host, port)
    except OSError:
        client_w.close()
        return
    await asyncio.gather(pipe(client_r, up_w), pipe(up_r, client_w))


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", required=True)
    p.add_argument("--upstream", required=True)
    p.add_argument("--delay", type=float, default=2.0)
    a = p.parse_args()
    lh, lp = a.listen.rsplit(":", 1)
    uh, up = a.upstream.rsplit(":", 1)
    server = await asyncio.start_server(
        lambda r, w: handle(r, w, (uh, int(up)), a.delay), lh, int(lp))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
