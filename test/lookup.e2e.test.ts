/**
 * The citizen's look-up through the intake application while the province works the case: only
 * the coarse stage (已受理 / 核查中 / 已办结) and the feedback written for the reporter; a copy
 * merged into the cluster shows the cluster's progress; a mistyped code is told at once.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../models/access';
import { startHarness, type Harness } from './embedded-harness';
import { SAMPLE_REPORTS } from './sample-reports';

const GS: Principal = { id: 'gs-a', name: '甲', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };
const GS_CHIEF: Principal = { id: 'gs-c', name: '乙', role: 'provincial-supervisor', scope: { kind: 'province', provinceCode: '62' } };
const NATIONAL: Principal = { id: 'nat', name: '丙', role: 'national-analyst', scope: { kind: 'national' } };

describe('looking a report up by its query code', () => {
  let h: Harness;
  let intake: FastifyInstance;
  let codes: string[];
  let leadId: string;

  beforeAll(async () => {
    h = await startHarness();
    intake = h.services.buildApp();
    codes = [];
    for (const s of [SAMPLE_REPORTS[0]!, SAMPLE_REPORTS[0]!]) codes.push((await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: s.submission })).json<{ queryCode: string }>().queryCode);
    await h.drained();
    const leads = await h.services.leads.listByRouteTopic('leads.province.62', { limit: 10, offset: 0 });
    expect(leads).toHaveLength(2);
    expect(leads[0]!.clusterId).toBe(leads[1]!.clusterId);
    leadId = leads[0]!.leadId;
  }, 120_000);
  afterAll(async () => {
    await h.stop();
  });

  const lookUp = async (code: string) => {
    const res = await intake.inject({ method: 'GET', url: `/api/v1/reports/${encodeURIComponent(code)}` });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };

  it('shows only the coarse stage and the reporter\'s feedback, for both reports of the cluster, as the province works', async () => {
    for (const code of codes) {
      const { status, body } = await lookUp(code);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['feedback', 'queryCode', 'receivedAt', 'status', 'statusLabel', 'updatedAt']);
      expect(body).toMatchObject({ queryCode: code, status: 'received', statusLabel: '已受理', feedback: null });
    }
    await h.services.lifecycle.service.act(GS, leadId, { action: 'accept' });
    expect((await lookUp(codes[1]!)).body).toMatchObject({ statusLabel: '已受理' });
    await h.services.lifecycle.service.act(GS, leadId, { action: 'verify' });
    for (const code of codes) expect((await lookUp(code)).body).toMatchObject({ status: 'verifying', statusLabel: '核查中', feedback: null });
    await h.services.lifecycle.service.act(GS, leadId, { action: 'conclude', result: 'substantiated', reason: '内部结论：经查张某团伙收保护费属实，涉案人员另案处理' });
    for (const who of [GS_CHIEF, NATIONAL]) {
      const c = await h.services.lifecycle.service.getCase(NATIONAL, leadId);
      if (c.state === 'concluding' && (who === GS_CHIEF || c.nationalReviewRequired)) await h.services.lifecycle.service.act(who, leadId, { action: who === GS_CHIEF ? 'sign-off-provincial' : 'sign-off-national' });
    }
    for (const code of codes) expect((await lookUp(code)).body).toMatchObject({ status: 'concluded', statusLabel: '已办结', feedback: null });
    await h.services.lifecycle.service.act(GS, leadId, { action: 'deliver-feedback', feedback: '您反映的问题经核查属实，已依法处理。感谢您的支持。' });
    for (const code of codes) {
      const { body } = await lookUp(code);
      expect(body).toMatchObject({ status: 'concluded', feedback: '您反映的问题经核查属实，已依法处理。感谢您的支持。' });
      // Nothing internal: not the conclusion, the result's code, the province, the ids, the people who acted.
      expect(JSON.stringify(body)).not.toMatch(/内部结论|substantiated|gs-a|gs-c|nat|62|甘肃|lead|cluster/);
    }
  }, 120_000);

  it('tells a mistyped code at once, and a well-formed unknown code apart', async () => {
    const code = codes[0]!;
    const last = code.at(-1)!;
    const wrong = code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    expect(await lookUp(wrong)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.stringContaining('查询码有误') } });
    const swapped = code.slice(0, 3) + code[4] + code[3] + code.slice(5);
    if (code[3] !== code[4]) expect((await lookUp(swapped)).status).toBe(400);
    expect(await lookUp('XS-0000-0000-0000-0000-0')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await lookUp(code.toLowerCase().replace(/-/g, ' '))).status).toBe(200);
    expect((await lookUp(code.slice(0, -2))).status).toBe(200);
  }, 60_000);
});
