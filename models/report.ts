/**
 * A citizen's report (举报) as submitted: four parts, following the 12337 platform's form.
 * The reporter's identity never leaves the ingest stage in clear: downstream stages see only
 * a {@link ReporterProfile}.
 */
import type { CategoryCode } from './categories';

/** Part 1: who reports. Identity fields are encrypted at rest and never published on the bus. */
export interface Reporter {
  readonly anonymous: boolean;
  readonly name?: string;
  readonly phone?: string;
  readonly idNumber?: string;
  /** Other contact: e-mail, address, WeChat… */
  readonly otherContact?: string;
}

/** A reported person, with the names people call them by. */
export interface ReportedPerson {
  readonly name?: string;
  readonly nicknames?: readonly string[];
  readonly position?: string;
}

/** Part 2: who is reported. */
export interface ReportedSubject {
  readonly people: readonly ReportedPerson[];
  readonly organisation?: string;
  /** Free-text location of the subject (where they live or operate). */
  readonly location?: string;
}

/** Part 3: the criminal facts. */
export interface CriminalFacts {
  readonly text: string;
  /** When it happened, free text as the citizen wrote it ("2023年5月至今"). */
  readonly time?: string;
  /** Where it happened, free text. */
  readonly place?: string;
  /** The category the reporter chose on the form, if any. */
  readonly reporterCategory?: CategoryCode;
}

/** An official accused of shielding the subject. */
export interface Official {
  readonly name?: string;
  readonly unit?: string;
  readonly position?: string;
}

/** Part 4: the protective umbrella (保护伞), if the reporter names one. */
export interface ProtectiveUmbrella {
  readonly officials: readonly Official[];
  readonly text?: string;
}

export interface ReportSubmission {
  readonly reporter: Reporter;
  readonly subject: ReportedSubject;
  readonly facts: CriminalFacts;
  readonly umbrella?: ProtectiveUmbrella;
}

/** The reporter's identity and contact: sealed at rest, never on the bus, in the index or in a log. */
export type ReporterIdentity = Omit<Reporter, 'anonymous'>;

/** Chinese names of the form's fields (paths without array indexes), for error messages. */
export const REPORT_FIELD_LABELS: Readonly<Record<string, string>> = {
  reporter: '举报人信息',
  'reporter.anonymous': '是否匿名',
  'reporter.name': '举报人姓名',
  'reporter.phone': '举报人电话',
  'reporter.idNumber': '举报人身份证号',
  'reporter.otherContact': '举报人其他联系方式',
  subject: '被举报对象',
  'subject.people': '被举报人',
  'subject.people.name': '被举报人姓名',
  'subject.people.nicknames': '被举报人绰号',
  'subject.people.position': '被举报人职务',
  'subject.organisation': '被举报单位或组织',
  'subject.location': '被举报对象所在地',
  facts: '违法犯罪事实',
  'facts.text': '事实描述',
  'facts.time': '发生时间',
  'facts.place': '发生地点',
  'facts.reporterCategory': '举报类别',
  umbrella: '保护伞信息',
  'umbrella.officials': '涉嫌充当保护伞的公职人员',
  'umbrella.officials.name': '公职人员姓名',
  'umbrella.officials.unit': '公职人员单位',
  'umbrella.officials.position': '公职人员职务',
  'umbrella.text': '保护伞情况说明',
};

/** What downstream stages may know about the reporter: never who they are. */
export interface ReporterProfile {
  readonly realName: boolean;
  readonly contactGiven: boolean;
  /**
   * Keyed fingerprints of the identifiers the reporter gave (ingest/reporter-fingerprint.ts): equal
   * across reports of the same reporter, never the identity. Absent for an anonymous report.
   */
  readonly fingerprints?: readonly string[];
}

/** Public progress of a report, as shown to the citizen holding the query code. */
export const REPORT_STATUSES = ['received', 'screened', 'deduplicated', 'routed', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Chinese labels of the public statuses. */
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  received: '已受理，等待甄别',
  screened: '已完成初步甄别',
  deduplicated: '已完成线索查重',
  routed: '已转交承办单位',
  rejected: '未能处理，请重新提交',
};
