/** Topic names, declared once. */
export const TOPICS = {
  received: 'reports.received',
  screened: 'reports.screened',
  deduped: 'reports.deduped',
  dead: 'reports.dead',
  national: 'leads.national',
  outOfScope: 'leads.out-of-scope',
  /** Leads held for the national office's review (无效举报). */
  held: 'leads.held',
  /** Manual re-routing commands (routing workbench), keyed by lead id. */
  reroutes: 'routing.reroutes',
} as const;

export function provinceTopic(provinceCode: string): string {
  return `leads.province.${provinceCode}`;
}

/** Consumer groups: one per stage. */
export const GROUPS = {
  screening: 'xiansuo-screening',
  dedup: 'xiansuo-dedup',
  routing: 'xiansuo-routing',
  rerouting: 'xiansuo-rerouting',
} as const;
