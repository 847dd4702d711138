/**
 * Screening of one report: compose the text, segment, extract entities, locate the facts, embed,
 * classify (scope and categories: its own decision, scope-decision.ts), score credibility. Pure
 * apart from the embedder call.
 */
import type { Entity, Screening } from '../models/lead';
import type { ReportReceived } from '../models/messages';
import { normaliseText } from '../models/normalise';
import type { Embedder } from '../models/ports/embedder.port';
import type { Segmenter } from '../models/ports/segmenter.port';
import { guessCategories } from './category-keywords';
import type { Classification, ClassifyInput } from './classifier/screening-model';
import { isContentless, scoreCredibility } from './credibility';
import { placeEntities, textEntities } from './entities';
import { settleEntities } from './entity-boundaries';
import type { Gazetteer } from './gazetteer';
import { resolveLocation, weighMentions, type WeightedMention } from './location';
import { decideScope, type ScopeDecision } from './scope-decision';

/** Classifies a screened text: categories and P(in scope) (screening/classifier: the trained model). */
export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

/** Without a trained model: the keyword table ranks, and P(in scope) is the targets' share of it. */
export function keywordClassification(tokens: readonly string[], text: string): Classification {
  const categories = guessCategories(tokens, text);
  const notTarget = categories.filter((c) => c.code === 'OUT_OF_SCOPE' || c.code === 'INVALID').reduce((sum, c) => sum + c.probability, 0);
  return { categories, scopeProbability: 1 - notTarget, threshold: 0.5 };
}

export interface ScreeningDeps {
  readonly segmenter: Segmenter;
  readonly embedder: Embedder;
  readonly gazetteer: Gazetteer;
  /** The trained model; without one, the keyword fallback of category-keywords.ts ranks. */
  readonly classifier?: Classifier | null;
}

const TEXT_PLACE_WEIGHT = 2;
const FORM_PLACE_WEIGHT = 3;

/** Sections of the screened text and how much a place named in each says about where the facts happened. */
interface Section {
  readonly label: string;
  readonly text: string;
  readonly placeWeight: number;
}

export function sections(report: Pick<ReportReceived, 'facts' | 'subject' | 'umbrella'>): Section[] {
  const people = report.subject.people
    .map((p) => [p.name, p.nicknames?.length ? `（外号${p.nicknames.join('、')}）` : '', p.position ? `，${p.position}` : ''].join(''))
    .filter((s) => s.length > 0);
  const officials = (report.umbrella?.officials ?? []).map((o) => [o.unit, o.position, o.name].filter(Boolean).join(''));
  const all: Section[] = [
    { label: '', text: report.facts.text, placeWeight: TEXT_PLACE_WEIGHT },
    { label: '案发地点：', text: report.facts.place ?? '', placeWeight: FORM_PLACE_WEIGHT },
    { label: '案发时间：', text: report.facts.time ?? '', placeWeight: 0 },
    { label: '被举报人：', text: people.join('；'), placeWeight: 0.5 },
    { label: '被举报单位：', text: report.subject.organisation ?? '', placeWeight: 0.5 },
    { label: '被举报人所在地：', text: report.subject.location ?? '', placeWeight: 1.5 },
    { label: '保护伞：', text: [officials.join('；'), report.umbrella?.text ?? ''].filter(Boolean).join('。'), placeWeight: 0.5 },
  ];
  return all.map((s) => ({ ...s, text: normaliseText(s.text) })).filter((s) => s.text.length > 0);
}

/**
 * Noise or one thing repeated (credibility's GIBBERISH, REPETITIVE) is INVALID whatever the model
 * reads into it: out of scope, INVALID first, with everything the model did not put in scope.
 */
function invalidFirst(d: ScopeDecision): ScopeDecision {
  const invalid = d.categories.find((c) => c.code === 'INVALID');
  const probability = Math.max(invalid?.probability ?? 0, 1 - d.scope.probability);
  return { scope: { ...d.scope, inScope: false }, categories: [{ code: 'INVALID', probability }, ...d.categories.filter((c) => c.code !== 'INVALID')] };
}

/** The form's place of the facts names provinces none of which the facts' text names. */
function placeConflict(mentions: readonly WeightedMention[]): boolean {
  const provinces = (weight: number): Set<string> =>
    new Set(mentions.filter((m) => m.sectionWeight === weight).flatMap((m) => m.mention.candidates.map((c) => c.provinceCode)));
  const form = provinces(FORM_PLACE_WEIGHT);
  const text = provinces(TEXT_PLACE_WEIGHT);
  return form.size > 0 && text.size > 0 && ![...form].some((p) => text.has(p));
}

/**
 * What screening reads: the received report. `receivedAt` is absent only in batch screening of
 * lines that do not say when they were received; dates are then not judged against it.
 */
export type ScreeningInput = Omit<ReportReceived, 'receivedAt'> & { readonly receivedAt?: string };

export async function screenReport(report: ScreeningInput, deps: ScreeningDeps): Promise<Screening> {
  const parts = sections(report);
  let text = '';
  const mentions: WeightedMention[] = [];
  const places: Entity[] = [];
  for (const part of parts) {
    if (text) text += '\n';
    text += part.label;
    const offset = text.length;
    text += part.text;
    const found = deps.gazetteer.find(part.text);
    places.push(...placeEntities(found, offset));
    mentions.push(...weighMentions(part.text, found, part.placeWeight));
  }
  const tokens = deps.segmenter.segment(text);
  const entities = settleEntities(text, [...places, ...textEntities(text, report)], deps.segmenter).sort((a, b) => a.start - b.start || a.end - b.end);
  const location = resolveLocation(mentions.filter((m) => m.weight > 0));
  const [embedding] = await deps.embedder.embed([text]);
  const classification = deps.classifier
    ? deps.classifier.classify({ tokens, text, embedderId: deps.embedder.id, embedding: embedding! })
    : keywordClassification(tokens, report.facts.text);
  const credibility = scoreCredibility({
    text: report.facts.text,
    tokens: deps.segmenter.segment(report.facts.text),
    entities,
    location,
    reporter: report.reporter,
    ...(report.receivedAt ? { receivedAt: report.receivedAt } : {}),
    placeConflict: placeConflict(mentions),
  });
  const decided = decideScope(classification.categories, classification.scopeProbability, classification.threshold);
  const { scope, categories } = isContentless(credibility) ? invalidFirst(decided) : decided;
  return { text, tokens, entities, categories, scope, credibility, location, embedderId: deps.embedder.id, embedding: embedding! };
}
