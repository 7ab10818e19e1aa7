/** What every benchmark prints with: order statistics and `name: value unit` lines. */

/** The median; of an even count, the mean of the middle two. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The value below which a fraction `p` of the samples fall (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}

/** 10000 → 10k, 1000000 → 1M. */
export function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

/** One result line: counts as they are, other numbers to three significant digits (whole from 100). */
export function line(name: string, value: number | string, unit = ''): void {
  const v =
    typeof value !== 'number' || Number.isInteger(value)
      ? String(value)
      : Math.abs(value) >= 100
        ? value.toFixed(0)
        : value.toPrecision(3);
  console.log(`${name}: ${v}${unit ? ` ${unit}` : ''}`);
}
