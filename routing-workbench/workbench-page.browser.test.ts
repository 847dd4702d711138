/**
 * The workbench page in a real browser (Chromium from the system, playwright-core): a rule editor
 * edits a rule and sees it validated, saves the draft and dry-runs it (the Gansu lead moves to the
 * national office), a second person approves and publishes it, and a new lead is routed by the
 * new version.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '../console/auth/totp';
import { TOPICS } from '../models/topics';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../test/console-users';
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '.cache', 'screenshots');

describe('the routing workbench page', () => {
  let h: Harness;
  let app: FastifyInstance;
  let editor: TestUser;
  let approver: TestUser;
  beforeAll(async () => {
    h = await startHarness({ rulesRefreshMs: 0 });
    app = h.services.buildConsoleApp();
    editor = await createTestUser(h.services, 'editor-01', 'national-rule-editor');
    approver = await createTestUser(h.services, 'approver-01', 'national-approver');
    const intake = h.services.buildApp();
    for (const s of SAMPLE_REPORTS) expect((await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: s.submission })).statusCode).toBe(201);
    await h.drained();
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
  });

  async function signInAs(page: Page, base: string, user: TestUser): Promise<void> {
    await page.goto(`${base}/routing/`);
    await page.fill('input[name=userId]', user.userId);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.fill('input[name=totp]', totpCode(user.totpSecret!));
    await page.click('button:has-text("登录")');
    await page.waitForSelector('#rules tbody tr');
  }

  it('edits a rule, dry-runs it, is published by a second user, and a new lead is routed by the new version', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await signInAs(page, base, editor);
      // Edit: the catch-all province rule gets a Gansu campaign rule before it.
      const text = await page.inputValue('#editor');
      const set = JSON.parse(text) as { rules: Array<Record<string, unknown>> };
      await page.fill('#editor', JSON.stringify({ rules: [...set.rules.slice(0, -1), { id: 'gansu-campaign', reason: '甘肃专项', when: { provinceIn: ['99'] }, route: 'national' }, set.rules.at(-1)] }, null, 2));
      await page.waitForSelector('#validation .error:has-text("未知省份代码：99")');
      await page.fill('#editor', JSON.stringify({ rules: [...set.rules.slice(0, -1), { id: 'gansu-campaign', reason: '甘肃专项', when: { provinceIn: ['62'] }, route: 'national' }, set.rules.at(-1)] }, null, 2));
      await page.waitForSelector('#validation .notice:has-text("校验通过")');
      await page.fill('#note', '甘肃专项行动');
      await page.click('#save');
      await page.waitForSelector('#message .notice:has-text("草案已保存")');
      await page.click('#drafts button.dry-run');
      await page.waitForSelector('#moves tbody tr');
      expect(await page.locator('#moves tbody tr').first().innerText()).toMatch(/省级（62）\s+全国扫黑办\s+1/);
      expect(await page.locator('#chart').innerText()).toContain('省份 62');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'routing-dry-run.png'), fullPage: true });

      const second = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
      await signInAs(second, base, approver);
      await second.fill('#reason', '专项行动需要');
      await second.click('#drafts button.publish');
      await second.waitForSelector('#message .notice:has-text("已发布第 2 版")');
      await second.waitForSelector('#active-version:has-text("2")');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
    expect((await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission })).statusCode).toBe(201);
    await h.drained();
    const national = await h.services.leads.listByRouteTopic(TOPICS.national, { limit: 20, offset: 0 });
    expect(national.find((l) => l.route?.ruleId === 'gansu-campaign')!.route).toMatchObject({ rulesVersion: 2 });
  });
});
