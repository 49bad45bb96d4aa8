import type { Candidate } from './assignment-strategy';

/**
 * Gives each seat (one per bookable a requirement needs) a distinct candidate, trying candidates in
 * their ranked order and moving an earlier seat to its next choice when that frees a candidate
 * (augmenting paths), so a full assignment is found whenever one exists. Null when none exists.
 */
export function matchSeats(seats: Candidate[][]): Candidate[] | null {
  const holder = new Map<string, number>();
  const assigned: Array<Candidate | undefined> = new Array(seats.length);
  const tryAssign = (seat: number, visited: Set<string>): boolean => {
    // A candidate nobody holds yet, best first; only then move another seat to make room.
    const unheld = seats[seat]!.find((candidate) => !holder.has(candidate.timeline.bookable.id) && !visited.has(candidate.timeline.bookable.id));
    if (unheld) {
      holder.set(unheld.timeline.bookable.id, seat);
      assigned[seat] = unheld;
      return true;
    }
    for (const candidate of seats[seat]!) {
      const id = candidate.timeline.bookable.id;
      if (visited.has(id)) continue;
      visited.add(id);
      const current = holder.get(id);
      if (current === undefined || tryAssign(current, visited)) {
        holder.set(id, seat);
        assigned[seat] = candidate;
        return true;
      }
    }
    return false;
  };
  for (let seat = 0; seat < seats.length; seat++) if (!tryAssign(seat, new Set())) return null;
  return assigned as Candidate[];
}
