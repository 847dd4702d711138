import { caseDeadlines, conclusionDays, deadlineAfter, deadlineFlag, DEFAULT_LIFECYCLE_POLICY as P, needsNationalReview, priorityOf } from './lifecycle.policy';

/** The end of a China Standard Time day, in UTC. */
const endOfCstDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

describe('deadlines in calendar days of China Standard Time', () => {
  it.each([
    ['the end of January in a leap year', '2024-01-31T10:00:00+08:00', 30, '2024-03-01'],
    ['the end of January in a common year', '2023-01-31T10:00:00+08:00', 30, '2023-03-02'],
    ['mid-December into the next year', '2024-12-15T09:00:00+08:00', 30, '2025-01-14'],
    ['New Year\'s Eve, one second before midnight', '2024-12-31T23:59:59+08:00', 30, '2025-01-30'],
    ['New Year\'s Day at 04:00, still 31 December in UTC', '2024-12-31T20:00:00Z', 30, '2025-01-31'],
    ['ninety days over the year end and February', '2024-11-15T12:00:00+08:00', 90, '2025-02-13'],
    ['the last day of February in a leap year', '2024-02-29T08:00:00+08:00', 1, '2024-03-01'],
  ])('counts %s', (_what, received, days, due) => {
    expect(deadlineAfter(new Date(received), days).toISOString()).toBe(endOfCstDay(due));
  });

  it('gives a contact deadline only when the reporter can be reached, and the conclusion deadline by category and priority', () => {
    const lead = { receivedAt: '2024-05-01T02:00:00Z', category: 'MARKET_BULLY', priority: 'normal' as const };
    expect(caseDeadlines(P, { ...lead, contactable: true })).toEqual({ contactDueAt: endOfCstDay('2024-05-31'), conclusionDueAt: endOfCstDay('2024-07-30') });
    expect(caseDeadlines(P, { ...lead, contactable: false }).contactDueAt).toBeNull();
    expect(caseDeadlines(P, { ...lead, priority: 'high', contactable: false }).conclusionDueAt).toBe(endOfCstDay('2024-06-30'));
    expect(conclusionDays(P, { category: 'PROTECTIVE_UMBRELLA', priority: 'high' })).toBe(45);
    expect(conclusionDays({ ...P, contactDays: 15 }, { category: 'VICE', priority: 'normal' })).toBe(90);
  });

  it('derives priority and dual review from the configured rules', () => {
    expect(priorityOf(P, { category: 'MARKET_BULLY', credibility: 60 })).toBe('normal');
    expect(priorityOf(P, { category: 'MARKET_BULLY', credibility: 80 })).toBe('high');
    expect(priorityOf(P, { category: 'GRASSROOTS_CONTROL', credibility: 10 })).toBe('high');
    expect(needsNationalReview(P, { category: 'MARKET_BULLY', priority: 'normal' })).toBe(false);
    expect(needsNationalReview(P, { category: 'MARKET_BULLY', priority: 'high' })).toBe(true);
    expect(needsNationalReview(P, { category: 'PROTECTIVE_UMBRELLA', priority: 'normal' })).toBe(true);
    expect(needsNationalReview({ ...P, nationalReview: [{ category: 'VICE', priority: 'normal' }] }, { category: 'VICE', priority: 'high' })).toBe(false);
  });
});

describe('the deadline flag', () => {
  const c = { open: true, contactDueAt: endOfCstDay('2024-05-31'), contactedAt: null, conclusionDueAt: endOfCstDay('2024-07-30') };
  it.each([
    ['2024-05-20T00:00:00Z', 'on-time', 'contact'],
    ['2024-05-25T00:00:00Z', 'due-soon', 'contact'],
    ['2024-05-31T15:59:59.999Z', 'due-soon', 'contact'],
    ['2024-05-31T16:00:00Z', 'overdue', 'contact'],
  ] as const)('at %s is %s on the %s clock', (now, flag, kind) => {
    expect(deadlineFlag(P, c, new Date(now))).toMatchObject({ flag, kind });
  });

  it('forgets the contact clock once contact is recorded, and flags nothing on a closed case', () => {
    expect(deadlineFlag(P, { ...c, contactedAt: '2024-05-02T00:00:00Z' }, new Date('2024-06-01T00:00:00Z'))).toEqual({ flag: 'on-time', kind: 'conclusion', dueAt: c.conclusionDueAt });
    expect(deadlineFlag(P, { ...c, contactedAt: '2024-05-02T00:00:00Z' }, new Date('2024-07-25T00:00:00Z'))).toMatchObject({ flag: 'due-soon', kind: 'conclusion' });
    expect(deadlineFlag(P, { ...c, open: false }, new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});
