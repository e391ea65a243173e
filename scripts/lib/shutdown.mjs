// One clean way down for a process that runs services: Ctrl+C (SIGINT) or SIGTERM stops each
// service, the last started first (the core before the CMS it talks to), then the process exits.
/** Returns { add(stop), shutdown(code) }; `stop` is an async function. */
export function shutdownOnSignals({ exit = (code) => process.exit(code) } = {}) {
  const stops = [];
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop();
    exit(code);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return { add: (stop) => void stops.push(stop), shutdown };
}
