/** Needs ../shared/data (the data tier: npm run test:data). */
import { join } from 'node:path';
import { CATEGORIES } from '../../models/categories';
import { SHARED_DATA_DIR } from './shared-data';
import { readFileSync } from 'node:fs';

describe('categories', () => {
  it('uses exactly the codes, numbers, names and descriptions of shared/data/categories.json', () => {
    const shared = JSON.parse(readFileSync(join(SHARED_DATA_DIR, 'categories.json'), 'utf8')) as {
      categories: Array<{ code: string; no: number; name: string; description: string }>;
    };
    expect(CATEGORIES.map(({ code, no, name, description }) => ({ code, no, name, description }))).toEqual(shared.categories.map(({ code, no, name, description }) => ({ code, no, name, description })));
  });

});
