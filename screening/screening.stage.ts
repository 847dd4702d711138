/** The screening stage: reports.received → reports.screened. */
import { BadMessageError } from '../models/errors';
import type { ReportReceived, ReportScreened } from '../models/messages';
import type { LeadRepository, ReportRepository } from '../models/ports/repositories.port';
import { emitted, type Stage } from '../models/stage';
import { GROUPS, TOPICS } from '../models/topics';
import { screenReport, type ScreeningDeps } from './screen';

export interface ScreeningStageDeps extends ScreeningDeps {
  readonly leads: Pick<LeadRepository, 'saveScreening'>;
  readonly reports: Pick<ReportRepository, 'advanceStatus'>;
}

export function parseReportReceived(value: unknown): ReportReceived {
  const v = value as Partial<ReportReceived> | null;
  if (
    !v ||
    typeof v.reportId !== 'string' ||
    typeof v.receivedAt !== 'string' ||
    typeof v.facts?.text !== 'string' ||
    !Array.isArray(v.subject?.people) ||
    typeof v.reporter?.realName !== 'boolean'
  ) {
    throw new BadMessageError('消息格式不正确：缺少举报编号、接收时间、事实描述或被举报人');
  }
  return v as ReportReceived;
}

export function createScreeningStage(deps: ScreeningStageDeps): Stage<ReportReceived> {
  return {
    name: 'screening',
    group: GROUPS.screening,
    inputTopic: TOPICS.received,
    parse: parseReportReceived,
    async handle(report, { clock }) {
      const screening = await screenReport(report, deps);
      const out: ReportScreened = { reportId: report.reportId, receivedAt: report.receivedAt, reporter: report.reporter, screening };
      // Keyed upserts: a redelivered report rewrites the same row.
      await deps.leads.saveScreening(out, clock.now());
      await deps.reports.advanceStatus(report.reportId, 'screened', clock.now());
      return emitted({ topic: TOPICS.screened, key: report.reportId, value: out });
    },
  };
}
