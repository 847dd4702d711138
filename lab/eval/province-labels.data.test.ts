/** Needs ../shared/data (the data tier: npm run test:data). */
import { SHARED_DATA_DIR } from '../data/shared-data';
import { halfOf, loadCaseFacts, loadProvinceLabels } from './province-eval';

describe('the labelled court facts', () => {
  it('are distinct facts of the shared cases file, half of them held out', () => {
    const labels = loadProvinceLabels();
    const facts = loadCaseFacts(SHARED_DATA_DIR);
    expect(new Set(labels.map((l) => l.id)).size).toBe(labels.length);
    expect(labels.filter((l) => !facts?.has(l.id))).toEqual([]);
    expect(labels.filter((l) => halfOf(l.position) === 'heldOut')).toHaveLength(labels.length / 2);
    expect(labels.length).toBeGreaterThanOrEqual(300);
  });
});
