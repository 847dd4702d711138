/**
 * The category model on disk: one JSON file, small enough to commit. Weights are pruned (small
 * ones dropped: with L2 training most of the 2^18 × 14 are near zero) and quantised to int8 with
 * one scale per class; each class's surviving feature indices are delta-encoded as unsigned
 * varints. Both arrays are base64. Written only by `npm run train`, never by hand.
 */
import type { CategoryCode } from '../../models/categories';
import type { ModelParams } from './category-model';
import { FEATURE_VERSION } from './features';

export const MODEL_FORMAT = 'xiansuo-category-model/1';

export interface ModelFile {
  readonly format: string;
  readonly featureVersion: string;
  readonly hashBits: number;
  readonly classes: readonly CategoryCode[];
  readonly bias: readonly number[];
  readonly plattA: readonly number[];
  readonly plattB: readonly number[];
  /** Per class, in `classes` order. */
  readonly weights: ReadonlyArray<{ readonly scale: number; readonly indices: string; readonly values: string }>;
  readonly about: Readonly<Record<string, unknown>>;
}

export interface PruneOptions {
  /** Weights with a smaller magnitude are dropped. */
  readonly minAbs: number;
  /** At most this many weights kept per class (the largest). */
  readonly maxPerClass: number;
}

export const DEFAULT_PRUNE: PruneOptions = { minAbs: 0.02, maxPerClass: 30_000 };

const round = (x: number) => Number(x.toPrecision(7));

export function encodeModelFile(params: ModelParams, about: Readonly<Record<string, unknown>>, prune: PruneOptions = DEFAULT_PRUNE): ModelFile {
  const k = params.classes.length;
  const dim = 1 << params.hashBits;
  const weights = params.classes.map((_, c) => {
    let kept: Array<[number, number]> = [];
    for (let f = 0; f < dim; f++) {
      const w = params.weights[f * k + c]!;
      if (Math.abs(w) >= prune.minAbs) kept.push([f, w]);
    }
    if (kept.length > prune.maxPerClass) kept = kept.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0] - b[0]).slice(0, prune.maxPerClass).sort((a, b) => a[0] - b[0]);
    const maxAbs = kept.reduce((m, [, w]) => Math.max(m, Math.abs(w)), 0);
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    const quantised = kept.map(([f, w]) => [f, Math.round(w / scale)] as const).filter(([, q]) => q !== 0);
    const bytes: number[] = [];
    let last = 0;
    for (const [f] of quantised) {
      writeVarint(bytes, f - last);
      last = f;
    }
    return {
      scale: round(scale),
      indices: Buffer.from(bytes).toString('base64'),
      values: Buffer.from(Int8Array.from(quantised.map(([, q]) => q)).buffer).toString('base64'),
    };
  });
  return {
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    hashBits: params.hashBits,
    classes: params.classes,
    bias: [...params.bias].map(round),
    plattA: [...params.plattA].map(round),
    plattB: [...params.plattB].map(round),
    weights,
    about,
  };
}

export function decodeModelFile(file: ModelFile): { params: ModelParams; about: Readonly<Record<string, unknown>> } {
  if (file.format !== MODEL_FORMAT) throw new Error(`not a category model file (format ${String(file.format)}, expected ${MODEL_FORMAT})`);
  const k = file.classes.length;
  const dim = 1 << file.hashBits;
  const weights = new Float32Array(dim * k);
  file.weights.forEach((w, c) => {
    const bytes = Buffer.from(w.indices, 'base64');
    const raw = Buffer.from(w.values, 'base64');
    const values = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    let pos = 0;
    let f = 0;
    for (let i = 0; i < values.length; i++) {
      const [delta, next] = readVarint(bytes, pos);
      pos = next;
      f += delta;
      if (f >= dim) throw new Error('category model file: feature index out of range');
      weights[f * k + c] = values[i]! * w.scale;
    }
  });
  return {
    params: {
      classes: file.classes,
      hashBits: file.hashBits,
      weights,
      bias: Float64Array.from(file.bias),
      plattA: Float64Array.from(file.plattA),
      plattB: Float64Array.from(file.plattB),
    },
    about: file.about,
  };
}

function writeVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    if (b === undefined) throw new Error('category model file: truncated index list');
    n |= (b & 0x7f) << shift;
    if (b < 0x80) return [n >>> 0, pos];
    shift += 7;
  }
}
