/**
 * Blocking keys: exact-match handles that bring two reports of the same subject together even
 * when their wording and embeddings differ. A person's name only blocks within the same county
 * (or the most precise place known): 张伟 in two provinces is two people.
 */
import type { Screening } from '../models/lead';

export function blockingKeys(s: Pick<Screening, 'entities' | 'location'>): string[] {
  const place = s.location.countyCode ?? s.location.prefectureCode ?? s.location.provinceCode ?? 'unknown';
  const keys = new Set<string>();
  for (const e of s.entities) {
    const value = e.value ?? e.text;
    if (e.type === 'person') keys.add(`person:${place}:${value}`);
    else if (e.type === 'phone' || e.type === 'id_number') keys.add(`${e.type}:${value}`);
    else if (e.type === 'official') keys.add(`official:${value}`);
  }
  return [...keys];
}
