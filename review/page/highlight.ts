/** Splits a lead's text at the spans of the entities it shares with other members. Pure. */
import type { Entity } from '../../models/lead';

export interface Segment {
  readonly text: string;
  /** Set when the segment is a shared entity. */
  readonly entity?: Entity;
}

export const entityKey = (e: Pick<Entity, 'type' | 'text' | 'value'>): string => `${e.type}:${e.value ?? e.text}`;

/** Segments covering `text` in order; entity spans outside the text or overlapping an earlier one are skipped. */
export function highlightSegments(text: string, entities: readonly Entity[], shared: ReadonlySet<string>): Segment[] {
  const spans = entities
    .filter((e) => shared.has(entityKey(e)) && e.start >= 0 && e.end <= text.length && e.start < e.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const e of spans) {
    if (e.start < at) continue;
    if (e.start > at) out.push({ text: text.slice(at, e.start) });
    out.push({ text: text.slice(e.start, e.end), entity: e });
    at = e.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
