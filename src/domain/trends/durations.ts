const HOUR_MS = 60 * 60 * 1000

/**
 * Upper edges (hours, exclusive) of the duration buckets kept in the rollups: fine where the
 * deadlines fall (2 hours, 1 working day, 7 working days), coarse beyond. The last bucket is open.
 */
export const BUCKET_EDGES_HOURS = [
  1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 336, 504, 720,
] as const

/** The bucket a duration in milliseconds falls in: 0 … BUCKET_EDGES_HOURS.length. */
export function bucketOf(ms: number): number {
  const i = BUCKET_EDGES_HOURS.findIndex((edge) => ms < edge * HOUR_MS)
  return i === -1 ? BUCKET_EDGES_HOURS.length : i
}

/**
 * The median of a histogram (count per bucket), in hours to 0.1, interpolated linearly inside
 * the bucket that holds the middle case; the open last bucket answers its lower edge. Null when
 * the histogram is empty.
 */
export function medianHours(histogram: ReadonlyMap<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0)
  if (total === 0) return null
  const half = total / 2
  let below = 0
  for (let b = 0; b <= BUCKET_EDGES_HOURS.length; b++) {
    const n = histogram.get(b) ?? 0
    if (n > 0 && below + n >= half) {
      const low = b === 0 ? 0 : BUCKET_EDGES_HOURS[b - 1]!
      const high = BUCKET_EDGES_HOURS[b]
      if (high === undefined) return low
      return Math.round((low + ((half - below) / n) * (high - low)) * 10) / 10
    }
    below += n
  }
  return null
}
