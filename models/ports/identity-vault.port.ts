/** Opens a reporter's sealed identity, for the console roles allowed to see it (each opening audited by the caller). */
import type { ReporterIdentity } from '../report';

export interface RevealedIdentity {
  readonly reportId: string;
  /** Where the lead was placed (screening) and the province whose queue received it: the scope checks both. */
  readonly provinceCode: string | null;
  readonly routeProvinceCode: string | null;
  /** null: an anonymous report. */
  readonly identity: ReporterIdentity | null;
}

export interface ReporterIdentityVault {
  /** undefined when no such report exists. */
  reveal(reportId: string): Promise<RevealedIdentity | undefined>;
}
