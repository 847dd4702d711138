/**
 * Which features a model head reads, and how one report becomes its feature vector: the hashed
 * lexical features (features.ts) in [0, 2^hashBits), then a dense block at offset 2^hashBits:
 * the sentence embedding (scaled), its cosine with each category's prototype (the category's
 * description, embedded), and the concept counts of what happened (concepts.ts).
 */
import { ArtifactMissingError } from '../../models/errors';
import { conceptFeatures, CONCEPT_NAMES } from './concepts';
import { extractFeatures, type SparseVector } from './features';

export interface FeatureSpec {
  /** Bits of the hashed lexical block; 0: no lexical features (the head reads only what happened and what it means). */
  readonly hashBits: number;
  /** The embedding's weight in the dense block; 0: the embedding is not read. */
  readonly embeddingScale: number;
  readonly embeddingDims: number;
  /** Unit vectors of the prototypes (same embedder), or none. */
  readonly prototypes: readonly (readonly number[])[];
  readonly concepts: boolean;
}

export function denseDims(spec: FeatureSpec): number {
  return (spec.embeddingScale > 0 ? spec.embeddingDims : 0) + spec.prototypes.length + (spec.concepts ? CONCEPT_NAMES.length : 0);
}

/** The dense block of one report: embedding, prototype similarities, concepts. */
export function denseFeatures(spec: FeatureSpec, text: string, embedding: readonly number[] | null): number[] {
  const out: number[] = [];
  if (spec.embeddingScale > 0) {
    if (!embedding || embedding.length !== spec.embeddingDims) throw new ArtifactMissingError(`screening model head needs an embedding of ${spec.embeddingDims} dimensions`);
    for (const v of embedding) out.push(v * spec.embeddingScale);
  }
  for (const p of spec.prototypes) {
    if (!embedding || embedding.length !== p.length) throw new ArtifactMissingError('screening model head: prototype similarity needs an embedding of the prototypes\' embedder');
    let dot = 0;
    for (let i = 0; i < p.length; i++) dot += p[i]! * embedding[i]!;
    out.push(dot);
  }
  if (spec.concepts) out.push(...conceptFeatures(text));
  return out;
}

/** The whole feature vector of one report, sparse, indices ascending. */
export function featureVector(spec: FeatureSpec, tokens: readonly string[], text: string, embedding: readonly number[] | null): SparseVector {
  const lexical = spec.hashBits > 0 ? extractFeatures(tokens, text, spec.hashBits) : undefined;
  const dense = denseFeatures(spec, text, embedding);
  const offset = spec.hashBits > 0 ? 1 << spec.hashBits : 0;
  const n = (lexical?.indices.length ?? 0) + dense.length;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let j = 0;
  if (lexical) {
    indices.set(lexical.indices);
    values.set(lexical.values);
    j = lexical.indices.length;
  }
  dense.forEach((v, i) => {
    indices[j] = offset + i;
    values[j++] = v;
  });
  return { indices, values };
}

/** How many feature slots a head with this spec has (lexical buckets plus the dense block). */
export function featureCount(spec: FeatureSpec): number {
  return (spec.hashBits > 0 ? 1 << spec.hashBits : 0) + denseDims(spec);
}
