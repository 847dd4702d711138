/**
 * A place name found in a text, with what it may stand for (gazetteer.ts finds them;
 * location-context.ts weighs them; location.ts resolves them).
 */
import type { Division } from '../models/divisions';

/**
 * What a name is: a division's own, former or usual short name; a new area or zone; a township
 * (standing for its county); a masked name; an anaphor (本市) standing for the unit named before.
 */
export type PlaceKind = 'division' | 'zone' | 'township' | 'masked' | 'anaphor';

export interface PlaceMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** What the name may stand for; a township's are the counties it lies in. */
  readonly candidates: readonly Division[];
  readonly kind: PlaceKind;
  /** A wider link of a chain (浙江省 in 浙江省慈溪市): the narrower link carries its reading and votes. */
  readonly chained?: boolean;
  /** A short county or township name starting inside a word (贝港南区 holds 港南区 only by accident). */
  readonly glued?: boolean;
  /** A name without its suffix (广东, 兰州): less certain than a full one (长沙发, 大理石 are words). */
  readonly short?: boolean;
  /** A guessed reading (镜湖新区 read as 镜湖区): weak evidence, as a township's name. */
  readonly guess?: boolean;
  /** A name that is also an ordinary word (城区, 日照): it only agrees with other evidence. */
  readonly ordinary?: boolean;
}
