import { describeLeadIndexContract } from './lead-index.contract';
import { MemoryLeadIndex } from './memory-lead-index';

describeLeadIndexContract('MemoryLeadIndex', async () => new MemoryLeadIndex());
