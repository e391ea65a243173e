// Preloaded into the core process by the idle-memory bench (`node --expose-gc --import` this):
// on SIGUSR2 it collects garbage and writes process.memoryUsage() to BENCH_MEMORY_FILE, so the
// bench reads the server's own heap, not its clients'.
import fs from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    fs.renameSync(`${file}.tmp`, file);
  });
}
