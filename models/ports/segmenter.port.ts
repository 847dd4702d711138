/** Chinese word segmentation. */
export interface Segmenter {
  /** Words in order; whitespace-only tokens are dropped. */
  segment(text: string): string[];
}
