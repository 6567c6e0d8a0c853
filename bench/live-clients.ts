/**
 * The client side of `npm run bench -- live`, in a child process of its own (bench/lib/child.ts),
 * so the server's process and event loop hold only the server, and its memory is the server's.
 *
 * Fleets of WebSocket clients, each a list of sockets that the parent opens, drives and closes
 * by IPC. The clients are kept cheap: a frame is never parsed as JSON unless it answers a command
 * this socket sent (ack, error, welcome); a benchmark message is recognised by a marker in its
 * text (`bench#<n>#`), found with Buffer.indexOf, and only its arrival time is kept. Every time
 * is taken in this process with performance.now(), so send and receipt share one clock.
 */
import { WebSocket } from "ws";
import type {
  ClientReply,
  ClientRequest,
  CommandAnswer,
  FleetSpec,
  LatencyResult,
  LatencyScenario,
  ThroughputResult,
  ThroughputScenario,
} from "./live-protocol";

const MARK = Buffer.from("bench#");
const EVENT = Buffer.from('{"t":"event"');
const ANSWERS = [Buffer.from('{"t":"ack"'), Buffer.from('{"t":"error"'), Buffer.from('{"t":"welcome"')];

/** What one benchmark run records for each marked message. */
interface Tally {
  sentAt: Map<number, number>;
  count: Map<number, number>;
  /** The last arrival per group of sockets (instance A, instance B). */
  lastAt: Map<number, number[]>;
  /** Deliveries counted between `from` and `until` (throughput). */
  window: { from: number; until: number; deliveries: number };
}

let tally: Tally | null = null;

class Client {
  readonly socket: WebSocket;
  private readonly waiting = new Map<string, (answer: CommandAnswer) => void>();
  private welcomed: ((answer: CommandAnswer) => void) | null = null;
  readonly opened: Promise<void>;
  closed = false;

