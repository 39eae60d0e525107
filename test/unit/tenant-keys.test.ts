import { describe, expect, it } from 'vitest';
import { db } from '../../functions/data/service.js';
import {
  keyIsUnder,
  leadingKeyPatterns,
  platformKeyPrefixes,
  tenantKeyPrefixes,
} from '../../functions/data/tenant-keys.js';

type Schema = {
  attributes: Record<string, { type: unknown }>;
  indexes: Record<string, { index?: string; pk: { field: string; composite: string[] } }>;
};

const TENANT = '01JTENANTAAAAAAAAAAAAAAAAA';

/** A value for each composite attribute: the tenant for tenantId/scope, anything valid for the rest. */
function sample(schema: Schema, composite: string[], scope: string): Record<string, unknown> {
  return Object.fromEntries(
    composite.map((name) => {
      if (name === 'tenantId' || name === 'scope') return [name, scope];
      const type = schema.attributes[name]!.type;
      return [name, Array.isArray(type) ? type[0] : type === 'number' ? 1 : 'x'];
    }),
  );
}

/** Every partition key ElectroDB builds for the entities, per index, for one scope value. */
function partitionKeys(scope: string) {
  return Object.entries(db.entities).flatMap(([entityName, entity]) => {
    const schema = (entity as unknown as { schema: Schema }).schema;
    return Object.entries(schema.indexes).map(([accessPattern, index]) => {
      const query = (entity.query as unknown as Record<string, (f: object) => { params: () => any }>)[accessPattern]!;
      const params = query(sample(schema, index.pk.composite, scope)).params();
      return {
        where: `${entityName}.${accessPattern}`,
        leading: index.pk.composite[0],
        pk: params.ExpressionAttributeValues[':pk'] as string,
      };
    });
  });
}

describe('tenant key prefixes', () => {
  it('cover every partition key that leads with the tenant, for the table and each index', () => {
    const keys = partitionKeys(TENANT).filter((k) => k.leading === 'tenantId' || k.leading === 'scope');
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(keyIsUnder(tenantKeyPrefixes(TENANT), key.pk), `${key.where}: ${key.pk}`).toBe(true);
  });

  it("leave out every other tenant's keys, also a tenant whose id extends this one", () => {
    for (const other of ['01JOTHERAAAAAAAAAAAAAAAAAA', `${TENANT}0`, 'platform']) {
      for (const key of partitionKeys(other)) {
        expect(keyIsUnder(tenantKeyPrefixes(TENANT), key.pk), `${key.where}: ${key.pk}`).toBe(false);
      }
    }
  });

  it('put platform items (scope "platform") under the platform prefix only', () => {
    const keys = partitionKeys('platform').filter((k) => k.leading === 'scope');
    expect(keys.map((k) => k.where)).toEqual(
      expect.arrayContaining(['apiKey.byScope', 'prompt.byId', 'promptSlot.byScope']),
    );
    for (const key of keys) expect(keyIsUnder(platformKeyPrefixes(), key.pk), key.where).toBe(true);
    for (const key of partitionKeys(TENANT)) expect(keyIsUnder(platformKeyPrefixes(), key.pk), key.where).toBe(false);
  });

  it('match, as IAM StringLike patterns, exactly the keys the code accepts', () => {
    const like = (pattern: string, value: string) =>
      new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(value);
    const patterns = leadingKeyPatterns(tenantKeyPrefixes(TENANT));
    for (const scope of [TENANT, '01JOTHERAAAAAAAAAAAAAAAAAA', `${TENANT}0`]) {
      for (const key of partitionKeys(scope)) {
        expect(
          patterns.some((p) => like(p, key.pk)),
          `${key.where}: ${key.pk}`,
        ).toBe(keyIsUnder(tenantKeyPrefixes(TENANT), key.pk));
      }
    }
  });
});
