/**
 * The category model on disk: one JSON file, small enough to commit. Weights are pruned (small
 * ones dropped: with L2 training most of the 2^18 × 14 are near zero) and quantised to int8 with
 * one scale per class; each class's surviving feature indices are delta-encoded as unsigned
 * varints. Both arrays are base64. Written only by `npm run train` (lab/classifier/model-writer.ts),
 * never by hand; read here.
 */
import type { CategoryCode } from '../../models/categories';
import { ArtifactMissingError } from '../../models/errors';
import type { ModelParams } from './category-model';

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

export function decodeModelFile(file: ModelFile): { params: ModelParams; about: Readonly<Record<string, unknown>> } {
  if (file.format !== MODEL_FORMAT) throw new ArtifactMissingError(`not a category model file (format ${String(file.format)}, expected ${MODEL_FORMAT})`);
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
      if (f >= dim) throw new ArtifactMissingError('category model file: feature index out of range');
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

function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    if (b === undefined) throw new ArtifactMissingError('category model file: truncated index list');
    n |= (b & 0x7f) << shift;
    if (b < 0x80) return [n >>> 0, pos];
    shift += 7;
  }
}