  constructor(
    readonly index: number,
    readonly group: number,
    url: string,
    headers: Record<string, string>,
  ) {
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false, skipUTF8Validation: true });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once("open", () => resolve());
      this.socket.once("unexpected-response", (_request, response) => reject(new Error(`socket refused: ${response.statusCode}`)));
      this.socket.once("error", reject);
    });
    this.socket.on("error", () => {});
    this.socket.on("close", () => {
      this.closed = true;
    });
    this.socket.on("message", (data: Buffer) => this.receive(data));
  }

  private receive(data: Buffer): void {
    const at = performance.now();
    if (tally && startsWith(data, EVENT)) {
      const mark = data.indexOf(MARK);
      if (mark !== -1) return record(tally, readNumber(data, mark + MARK.length), this.group, at);
      return;
    }
    if (ANSWERS.some((prefix) => startsWith(data, prefix))) {
      const message = JSON.parse(data.toString("utf8")) as CommandAnswer;
      if (message.t === "welcome" || (message.t === "error" && message.id === undefined)) {
        const wake = this.welcomed;
        this.welcomed = null;
        wake?.(message);
        return;
      }
      const id = message.id;
      if (id === undefined) return;
      const wake = this.waiting.get(id);
      this.waiting.delete(id);
      wake?.(message);
    }
  }

  hello(roomId: string): Promise<CommandAnswer> {
    return new Promise((resolve) => {
      this.welcomed = resolve;
      this.socket.send(JSON.stringify({ t: "hello", roomId }));
    });
  }

  private counter = 0;

  /** Sends a command; resolves with its ack or error (or a timeout, as an error). */
  command(cmd: Record<string, unknown>, timeoutMs = 30_000): Promise<CommandAnswer> {
    const id = `c${this.index}-${++this.counter}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve({ t: "error", id, code: "timeout", message: "no answer" });
      }, timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.socket.send(JSON.stringify({ t: "cmd", id, cmd }));
    });
  }
}

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function readNumber(data: Buffer, from: number): number {
  let n = 0;
  for (let i = from; i < data.length; i++) {
    const digit = data[i]! - 48;
    if (digit < 0 || digit > 9) break;
    n = n * 10 + digit;
  }
  return n;
}

function record(t: Tally, n: number, group: number, at: number): void {
  t.count.set(n, (t.count.get(n) ?? 0) + 1);
  const last = t.lastAt.get(n);
  if (last) last[group] = Math.max(last[group] ?? 0, at);
  else {
    const fresh: number[] = [];
    fresh[group] = at;
    t.lastAt.set(n, fresh);
  }
  if (at >= t.window.from && at < t.window.until) t.window.deliveries++;
}

function newTally(): Tally {
  return { sentAt: new Map(), count: new Map(), lastAt: new Map(), window: { from: Infinity, until: Infinity, deliveries: 0 } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------- fleets ----------

const fleets = new Map<string, Client[]>();

function fleet(name: string): Client[] {
  const found = fleets.get(name);
  if (!found) throw new Error(`no fleet ${name}`);
  return found;
}

/** Opens every socket (and says hello to the room, waiting for the welcome), `concurrency` at a time, in order of index. */
async function open(spec: FleetSpec): Promise<{ ms: number }> {
  const began = performance.now();
  const clients: Client[] = [];
  fleets.set(spec.name, clients);
  let next = 0;
  const openOne = async (i: number) => {
    const s = spec.sockets[i]!;
    const client = new Client(i, s.group, s.url, s.headers);
    clients[i] = client;
    await client.opened;
    if (spec.roomId !== null) {
      const answer = await client.hello(spec.roomId);
      if (answer.t !== "welcome") throw new Error(`socket ${i}: hello answered ${JSON.stringify(answer)}`);
    }
  };
  // The first socket (the chair) goes in alone, so it arrives first and leads.
  if (spec.sockets.length > 0) await openOne(next++);
  const lane = async () => {
    while (next < spec.sockets.length) await openOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(spec.concurrency, spec.sockets.length) }, lane));
  return { ms: Math.round(performance.now() - began) };
}

async function close(name: string): Promise<void> {
  const clients = fleets.get(name) ?? [];
  fleets.delete(name);
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.closed || client.socket.readyState === WebSocket.CLOSED) return resolve();
          client.socket.once("close", () => resolve());
          client.socket.terminate();
        }),
    ),
  );
}

// ---------- scenarios ----------

const CHAT = "Thank you for sharing that. It really resonates with me this week.";
const COMPOSER =
  "I wanted to talk about this week, because it was a hard one. On Monday I nearly called in sick, and I did not, " +
  "and I think that matters. I went for a walk at lunch and wrote down three things I was grateful for. " +
  "Evenings are still the hardest part. My sister visited on Thursday and we talked for the first time in months. ";

/** The live composer's whole current text: it grows as the speaker types. */
function composerText(n: number, length: number): string {
  let body = "";
  while (body.length < length) body += COMPOSER;
  return `bench#${n}# ${body.slice(0, length)}`;
}

/**
 * The speaker's composer sends the whole text every `shareEveryMs`; someone else chats every
 * `chatEveryMs`. Every send is timed against the last socket to receive it.
 */
