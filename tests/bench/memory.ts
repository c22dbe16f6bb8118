import process from 'node:process';

/**
 * The peak of `process.memoryUsage()` (rss and heapUsed) from now on, sampled every
 * 10 ms and whenever `sample` is called, until `stop`; `peaks` gives it above `base`.
 */
export function peakMemory() {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  return {
    base,
    sample,
    stop: () => clearInterval(timer),
    /** Samples once more; the peaks above `base`, in bytes. */
    peaks: () => {
      sample();
      return { rss: rss - base.rss, heap: heap - base.heapUsed };
    },
  };
}
