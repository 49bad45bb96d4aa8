/** A half-open span of absolute time [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}

/** True when two half-open ranges share at least one instant. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `inner` lies entirely within `outer`. */
export function contains(outer: TimeRange, inner: TimeRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
