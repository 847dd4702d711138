/**
 * 本市, 本区, 该县, 本镇…: court facts and tip-offs name a unit once ("慈溪市人民检察院指控…") and then
 * refer to it ("在本市崇寿镇…"). The anaphor stands for the nearest unit of its kind named before
 * it in full (a short name is often a company's). With none named before ("本区叶榭镇"), it still says what kind of unit the next name lies
 * in: 本区南桥镇 is the 南桥镇 of a district, not of a county.
 */
import type { Division } from '../models/divisions';
import type { PlaceMention } from './place-mention';

/** Not 日本市场, 成本区间, 该市场: 本 ending another word, or 市/区 starting one. */
const ANAPHOR = /(?<![日成资根基版样课剧账书标原文脚工血老读范副])(?:本|该|我)(市|区|县|旗|镇|乡|街道)(?!场|域|间|别|分)/g;

/** 重庆路 is a road, not an antecedent. */
const ROAD = /^[东西南北中]?(?:路|大道|大街|街(?!道)|巷|弄|公路)/;

/** Does a reading of a mention name a unit of this kind? A township mention's readings are its counties. */
function isKind(m: PlaceMention, d: Division, kind: string): boolean {
  if (kind === '镇' || kind === '乡' || kind === '街道') return m.kind === 'township';
  if (m.kind === 'township') return false;
  if (kind === '县') return /县$/.test(d.name);
  return d.name.endsWith(kind);
}

export function resolveAnaphora(text: string, mentions: readonly PlaceMention[]): PlaceMention[] {
  const out = [...mentions];
  for (const a of text.matchAll(ANAPHOR)) {
    const start = a.index;
    const end = start + a[0].length;
    if (out.some((m) => m.start < end && start < m.end)) continue;
    const kind = a[1]!;
    const before = out.filter((m) => m.end <= start).sort((x, y) => y.end - x.end);
    const fitting = before.filter((m) => !m.glued && !ROAD.test(text.slice(m.end, m.end + 2)) && m.candidates.some((d) => isKind(m, d, kind)));
    // A full name over a short one, which is often a company's (上海兰观实业有限公司).
    const antecedent = fitting.find((m) => !m.short) ?? fitting[0];
    if (antecedent) {
      const candidates = antecedent.candidates.filter((d) => isKind(antecedent, d, kind));
      out.push({ text: a[0], start, end, candidates, kind: 'anaphor' });
      continue;
    }
    // No antecedent: the name right after lies in a unit of this kind.
    const next = out.findIndex((m) => m.start === end);
    if (next < 0 || kind === '镇' || kind === '乡' || kind === '街道') continue;
    const m = out[next]!;
    const narrowed = m.candidates.filter((d) => (m.kind === 'township' ? isKind({ ...m, kind: 'division' }, d, kind) : true));
    if (narrowed.length > 0 && narrowed.length < m.candidates.length) out[next] = { ...m, candidates: narrowed };
  }
  return out.sort((x, y) => x.start - y.start);
}