async function latency(scenario: LatencyScenario): Promise<LatencyResult> {
  const clients = fleet(scenario.fleet);
  const t = newTally();
  tally = t;
  let n = 0;
  const errors: Record<string, number> = {};
  const answered: Promise<void>[] = [];
  const send = (client: Client, cmd: Record<string, unknown>) => {
    const id = ++n;
    const text = cmd.type === "share_text" ? composerText(id, Math.min(3900, scenario.shareStartChars + scenario.shareGrowthChars * id)) : `bench#${id}# ${CHAT}`;
    t.sentAt.set(id, performance.now());
    answered.push(
      client.command({ ...cmd, text }).then((answer) => {
        if (answer.t === "error") errors[answer.code] = (errors[answer.code] ?? 0) + 1;
      }),
    );
  };
  const began = performance.now();
  const until = began + scenario.seconds * 1000;
  let nextShare = began;
  let nextChat = began + scenario.chatEveryMs / 2;
  let chatter = 0;
  while (performance.now() < until) {
    const now = performance.now();
    if (now >= nextShare) {
      send(clients[scenario.speaker]!, { type: "share_text" });
      nextShare += scenario.shareEveryMs;
    }
    if (now >= nextChat && scenario.chatters.length > 0) {
      send(clients[scenario.chatters[chatter++ % scenario.chatters.length]!]!, { type: "chat" });
      nextChat += scenario.chatEveryMs;
    }
    await sleep(Math.min(nextShare, nextChat) - performance.now());
  }
  await Promise.all(answered);
  // Stragglers: wait until every socket has every message, or two seconds.
  const expected = clients.filter((c) => !c.closed).length;
  const deadline = performance.now() + 2000;
  while (performance.now() < deadline && [...t.sentAt.keys()].some((id) => (t.count.get(id) ?? 0) < expected)) await sleep(20);
  tally = null;

  const groups = Math.max(...clients.map((c) => c.group)) + 1;
  const toLast: number[][] = Array.from({ length: groups }, () => []);
  const toLastOfAll: number[] = [];
  const hops: number[] = [];
  let incomplete = 0;
  for (const [id, sentAt] of t.sentAt) {
    if ((t.count.get(id) ?? 0) < expected) incomplete++;
    const last = t.lastAt.get(id);
    if (!last) continue;
    let all = 0;
    for (let g = 0; g < groups; g++) {
      if (last[g] === undefined) continue;
      toLast[g]!.push(last[g]! - sentAt);
      all = Math.max(all, last[g]! - sentAt);
    }
    toLastOfAll.push(all);
    if (groups > 1 && last[0] !== undefined && last[1] !== undefined) hops.push(last[1] - last[0]);
  }
  return { messages: t.sentAt.size, receivers: expected, incomplete, errors, toLast: toLastOfAll, toLastByGroup: toLast, hops };
}

/**
 * As many messages as the server delivers: each sender sends a chat, waits for its ack and at
 * least `minIntervalMs` (Kindred's per-connection limit is 10 a second), and sends again.
 * Deliveries are counted at every socket after the warm-up.
 */
async function throughput(scenario: ThroughputScenario): Promise<ThroughputResult> {
  const clients = fleet(scenario.fleet);
  const t = newTally();
  tally = t;
  let n = 0;
  let sent = 0;
  const errors: Record<string, number> = {};
  const began = performance.now();
  const from = began + scenario.warmUpSeconds * 1000;
  const until = from + scenario.seconds * 1000;
  t.window = { from, until, deliveries: 0 };
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  const cpuTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
  }, scenario.warmUpSeconds * 1000);
  const loop = async (client: Client) => {
    while (performance.now() < until) {
      const started = performance.now();
      const id = ++n;
      const answer = await client.command({ type: "chat", text: `bench#${id}# ${CHAT}` });
      if (started >= from && started < until) sent++;
      if (answer.t === "error") errors[answer.code] = (errors[answer.code] ?? 0) + 1;
      await sleep(scenario.minIntervalMs - (performance.now() - started));
    }
  };
  await Promise.all(scenario.senders.map((i) => loop(clients[i]!)));
  clearTimeout(cpuTimer);
  const cpu = process.cpuUsage(cpuAtStart ?? undefined);
  const seconds = (Math.min(performance.now(), until) - from) / 1000;
  await sleep(200);
  tally = null;
  return {
    deliveriesPerSecond: Math.round(t.window.deliveries / scenario.seconds),
    commandsPerSecond: Math.round(sent / scenario.seconds),
    offeredPerSecond: Math.round((scenario.senders.length * 1000) / scenario.minIntervalMs),
    clientCpu: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100) / 100,
    errors,
  };
}

// ---------- IPC ----------

async function handle(request: ClientRequest): Promise<unknown> {
  switch (request.op) {
    case "open":
      return open(request.fleet);
    case "command": {
      const client = fleet(request.fleet)[request.socket]!;
      return client.command(request.cmd);
    }
    case "latency":
      return latency(request.scenario);
    case "throughput":
      return throughput(request.scenario);
    case "close":
      return close(request.fleet);
    case "exit":
      for (const name of [...fleets.keys()]) await close(name);
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (request: ClientRequest) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies ClientReply),
    (error: unknown) => process.send!({ id: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies ClientReply),
  );
});
process.on("disconnect", () => process.exit(0));
