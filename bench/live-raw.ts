/**
 * The baseline of `npm run bench -- live`: a raw `ws` broadcast loop, the least any room server
 * could do. It takes the same client messages as Kindred's socket (`{t:"cmd", id, cmd}`), parses
 * each once, makes an event of the same shape as Kindred's, serializes and encodes it once, sends it to every
 * socket and acks the sender. No authentication, validation, database, rules or filtering.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface RawLoop {
  url: string;
  /** Sockets connected now. */
  readonly connections: number;
  /** Broadcasts so far, and the wall and CPU time (ms) their loops took (from parsing to the last send). */
  readonly work: { broadcasts: number; wallMs: number; cpuMs: number };
  close(): Promise<void>;
}

export async function startRawLoop(): Promise<RawLoop> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  let seq = 0;
  const work = { broadcasts: 0, wallMs: 0, cpuMs: 0 };
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.on("message", (data: Buffer) => {
      const began = performance.now();
      const cpu = process.cpuUsage();
      let message: { t?: string; id?: string; cmd?: { type?: string; text?: string } };
      try {
        message = JSON.parse(data.toString("utf8")) as typeof message;
      } catch {
        return;
      }
      if (message.t !== "cmd" || !message.cmd) return;
      const at = new Date().toISOString();
      seq++;
      const event =
        message.cmd.type === "share_text"
          ? { type: "share_text", shareId: "s1", text: message.cmd.text, at }
          : { type: "chat_message", message: { id: `m${seq}`, from: "p", text: message.cmd.text, at }, at };
      // Encoded once: ws would otherwise turn the string into bytes again for every socket.
      const frame = Buffer.from(JSON.stringify({ t: "event", seq, event }));
      for (const other of sockets) other.send(frame, { binary: false });
      socket.send(JSON.stringify({ t: "ack", id: message.id, seq }));
      const used = process.cpuUsage(cpu);
      work.broadcasts++;
      work.wallMs += performance.now() - began;
      work.cpuMs += (used.user + used.system) / 1000;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    get connections() {
      return sockets.size;
    },
    work,
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
