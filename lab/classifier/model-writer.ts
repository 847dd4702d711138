/** Writes the screening model file (the format is screening/classifier/model-file.ts): offline only, by `npm run train`. */
import { CONCEPT_VERSION } from '../../screening/classifier/concepts';
import type { FeatureSpec } from '../../screening/classifier/feature-spec';
import { FEATURE_VERSION } from '../../screening/classifier/features';
import type { HeadParams } from '../../screening/classifier/linear-head';
import { MODEL_FORMAT, type HeadFile, type ModelFile, type PartFile, type SpecFile } from '../../screening/classifier/model-file';
import type { ModelPart } from '../../screening/classifier/screening-model';

const round = (x: number) => Number(x.toPrecision(7));

export interface PruneOptions {
  /** Lexical weights with a smaller magnitude are dropped. */
  readonly minAbs: number;
  /** At most this many lexical weights kept per class (the largest). */
  readonly maxPerClass: number;
}

export const DEFAULT_PRUNE: PruneOptions = { minAbs: 0.02, maxPerClass: 30_000 };

const base64Of = (values: ArrayLike<number>): string => Buffer.from(Float32Array.from(values as ArrayLike<number>).buffer).toString('base64');

function encodeSpec(spec: FeatureSpec): SpecFile {
  return { hashBits: spec.hashBits, embeddingScale: spec.embeddingScale, embeddingDims: spec.embeddingDims, prototypes: spec.prototypes.map(base64Of), concepts: spec.concepts };
}

export function encodeHead(params: HeadParams, prune: PruneOptions = DEFAULT_PRUNE): HeadFile {
  const k = params.classes.length;
  const lexicalDim = params.spec.hashBits > 0 ? 1 << params.spec.hashBits : 0;
  const lexical = params.classes.map((_, c) => {
    let kept: Array<[number, number]> = [];
    for (let f = 0; f < lexicalDim; f++) {
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
    return { scale: round(scale), indices: Buffer.from(bytes).toString('base64'), values: Buffer.from(Int8Array.from(quantised.map(([, q]) => q)).buffer).toString('base64') };
  });
  return {
    classes: [...params.classes],
    spec: encodeSpec(params.spec),
    bias: [...params.bias].map(round),
    plattA: [...params.plattA].map(round),
    plattB: [...params.plattB].map(round),
    lexical,
    dense: base64Of(params.weights.subarray(lexicalDim * k)),
  };
}

export function encodeModelFile(parts: readonly ModelPart[], about: Readonly<Record<string, unknown>>, prune: PruneOptions = DEFAULT_PRUNE): ModelFile {
  const encoded: PartFile[] = parts.map((p) => ({ embedderId: p.embedderId, categories: encodeHead(p.categories.params, prune), scope: encodeHead(p.scope.params, prune), threshold: p.threshold }));
  return { format: MODEL_FORMAT, featureVersion: FEATURE_VERSION, conceptVersion: CONCEPT_VERSION, parts: encoded, about };
}

function writeVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}
