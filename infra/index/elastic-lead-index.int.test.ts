/**
 * ElasticLeadIndex against a real Elasticsearch (ELASTICSEARCH_URL, default http://127.0.0.1:9200;
 * start it with `bash infra/services/up.sh elasticsearch`). Every index this run creates carries a
 * random prefix and is deleted afterwards. An unreachable cluster FAILS the suite, never skips it:
 * a green integration tier must mean the adapter was exercised.
 */
import { randomBytes } from 'node:crypto';
import { Client, errors } from '@elastic/elasticsearch';
import { DependencyUnavailableError } from '../../models/errors';
import { loadConfig } from '../config';
import { ElasticLeadIndex, leadIndexName, numCandidates } from './elastic-lead-index';
import { CONTRACT_DIMENSIONS, describeLeadIndexContract } from './lead-index.contract';

jest.setTimeout(30_000);

const url = loadConfig(process.env, 'embedded').elasticsearchUrl ?? 'http://127.0.0.1:9200';
const runPrefix = `xiansuo-test-${randomBytes(4).toString('hex')}`;
const created: string[] = [];
let opened = 0;

/** A fresh, empty index per call: `<runPrefix>-<n>-leads-d8`. */
async function openFresh(dimensions = CONTRACT_DIMENSIONS): Promise<ElasticLeadIndex> {
  const indexPrefix = `${runPrefix}-${opened++}`;
  created.push(leadIndexName(indexPrefix, dimensions));
  return ElasticLeadIndex.open({ url, indexPrefix, dimensions });
}

async function deleteCreated(): Promise<void> {
  const names = created.splice(0);
  const admin = new Client({ node: url, maxRetries: 0 });
  // Deleted by exact name: ES refuses wildcard deletes by default (action.destructive_requires_name).
  const results = await Promise.allSettled(names.map((index) => admin.indices.delete({ index }, { ignore: [404] })));
  await admin.close();
  // With the cluster down the tests have already failed loudly; any other failure leaks an index.
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof errors.ConnectionError));
  if (failure) throw failure.reason;
}

describe(`ElasticLeadIndex at ${url}`, () => {
  it(`reaches Elasticsearch at ${url} (start it with: bash infra/services/up.sh elasticsearch)`, async () => {
    const index = await openFresh();
    await index.close();
  });

  it('creates the index with 1 shard, 0 replicas, cosine HNSW vectors and whitespace-analysed tokens', async () => {
    const index = await openFresh();
    try {
      const settings = await index.client.indices.getSettings({ index: index.indexName });
      expect(settings[index.indexName]?.settings?.index).toMatchObject({ number_of_shards: '1', number_of_replicas: '0' });
      const mapping = await index.client.indices.getMapping({ index: index.indexName });
      expect(mapping[index.indexName]?.mappings.properties).toMatchObject({
        vector: { type: 'dense_vector', dims: CONTRACT_DIMENSIONS, similarity: 'cosine', index_options: { type: 'hnsw', m: 16, ef_construction: 100 } },
        tokens: { type: 'text', analyzer: 'whitespace' },
        receivedAt: { type: 'date' },
        leadId: { type: 'keyword' },
      });
    } finally {
      await index.close();
    }
  });

  it('reopens an existing index, and refuses one whose vectors have another dimension', async () => {
    const first = await openFresh();
    const indexPrefix = `${runPrefix}-${opened - 1}`;
    await first.close();
    const again = await ElasticLeadIndex.open({ url, indexPrefix, dimensions: CONTRACT_DIMENSIONS });
    await again.close();

    const wrongPrefix = `${runPrefix}-${opened++}`;
    const wrongName = leadIndexName(wrongPrefix, CONTRACT_DIMENSIONS);
    created.push(wrongName);
    const admin = new Client({ node: url });
    try {
      await admin.indices.create({ index: wrongName, mappings: { properties: { vector: { type: 'dense_vector', dims: 4 } } } });
    } finally {
      await admin.close();
    }
    await expect(ElasticLeadIndex.open({ url, indexPrefix: wrongPrefix, dimensions: CONTRACT_DIMENSIONS })).rejects.toThrow(
      /vector dims 4, expected 8/,
    );
  });

  it('fails with DependencyUnavailableError naming Elasticsearch and the URL when nothing listens', async () => {
    const dead = 'http://127.0.0.1:1';
    const error = await ElasticLeadIndex.open({ url: dead, indexPrefix: runPrefix, dimensions: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toMatch(/Elasticsearch/);
    expect((error as Error).message).toContain(dead);
  });

  it('examines at least 100 candidates, 10 per requested neighbour beyond that, at most 10,000', () => {
    expect([1, 10, 11, 50, 5000].map(numCandidates)).toEqual([100, 100, 110, 500, 10_000]);
  });
});

// Top-level too, so that indices are deleted even when a filter (-t) runs only some tests.
afterAll(deleteCreated);

describeLeadIndexContract(`ElasticLeadIndex at ${url}`, () => openFresh(), deleteCreated);
