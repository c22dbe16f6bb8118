/**
 * How big a stress run is: `LECTERN_STRESS_<NAME>` when set (a positive integer),
 * else the default. Every suite under tests/stress/ sizes itself through this, so
 * one environment variable scales one suite (README.md of this folder).
 */
export function stressCount(name: string, fallback: number): number {
  const raw = process.env[`LECTERN_STRESS_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`LECTERN_STRESS_${name} must be a positive integer, not "${raw}"`);
  return value;
}
