import { BadMessageError, DependencyUnavailableError } from '../models/errors';
import type { IncomingMessage } from '../models/ports/bus.port';
import { emitted, type Stage } from '../models/stage';
import { TOPICS } from '../models/topics';
import { jsonLogger, systemClock } from './runtime/system-runtime';
import { processMessage } from './stage-worker';

const message: IncomingMessage = { topic: 'in', partition: 0, offset: '0', key: 'k', value: { n: 1 }, headers: {} };
const options = { logger: jsonLogger('silent'), clock: systemClock, backoffMs: 1, maxBackoffMs: 2, maxAttempts: 3 };

function stage(handle: () => Promise<never> | ReturnType<Stage<unknown>['handle']>): Stage<unknown> {
  return { name: 's', group: 'g', inputTopic: 'in', parse: (v) => v, handle };
}

describe('processMessage', () => {
  it('publishes what the handler emits', async () => {
    const out = await processMessage(stage(async () => emitted({ topic: 'out', key: 'k', value: 2 })), message, options);
    expect(out).toEqual([{ topic: 'out', key: 'k', value: 2 }]);
  });

  it('dead-letters a bad message at once, with its error', async () => {
    let calls = 0;
    const out = await processMessage(stage(async () => (calls++, Promise.reject(new BadMessageError('坏消息')))), message, options);
    expect(calls).toBe(1);
    expect(out[0]).toMatchObject({ topic: TOPICS.dead, key: 'k', value: { error: { code: 'BAD_MESSAGE', message: '坏消息' }, value: { n: 1 } } });
  });

  it('retries an unknown throw a bounded number of times, then dead-letters it', async () => {
    let calls = 0;
    const out = await processMessage(stage(async () => (calls++, Promise.reject(new Error('boom')))), message, options);
    expect(calls).toBe(3);
    expect(out[0]).toMatchObject({ topic: TOPICS.dead, value: { attempts: 3, error: { code: 'INTERNAL' } } });
  });

  it('waits for a dependency that is down instead of dead-lettering the message', async () => {
    let calls = 0;
    const out = await processMessage(
      stage(async () => {
        calls++;
        if (calls < 6) throw new DependencyUnavailableError('数据库暂时不可用');
        return emitted({ topic: 'out', key: 'k', value: 'ok' });
      }),
      message,
      options,
    );
    expect(calls).toBe(6);
    expect(out).toEqual([{ topic: 'out', key: 'k', value: 'ok' }]);
  });
});
