/**
 * Intake: validate what a JSON schema cannot, normalise, seal the reporter's identity, persist,
 * assign the query code, publish to `reports.received`.
 *
 * Nothing accepted is lost: the report is stored before the 201, in the outbox (published_at
 * IS NULL). There is one way onto the bus, the relay step (`reports.relayUnpublished`): it claims
 * rows under a lock no other relay can share, publishes them and marks them in one transaction.
 * `submit` runs that step for its own report at once (a claim the periodic `relayOutbox` skips
 * while it is held, and finds done once released), so a report is never published by two
 * publishers that both saw it unpublished.
 */
import { ValidationError, NotFoundError } from '../models/errors';
import { isValidIdNumber } from '../models/id-number';
import type { ReportReceived } from '../models/messages';
import type { Bus } from '../models/ports/bus.port';
import type { PublicReportStatus, ReportRepository } from '../models/ports/repositories.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import type { ReporterIdentity, ReportSubmission } from '../models/report';
import { TOPICS } from '../models/topics';
import { PUBLIC_STAGE_NAMES, publicFeedback, publicStage, type PublicStage } from '../models/case-state';
import { hashedPart, newQueryCode, parseQueryCode } from './query-code';
import { reporterFingerprints } from './reporter-fingerprint';
import { normaliseSubmission } from './normalise-submission';

/** Seals the reporter's identity, bound to its report (infra/crypto/identity-sealer.ts). */
export interface IdentitySealing {
  seal(reportId: string, identity: ReporterIdentity): { readonly sealed: string; readonly keyId: string };
}

/**
 * Keyed hash of a query code (infra/crypto/query-code-hasher.ts): a stolen table cannot be searched
 * for a code. Also the key of the reporter fingerprints (reporter-fingerprint.ts).
 */
export interface QueryCodeHashing {
  hash(queryCode: string): string;
}

export interface IngestDeps {
  readonly reports: ReportRepository;
  readonly bus: Pick<Bus, 'publish'>;
  readonly sealer: IdentitySealing;
  readonly codes: QueryCodeHashing;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface Receipt {
  readonly reportId: string;
  readonly queryCode: string;
  readonly status: PublicStage;
  readonly statusLabel: string;
}

/** What the holder of a query code reads: the coarse stage and the feedback written for them; nothing internal. */
export interface PublicStatusView {
  readonly queryCode: string;
  readonly status: PublicStage;
  readonly statusLabel: string;
  /** The feedback meant for the reporter, once the province has delivered it. */
  readonly feedback: string | null;
  readonly receivedAt: string;
  readonly updatedAt: string;
}

/** Fewer meaningful characters than this is not a report a person could act on. */
export const MIN_FACT_CHARS = 5;

export function createIngest(deps: IngestDeps) {
  const { reports, bus, sealer, codes, ids, clock, logger } = deps;

  async function publish(messages: readonly ReportReceived[]): Promise<void> {
    await bus.publish(messages.map((m) => ({ topic: TOPICS.received, key: m.reportId, value: m })));
  }

  return {
    async submit(submission: ReportSubmission): Promise<Receipt> {
      const report = normaliseSubmission(submission);
      checkSubmission(report);
      const reportId = ids.uuid();
      const queryCode = newQueryCode(ids);
      const { anonymous, ...identity } = report.reporter;
      const fingerprints = reporterFingerprints(identity, codes);
      const message: ReportReceived = {
        reportId,
        receivedAt: clock.now().toISOString(),
        reporter: { realName: !anonymous, contactGiven: Boolean(identity.phone || identity.otherContact), ...(fingerprints.length ? { fingerprints } : {}) },
        subject: report.subject,
        facts: report.facts,
        ...(report.umbrella ? { umbrella: report.umbrella } : {}),
      };
      const sealed = hasIdentity(identity) ? sealer.seal(reportId, identity) : undefined;
      await reports.insert({ message, queryCodeHash: codes.hash(hashedPart(queryCode)), reporterSealed: sealed?.sealed ?? null, reporterKeyId: sealed?.keyId ?? null });
      try {
        await reports.relayUnpublished(1, publish, clock.now(), reportId);
      } catch (error) {
        // Stored already: the outbox relay publishes it later. Never fail an accepted report.
        logger.warn('publish failed; report kept in the outbox', { reportId, error: (error as Error).message });
      }
      return { reportId, queryCode, status: 'received', statusLabel: PUBLIC_STAGE_NAMES.received };
    },

    /** Publishes reports accepted but not yet on the bus. Returns how many were published. */
    async relayOutbox(batchSize = 500): Promise<number> {
      let total = 0;
      for (;;) {
        const published = await reports.relayUnpublished(batchSize, publish, clock.now());
        if (published === 0) return total;
        total += published;
      }
    },

    async status(queryCodeInput: string): Promise<PublicStatusView> {
      const reading = parseQueryCode(queryCodeInput);
      if (!reading.ok) throw new ValidationError(reading.message, [{ field: 'queryCode', problem: reading.problem }]);
      const found = await reports.findStatusByQueryCodeHash(codes.hash(hashedPart(reading.code)));
      if (!found) throw new NotFoundError('未找到该查询码对应的举报');
      return publicView(reading.code, found);
    },
  };
}

export type Ingest = ReturnType<typeof createIngest>;

/** Only the coarse stage and the reporter's feedback leave: never the pipeline's steps, the province, the result's internals. */
function publicView(queryCode: string, found: PublicReportStatus): PublicStatusView {
  const status: PublicStage = found.caseState ? publicStage(found.caseState) : found.status === 'rejected' ? 'rejected' : 'received';
  const feedback = found.caseState ? publicFeedback(found.caseState, found.caseFeedback) : null;
  return { queryCode, status, statusLabel: PUBLIC_STAGE_NAMES[status], feedback, receivedAt: found.receivedAt, updatedAt: found.updatedAt };
}

function hasIdentity(identity: Partial<ReporterIdentity> & { anonymous?: unknown }): boolean {
  return [identity.name, identity.phone, identity.idNumber, identity.otherContact].some((v) => v !== undefined && v !== '');
}

/** Rules a JSON schema cannot express. Messages are for the citizen, in Chinese. */
export function checkSubmission(report: ReportSubmission): void {
  const problems: Array<{ field: string; message: string }> = [];
  const meaningful = report.facts.text.replace(/[\s\p{P}\p{S}]/gu, '');
  if ([...meaningful].length < MIN_FACT_CHARS) {
    problems.push({ field: 'facts.text', message: `请具体描述违法犯罪事实（至少 ${MIN_FACT_CHARS} 个字）` });
  }
  const r = report.reporter;
  if (r.anonymous && hasIdentity({ ...r, anonymous: undefined })) {
    // Stored otherwise: an anonymous reporter who typed a name would be identifiable against their will.
    problems.push({ field: 'reporter', message: '匿名举报请勿填写姓名、电话、身份证号或其他联系方式；如需留下联系方式，请选择实名举报' });
  }
  if (!r.anonymous) {
    if (!r.name) problems.push({ field: 'reporter.name', message: '实名举报须填写举报人姓名' });
    if (!r.phone && !r.otherContact) problems.push({ field: 'reporter.phone', message: '实名举报须留下联系电话或其他联系方式' });
  }
  if (r.idNumber && !isValidIdNumber(r.idNumber)) {
    problems.push({ field: 'reporter.idNumber', message: '身份证号码校验不通过，请核对' });
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
}

