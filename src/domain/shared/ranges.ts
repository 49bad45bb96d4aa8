/** A half-open span of absolute time [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}
