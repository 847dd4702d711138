/** Writes the category model file (the format is screening/classifier/model-file.ts): offline only, by `npm run train`. */
import type { ModelParams } from '../../screening/classifier/category-model';
import { FEATURE_VERSION } from '../../screening/classifier/features';
import { MODEL_FORMAT, type ModelFile } from '../../screening/classifier/model-file';

const round = (x: number) => Number(x.toPrecision(7));

export interface PruneOptions {
  /** Weights with a smaller magnitude are dropped. */
  readonly minAbs: number;
  /** At most this many weights kept per class (the largest). */
  readonly maxPerClass: number;
}

export const DEFAULT_PRUNE: PruneOptions = { minAbs: 0.02, maxPerClass: 30_000 };


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

function writeVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

