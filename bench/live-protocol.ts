/** What bench/live.ts and its client process (bench/live-clients.ts) say to each other over IPC. */

export interface FleetSpec {
  name: string;
  /** In order: socket 0 goes in first (the chair). `group` tells instances apart (0: A, 1: B). */
  sockets: Array<{ url: string; headers: Record<string, string>; group: number }>;
  /** The room to say hello to; null for the raw loop (no hello). */
  roomId: string | null;
  /** Sockets opening at once. */
  concurrency: number;
}

export interface LatencyScenario {
  fleet: string;
  seconds: number;
  /** The socket whose composer sends share_text, and how often. */
  speaker: number;
  shareEveryMs: number;
  /** The composer's text: its length at the start, and how much it grows with each update. */
  shareStartChars: number;
  shareGrowthChars: number;
  /** Sockets that chat in turn, one message every `chatEveryMs`. */
  chatters: number[];
  chatEveryMs: number;
}

export interface LatencyResult {
  messages: number;
  receivers: number;
  /** Messages some socket never received (within two seconds of the end). */
  incomplete: number;
  errors: Record<string, number>;
  /** Per message, ms from send to its last receiver (all sockets; and per group). */
  toLast: number[];
  toLastByGroup: number[][];
  /** Per message, the last receiver in group 1 minus the last in group 0 (ms). */
  hops: number[];
}

export interface ThroughputScenario {
  fleet: string;
  senders: number[];
  minIntervalMs: number;
  warmUpSeconds: number;
  seconds: number;
}

export interface ThroughputResult {
  deliveriesPerSecond: number;
  commandsPerSecond: number;
  /** What the senders would send if every answer came at once. */
  offeredPerSecond: number;
  /** CPU the client process used, in cores (1 = one core busy all the time). */
  clientCpu: number;
  errors: Record<string, number>;
}

export type CommandAnswer = { t: "ack"; id: string; seq: number } | { t: "error"; id?: string; code: string; message: string } | { t: "welcome"; seq: number; [key: string]: unknown };

export type ClientOp =
  | { op: "open"; fleet: FleetSpec }
  | { op: "command"; fleet: string; socket: number; cmd: Record<string, unknown> }
  | { op: "latency"; scenario: LatencyScenario }
  | { op: "throughput"; scenario: ThroughputScenario }
  | { op: "close"; fleet: string }
  | { op: "exit" };

export type ClientRequest = ClientOp & { id: number };

export type ClientReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
