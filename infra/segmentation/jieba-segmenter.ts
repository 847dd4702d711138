/**
 * jieba (via @node-rs/jieba) behind the Segmenter port. `new Jieba()` starts with an EMPTY
 * dictionary, so the default dictionary is loaded explicitly; HMM is on so that unknown words
 * (names, phone numbers) stay whole. The domain dictionary keeps 保护伞, 套路贷, 村霸… whole.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Segmenter, TaggedWord } from '../../models/ports/segmenter.port';
import { domainDictionary } from '../../screening/dictionary';

export class JiebaSegmenter implements Segmenter {
  private readonly jieba: Jieba;

  /** `userDictionary`: jieba "word freq [tag]" lines; the project's domain dictionary by default. */
  constructor(userDictionary: Buffer | null = domainDictionary()) {
    this.jieba = Jieba.withDict(dict);
    if (userDictionary) this.jieba.loadDict(userDictionary);
  }

  segment(text: string): string[] {
    return this.jieba.cut(text, true).filter((t) => t.trim().length > 0);
  }

  /** Dictionary words only (no HMM): an unknown run is never glued to the function word beside it ("他持"). */
  tag(text: string): TaggedWord[] {
    return this.jieba.tag(text, false).map(({ word, tag }) => ({ word, tag }));
  }
}
