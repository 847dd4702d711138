/**
 * Opening a reporter's identity: only roles with `identity:read`, only inside their province,
 * always with a reason, and every opening written to the audit trail before the clear text
 * leaves the service. The identity itself never enters the trail or a log.
 */
import { assertCan, outOfScope, seesProvince, type Principal } from '../models/access';
import { NotFoundError, ValidationError } from '../models/errors';
import type { AuditTrail } from '../models/ports/audit.port';
import type { ReporterIdentityVault } from '../models/ports/identity-vault.port';
import type { Clock } from '../models/ports/runtime.port';
import type { ReporterIdentity } from '../models/report';

export interface IdentityView {
  readonly reportId: string;
  readonly anonymous: boolean;
  readonly identity: ReporterIdentity | null;
}

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(deps: { vault: ReporterIdentityVault; audit: Pick<AuditTrail, 'append'>; clock: Clock }) {
  return {
    async reveal(user: Principal, reportId: string, reason: string): Promise<IdentityView> {
      assertCan(user, 'identity:read');
      const why = reason.trim();
      if (why.length < 4) throw new ValidationError('查看举报人身份须填写理由（至少 4 个字）');
      const found = await deps.vault.reveal(reportId.toLowerCase());
      if (!found) throw new NotFoundError('未找到该举报');
      if (!seesProvince(user, found.provinceCode) && !seesProvince(user, found.routeProvinceCode)) throw outOfScope('未找到该举报');
      await deps.audit.append({
        actor: user.id,
        action: 'identity-view',
        leadId: found.reportId,
        reason: why,
        details: { role: user.role, anonymous: found.identity === null },
        at: deps.clock.now().toISOString(),
      });
      return { reportId: found.reportId, anonymous: found.identity === null, identity: found.identity };
    },
  };
}
