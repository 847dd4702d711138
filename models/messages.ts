/** Messages carried between stages. Every message is keyed by `reportId` (the idempotency key). */
import type { CriminalFacts, ProtectiveUmbrella, ReportedSubject, ReporterProfile } from './report';
import type { Dedup, Route, Screening } from './lead';

/** On `reports.received`: the report without the reporter's identity. */
export interface ReportReceived {
  readonly reportId: string;
  readonly receivedAt: string;
  readonly reporter: ReporterProfile;
  readonly subject: ReportedSubject;
  readonly facts: CriminalFacts;
  readonly umbrella?: ProtectiveUmbrella;
}

/** On `reports.screened`. */
export interface ReportScreened {
  readonly reportId: string;
  readonly receivedAt: string;
  readonly reporter: ReporterProfile;
  readonly screening: Screening;
}

/** On `reports.deduped`. */
export interface ReportDeduped extends ReportScreened {
  readonly dedup: Dedup;
}

/** On `leads.province.<code>`, `leads.national` and `leads.out-of-scope`: what a queue consumer needs. */
export interface LeadRouted {
  readonly leadId: string;
  readonly receivedAt: string;
  readonly route: Route;
  readonly dedup: Dedup;
  readonly categories: Screening['categories'];
  readonly credibility: Screening['credibility'];
  readonly location: Screening['location'];
}

/** On `reports.dead`: a message a stage could not process, with the error. */
export interface DeadLetter {
  readonly topic: string;
  readonly group: string;
  readonly key: string;
  readonly value: unknown;
  readonly error: { readonly code: string; readonly message: string };
  readonly attempts: number;
  readonly failedAt: string;
}

/** On `routing.reroutes`: the national office re-routes a lead by hand (keyed by lead id; `rerouteId` is the idempotency key). */
export interface RerouteRequested {
  readonly rerouteId: string;
  readonly leadId: string;
}

/** On the old queue's topic when a lead is re-routed: it has left this queue for `movedTo`. */
export interface LeadWithdrawn {
  readonly kind: 'withdrawn';
  readonly leadId: string;
  readonly rerouteId: string;
  readonly movedTo: string;
  readonly reason: string;
}
