/**
 * `npm run bench -- <name> [--postgres]`: runs one benchmark. Each prints its figures in plain
 * lines and ends with exactly one line of JSON holding them. Figures go to docs/PERFORMANCE.md.
 */
const BENCHMARKS: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  board: () => import("./board"),
  directory: () => import("./directory"),
  live: () => import("./live"),
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (!load) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [--postgres]`);
    process.exit(64);
  }
  await (await load()).run(args);
}

main().then(
  // Pools and worker threads may linger a moment; the figures are out.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
