import { checkStart, findSlots } from '../../../src/domain/availability/engine/find-slots';
import { block, booking, bookable, calendar, everyDay, facts, requirement, search, service, slotOf, starts } from './engine-fixtures';

/** Services that need several bookables at once: only times when all of them can serve are offered. */

const day = (hhmm: string, date = '2026-06-01') => `${date}T${hhmm}:00.000Z`;

describe('provider + room + equipment', () => {
  const provider = bookable('p', calendar('UTC', everyDay(['09:00', '13:00'])));
  const room = bookable('r', calendar('UTC', everyDay(['10:00', '14:00'])), { facts: facts({ type: 'venue' }) });
  const equipment = bookable('e', calendar('UTC', everyDay(['08:00', '12:00'])), { facts: facts({ type: 'asset' }), allocations: [booking(day('10:30'), day('11:00'))] });
  const requirements = [requirement('provider', { bookableType: 'provider' }), requirement('room', { bookableType: 'venue' }), requirement('equipment', { bookableType: 'asset' })];

  it('offers only the intersection, assigning one bookable per requirement', () => {
    const slots = findSlots(search(day('00:00'), day('23:59'), service(30), [provider, room, equipment], { requirements }));
    // provider 09–13 ∩ room 10–14 ∩ equipment 08–12 minus its booking 10:30–11:00
    expect(starts(slots)).toEqual([day('10:00'), day('11:00'), day('11:30')]);
    expect(slots[0]!.assignments.map((a) => [a.requirementKey, a.bookableIds])).toEqual([
      ['provider', ['p']],
      ['room', ['r']],
      ['equipment', ['e']],
    ]);
    expect(slots[0]!.bookableIds).toEqual(['p', 'r', 'e']);
  });

  it('intersects calendars in different zones on absolute time', () => {
    // New York 09–17 EDT = 13:00–21:00Z; London 09–17 BST = 08:00–16:00Z.
    const ny = bookable('p', calendar('America/New_York', everyDay(['09:00', '17:00'])));
    const london = bookable('r', calendar('Europe/London', everyDay(['09:00', '17:00'])), { facts: facts({ type: 'venue' }) });
    const slots = findSlots(search(day('00:00'), day('23:59'), service(60), [ny, london], { requirements: requirements.slice(0, 2) }));
    expect(starts(slots)).toEqual([day('13:00'), day('14:00'), day('15:00')]);
    expect(slots.map((s) => s.localDate)).toEqual(['2026-06-01', '2026-06-01', '2026-06-01']);
  });
});

describe('count > 1', () => {
  const lead = bookable('lead', calendar('UTC', everyDay(['09:00', '12:00'])));
  const assistant = (id: string, busyAt: string[]) =>
    bookable(id, calendar('UTC', everyDay(['09:00', '12:00'])), { facts: facts({ tags: ['assistant'] }), allocations: busyAt.map((t) => booking(day(t), day(`${t.slice(0, 2)}:59`))) });
  const requirements = [requirement('lead', { specificBookableId: 'lead' }), requirement('assistants', { bookableType: 'provider', criteria: { tags: ['assistant'] }, count: 2 })];

  it('assigns two distinct assistants, and refuses when fewer than two are free', () => {
    const bookables = [lead, assistant('a1', ['09:00']), assistant('a2', ['11:00']), assistant('a3', ['11:00'])];
    const slots = findSlots(search(day('00:00'), day('23:59'), service(60), bookables, { requirements }));
    expect(slots.map((s) => [s.start.toISOString(), s.assignments[1]!.bookableIds])).toEqual([
      [day('09:00'), ['a2', 'a3']],
      [day('10:00'), ['a1', 'a2']],
    ]);
    expect(checkStart(search(day('00:00'), day('23:59'), service(60), bookables, { requirements }), new Date(day('11:00')))).toEqual({ reason: 'busy', requirementKey: 'assistants' });
  });
});

describe('optional requirement', () => {
  const provider = bookable('p', calendar('UTC', everyDay(['09:00', '12:00'])));
  const projector = bookable('proj', calendar('UTC', everyDay(['09:00', '12:00'])), { facts: facts({ type: 'asset' }), allocations: [booking(day('10:00'), day('11:00'))] });
  const requirements = [requirement('provider', { bookableType: 'provider' }), requirement('projector', { bookableType: 'asset', optional: true })];

  it('is filled when free and never removes a slot', () => {
    const slots = findSlots(search(day('00:00'), day('23:59'), service(60), [provider, projector], { requirements }));
    expect(slots.map((s) => [s.start.toISOString(), s.bookableIds])).toEqual([
      [day('09:00'), ['p', 'proj']],
      [day('10:00'), ['p']],
      [day('11:00'), ['p', 'proj']],
    ]);
    expect(slots[1]!.assignments[1]).toMatchObject({ requirementKey: 'projector', optional: true, bookableIds: [] });
  });
});

