/** Arithmetic on absolute time, free of any date library so workflow code can use it. */

/** Adds whole minutes to an instant (absolute time, so DST never stretches a duration). */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
