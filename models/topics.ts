/** Topic names, declared once. */
export const TOPICS = {
  received: 'reports.received',
  screened: 'reports.screened',
  deduped: 'reports.deduped',
  dead: 'reports.dead',
  national: 'leads.national',
  outOfScope: 'leads.out-of-scope',
} as const;

export function provinceTopic(provinceCode: string): string {
  return `leads.province.${provinceCode}`;
}

/** Consumer groups: one per stage. */
export const GROUPS = {
  screening: 'xiansuo-screening',
  dedup: 'xiansuo-dedup',
  routing: 'xiansuo-routing',
} as const;
