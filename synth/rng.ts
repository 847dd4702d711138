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

/** A parsed template: literal text, a choice between alternatives, or a variable. */
type Node = string | { readonly alt: readonly Node[][] } | { readonly key: string };

const parsed = new Map<string, Node[]>();

/**
 * Expands a phrase template: `{a|b|c}` picks one alternative (nestable, `{x|}` = optional x),
 * `[key]` substitutes a variable (a list picks one element per occurrence; the value is expanded
 * again, so variables may hold templates). An unknown key throws: templates are code.
 */
export function fill(rng: Rng, template: string, vars: Vars): string {
  let nodes = parsed.get(template);
  if (!nodes) {
    nodes = parse(template, 0, template.length);
    parsed.set(template, nodes);
  }
  return expand(rng, nodes, vars);
}

function expand(rng: Rng, nodes: readonly Node[], vars: Vars): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') out += n;
    else if ('alt' in n) out += expand(rng, rng.pick(n.alt), vars);
    else {
      const value = vars[n.key];
      if (value === undefined) throw new Error(`template variable [${n.key}] missing`);
      const chosen = typeof value === 'string' ? value : rng.pick(value);
      out += chosen.includes('{') || chosen.includes('[') ? fill(rng, chosen, vars) : chosen;
    }
  }
  return out;
}

function parse(s: string, from: number, to: number): Node[] {
  const nodes: Node[] = [];
  let text = '';
  let i = from;
  while (i < to) {
    const ch = s[i] as string;
    if (ch === '{') {
      const end = matching(s, i);
      if (text) nodes.push(text);
      text = '';
      const alt: Node[][] = [];
      let start = i + 1;
      let depth = 0;
      for (let j = i + 1; j < end; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        else if (s[j] === '|' && depth === 0) {
          alt.push(parse(s, start, j));
          start = j + 1;
        }
      }
      alt.push(parse(s, start, end));
      nodes.push({ alt });
      i = end + 1;
    } else if (ch === '[') {
      const end = s.indexOf(']', i);
      if (end < 0 || end >= to) throw new Error(`unclosed [ in template: ${s}`);
      if (text) nodes.push(text);
      text = '';
      nodes.push({ key: s.slice(i + 1, end) });
      i = end + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) nodes.push(text);
  return nodes;
}

function matching(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced { in template: ${s}`);
}
