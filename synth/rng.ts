/**
 * A small seeded PRNG (mulberry32) with the helpers the generator needs. Never uses Math.random,
 * so the same seed always yields the same reports.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed once so that nearby seeds (1, 2, 3…) start far apart.
    this.state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0x27d4eb2f) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; pairs are [item, weight]. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [item, w] of pairs) {
      r -= w;
      if (r < 0) return item;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('weighted pick from empty list');
    return last[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** k distinct items (fewer if the list is shorter). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, k);
  }

  /** A child generator, so that one part's draws do not shift another's. */
  fork(salt: number): Rng {
    return new Rng(Math.floor(this.next() * 4294967296) ^ salt);
  }
}

/** Vars for {@link fill}: a string, or a list from which each occurrence picks one. */
export type Vars = Readonly<Record<string, string | readonly string[]>>;

/**
 * Expands a phrase template: `{a|b|c}` picks one alternative (nestable, `{x|}` = optional x),
 * `[key]` substitutes a variable (a list picks one element per occurrence; the value is expanded
 * again, so variables may hold templates). An unknown key throws: templates are code.
 */
export function fill(rng: Rng, template: string, vars: Vars): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i] as string;
    if (ch === '{') {
      const end = matching(template, i, '{', '}');
      const options = splitTop(template.slice(i + 1, end));
      out += fill(rng, rng.pick(options), vars);
      i = end + 1;
    } else if (ch === '[') {
      const end = template.indexOf(']', i);
      if (end < 0) throw new Error(`unclosed [ in template: ${template}`);
      const key = template.slice(i + 1, end);
      const value = vars[key];
      if (value === undefined) throw new Error(`template variable [${key}] missing`);
      const chosen = typeof value === 'string' ? value : rng.pick(value);
      out += chosen.includes('{') || chosen.includes('[') ? fill(rng, chosen, vars) : chosen;
      i = end + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function matching(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  throw new Error(`unbalanced ${open} in template: ${s}`);
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}
