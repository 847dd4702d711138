import { describeBusContract } from './bus.contract';
import { MemoryBus } from './memory-bus';

let n = 0;
describeBusContract('in-process bus', async () => {
  const bus = new MemoryBus({ partitions: 3, redeliveryDelayMs: 1 });
  return {
    bus,
    unique: (name) => `${name}-${++n}`,
    readAll: async (topic, expected) => {
      const end = Date.now() + 5000;
      while (bus.messages(topic).length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
      return bus.messages(topic);
    },
    close: () => bus.close(),
  };
});
