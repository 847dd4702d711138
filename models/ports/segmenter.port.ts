/** A word and its part-of-speech tag (jieba's ICTCLAS-style tags: n, v, p, r, ns, nr, x…). */
export interface TaggedWord {
  readonly word: string;
  readonly tag: string;
}

/** Chinese word segmentation. */
export interface Segmenter {
  /** Words in order; whitespace-only tokens are dropped. */
  segment(text: string): string[];
  /** Every word in order with its part of speech; the words joined give back the text. */
  tag(text: string): TaggedWord[];
}
