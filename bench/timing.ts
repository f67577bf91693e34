// Small timing helpers shared by the benchmarks: warm up, then report the median of several runs.
export function medianMs(runs: number, work: () => void): number {
  return median(runs, work, () => performance.now());
}

/**
 * Like medianMs, but in CPU time of this process (user + system), which a busy shared machine
 * disturbs far less than wall time. Includes the garbage collector's helper threads.
 */
export function medianCpuMs(runs: number, work: () => void): number {
  return median(runs, work, () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  });
}

function median(runs: number, work: () => void, clock: () => number): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = clock();
    work();
    times.push(clock() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
