/**
 * The screening model on disk (trained/screening-model.json), read side: one JSON file, small
 * enough to commit. Per head: the lexical weights pruned and quantised to int8 with one scale per
 * class, each class's surviving feature indices delta-encoded as unsigned varints (base64); the
 * dense block's weights as float32 (base64), prototypes likewise. Written only by `npm run train`
 * (lab/classifier/model-writer.ts), never by hand.
 */
import { CATEGORY_CODES, type CategoryCode } from '../../models/categories';
import { ArtifactMissingError } from '../../models/errors';
import { CONCEPT_VERSION } from './concepts';
import { featureCount, type FeatureSpec } from './feature-spec';
import { FEATURE_VERSION } from './features';
import { createLinearHead, type HeadParams, type LinearHead } from './linear-head';
import { createScreeningModel, type ModelPart, type ScreeningModel } from './screening-model';

export const MODEL_FORMAT = 'xiansuo-screening-model/1';

export interface SpecFile {
  readonly hashBits: number;
  readonly embeddingScale: number;
  readonly embeddingDims: number;
  /** Base64 float32 per prototype. */
  readonly prototypes: readonly string[];
  readonly concepts: boolean;
}

export interface HeadFile {
  readonly classes: readonly string[];
  readonly spec: SpecFile;
  readonly bias: readonly number[];
  readonly plattA: readonly number[];
  readonly plattB: readonly number[];
  /** Per class, in `classes` order: the lexical block, pruned and int8. */
  readonly lexical: ReadonlyArray<{ readonly scale: number; readonly indices: string; readonly values: string }>;
  /** The dense block, row-major [denseFeature][class], float32 base64. */
  readonly dense: string;
}

export interface PartFile {
  readonly embedderId: string;
  readonly categories: HeadFile;
  readonly scope: HeadFile;
  readonly threshold: number;
}

export interface ModelFile {
  readonly format: string;
  readonly featureVersion: string;
  readonly conceptVersion: string;
  readonly parts: readonly PartFile[];
  readonly about: Readonly<Record<string, unknown>>;
}

export function float32Of(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

export function decodeSpec(file: SpecFile): FeatureSpec {
  return { hashBits: file.hashBits, embeddingScale: file.embeddingScale, embeddingDims: file.embeddingDims, prototypes: file.prototypes.map((p) => Array.from(float32Of(p))), concepts: file.concepts };
}

export function decodeHead<C extends string>(file: HeadFile, allowed: readonly C[]): HeadParams<C> {
  for (const c of file.classes) if (!(allowed as readonly string[]).includes(c)) throw new ArtifactMissingError(`screening model file: unknown class ${c}`);
  const spec = decodeSpec(file.spec);
  const k = file.classes.length;
  const lexicalDim = spec.hashBits > 0 ? 1 << spec.hashBits : 0;
  const weights = new Float32Array(featureCount(spec) * k);
  file.lexical.forEach((w, c) => {
    const bytes = Buffer.from(w.indices, 'base64');
    const raw = Buffer.from(w.values, 'base64');
    const values = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    let pos = 0;
    let f = 0;
    for (let i = 0; i < values.length; i++) {
      const [delta, next] = readVarint(bytes, pos);
      pos = next;
      f += delta;
      if (f >= lexicalDim) throw new ArtifactMissingError('screening model file: feature index out of range');
      weights[f * k + c] = values[i]! * w.scale;
    }
  });
  const dense = float32Of(file.dense);
  if (dense.length !== weights.length - lexicalDim * k) throw new ArtifactMissingError('screening model file: dense block does not match its features');
  weights.set(dense, lexicalDim * k);
  return { classes: file.classes as readonly C[], spec, weights, bias: Float64Array.from(file.bias), plattA: Float64Array.from(file.plattA), plattB: Float64Array.from(file.plattB) };
}

/** The model from a parsed file; `source` names the file in errors. */
export function decodeModelFile(file: ModelFile, source: string): ScreeningModel {
  if (file.format !== MODEL_FORMAT) throw new ArtifactMissingError(`${source}: not a screening model file (format ${String(file.format)}, expected ${MODEL_FORMAT})`);
  if (file.featureVersion !== FEATURE_VERSION || file.conceptVersion !== CONCEPT_VERSION) {
    throw new ArtifactMissingError(`${source} was trained on features ${file.featureVersion}/${file.conceptVersion}, this code extracts ${FEATURE_VERSION}/${CONCEPT_VERSION}: retrain with npm run train`);
  }
  const parts: ModelPart[] = file.parts.map((p) => ({
    embedderId: p.embedderId,
    categories: createLinearHead(decodeHead<CategoryCode>(p.categories, CATEGORY_CODES)) as LinearHead<CategoryCode>,
    scope: createLinearHead(decodeHead(p.scope, ['IN_SCOPE'] as const)),
    threshold: p.threshold,
  }));
  return createScreeningModel(parts, file.about);
}

function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    if (b === undefined) throw new ArtifactMissingError('screening model file: truncated index list');
    n |= (b & 0x7f) << shift;
    if (b < 0x80) return [n >>> 0, pos];
    shift += 7;
  }
}