describe('substitution', () => {
  const cal = () => calendar('UTC', everyDay(['09:00', '11:00']));
  const room = (id: string, categoryId: string, tags: string[], extra = {}) => bookable(id, cal(), { facts: facts({ type: 'venue', categoryId, tags }), ...extra });
  const provider = bookable('p', cal());
  const rooms = [
    room('r1', 'treatment', ['sink'], { allocations: [booking(day('10:00'), day('11:00'))] }),
    room('r2', 'treatment', ['sink']),
    room('r3', 'treatment', []),
    room('r4', 'office', ['sink']),
  ];
  const named = (substitution?: { requiresSameCategory: boolean; requiresSameTags: string[] }) => [
    requirement('provider', { bookableType: 'provider' }),
    requirement('room', { specificBookableId: 'r1', ...(substitution ? { substitution } : {}) }),
  ];

  it('uses the named bookable when free and a matching substitute when it is busy', () => {
    const slots = findSlots(search(day('00:00'), day('23:59'), service(60), [provider, ...rooms], { requirements: named({ requiresSameCategory: true, requiresSameTags: ['sink'] }) }));
    expect(slots.map((s) => [s.start.toISOString(), s.assignments[1]!.bookableIds])).toEqual([
      [day('09:00'), ['r1']],
      [day('10:00'), ['r2']],
    ]);
    expect(slots[1]!.assignments[1]!.reason).toMatch(/^substitute for the named bookable/);
  });

  it('without substitution the busy named bookable makes the slot unavailable', () => {
    const input = search(day('00:00'), day('23:59'), service(60), [provider, ...rooms], { requirements: named() });
    expect(starts(findSlots(input))).toEqual([day('09:00')]);
    expect(checkStart(input, new Date(day('10:00')))).toEqual({ reason: 'busy', requirementKey: 'room' });
  });

  it('a substitute of another category or without the tags is not used', () => {
    const input = search(day('00:00'), day('23:59'), service(60), [provider, rooms[0]!, rooms[2]!, rooms[3]!], { requirements: named({ requiresSameCategory: true, requiresSameTags: ['sink'] }) });
    expect(starts(findSlots(input))).toEqual([day('09:00')]);
  });
});

describe('criteria checked on the slot date', () => {
  it('a certification valid only on 2–3 June gives slots only on those days', () => {
    const certified = bookable('p', calendar('UTC', everyDay(['09:00', '10:00'])), {
      facts: facts({ certifications: [{ name: 'BLS', verified: true, issuedOn: '2026-06-02', expiresOn: '2026-06-03' }] }),
    });
    const requirements = [requirement('provider', { bookableType: 'provider', criteria: { certifications: ['BLS'] } })];
    const slots = findSlots(search(day('00:00'), day('00:00', '2026-06-05'), service(60), [certified], { requirements }));
    expect(starts(slots)).toEqual([day('09:00', '2026-06-02'), day('09:00', '2026-06-03')]);
  });
});

describe('full assignment where a greedy choice fails', () => {
  it('moves the preferred nurse to the requirement only she can fill', () => {
    const cal = () => calendar('UTC', everyDay(['09:00', '10:00']));
    const senior = bookable('n1', cal(), { facts: facts({ tags: ['nurse', 'senior'] }) });
    const junior = bookable('n2', cal(), { facts: facts({ tags: ['nurse'] }) });
    const requirements = [requirement('any nurse', { criteria: { tags: ['nurse'] } }), requirement('senior nurse', { criteria: { tags: ['nurse', 'senior'] } })];
    // n1 ranks first for "any nurse"; taking her there would leave "senior nurse" empty.
    const input = search(day('00:00'), day('23:59'), service(60), [senior, junior], { requirements, assignment: { strategy: 'round_robin', priorities: { n1: 5 } } });
    const slots = findSlots(input);
    expect(starts(slots)).toEqual([day('09:00')]);
    expect(slots[0]!.assignments.map((a) => [a.requirementKey, a.bookableIds])).toEqual([
      ['any nurse', ['n2']],
      ['senior nurse', ['n1']],
    ]);
  });

  it('refuses when no full assignment exists', () => {
    const cal = () => calendar('UTC', everyDay(['09:00', '10:00']));
    const only = bookable('n1', cal(), { facts: facts({ tags: ['nurse', 'senior'] }) });
    const blocked = bookable('n2', cal(), { facts: facts({ tags: ['nurse'] }), allocations: [block(day('09:00'), day('10:00'))] });
    const requirements = [requirement('any nurse', { criteria: { tags: ['nurse'] } }), requirement('senior nurse', { criteria: { tags: ['nurse', 'senior'] } })];
    const result = checkStart(search(day('00:00'), day('23:59'), service(60), [only, blocked], { requirements }), new Date(day('09:00')));
    expect(result).toMatchObject({ reason: 'busy' });
    expect(slotOf(checkStart(search(day('00:00'), day('23:59'), service(60), [only], { requirements: requirements.slice(1) }), new Date(day('09:00')))).bookableIds).toEqual(['n1']);
  });
});
