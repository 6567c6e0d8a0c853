/**
 * A TypeScript file run in a child process (through tsx, as the benchmarks themselves run), and
 * asked things over IPC: `{ id, op, ... }` out, `{ id, ok, result | error }` back. For load
 * generators that must neither share the server's event loop nor count in its memory.
 */
import { fork, type ChildProcess } from "node:child_process";

export class ChildWorker<Request extends { op: string }> {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private exited = false;

  constructor(file: string) {
    this.child = fork(file, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (reply: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(`in the child process: ${reply.error}`));
    });
    this.child.on("exit", (code) => {
      this.exited = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the child process exited (${code})`));
      this.pending.clear();
    });
  }

  ask<T>(request: Request): Promise<T> {
    if (this.exited) return Promise.reject(new Error("the child process has exited"));
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...request, id });
    });
  }

  /** Asks the child to finish (it answers first), then waits for it to go. */
  async stop(exit: Request): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.ask(exit).catch(() => {});
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (!this.exited) this.child.kill();
  }
}
