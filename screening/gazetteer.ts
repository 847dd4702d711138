/**
 * Place-name lookup over the administrative divisions of models/divisions.ts: full names of
 * provinces, prefectures and counties, and the short names of provinces and prefectures
 * (甘肃省/甘肃, 兰州市/兰州). Short county names are left out: too many are ordinary words
 * (和平, 新华, 城关).
 */
import { COUNTIES, PREFECTURES, PROVINCES, type Division } from '../models/divisions';

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const PREFECTURE_SUFFIX = /(市|地区|盟|(蒙古族|藏族|回族|彝族|白族|傣族|哈尼族|壮族|苗族|侗族|土家族|布依族|朝鲜族|哈萨克|傈僳族|景颇族|羌族|柯尔克孜|蒙古|黎族)*自治州)$/;

export interface PlaceMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly Division[];
}

export class Gazetteer {
  private readonly byName = new Map<string, Division[]>();
  private readonly maxLength: number;

  constructor(divisions: { provinces: readonly Division[]; prefectures: readonly Division[]; counties: readonly Division[] }) {
    for (const p of divisions.provinces) this.add(p.name, p), this.addShort(p.name, PROVINCE_SUFFIX, p);
    for (const p of divisions.prefectures) this.add(p.name, p), this.addShort(p.name, PREFECTURE_SUFFIX, p);
    for (const c of divisions.counties) this.add(c.name, c);
    this.maxLength = Math.max(...[...this.byName.keys()].map((k) => k.length));
  }

  static default(): Gazetteer {
    return new Gazetteer({ provinces: PROVINCES, prefectures: PREFECTURES, counties: COUNTIES });
  }

  lookup(name: string): readonly Division[] {
    return this.byName.get(name) ?? [];
  }

  /** Longest-match scan, left to right; mentions never overlap. */
  find(text: string): PlaceMention[] {
    const mentions: PlaceMention[] = [];
    for (let i = 0; i < text.length; ) {
      let found: PlaceMention | undefined;
      for (let len = Math.min(this.maxLength, text.length - i); len >= 2; len--) {
        const candidates = this.byName.get(text.slice(i, i + len));
        if (candidates) {
          found = { text: text.slice(i, i + len), start: i, end: i + len, candidates };
          break;
        }
      }
      if (found) {
        mentions.push(found);
        i = found.end;
      } else i++;
    }
    return mentions;
  }

  private add(name: string, d: Division): void {
    const list = this.byName.get(name) ?? [];
    if (!list.some((x) => x.code === d.code)) list.push(d);
    this.byName.set(name, list);
  }

  private addShort(name: string, suffix: RegExp, d: Division): void {
    const short = name.replace(suffix, '');
    if (short !== name && short.length >= 2) this.add(short, d);
  }
}
