import { describe, expect, it } from 'vitest';
import { diffFields, timelineEntry } from '../../functions/activities/timeline.js';
import { db } from '../../functions/data/service.js';
import { checkCursor } from '../../functions/shared/pagination.js';
import { stripNulls } from '../../functions/shared/records.js';
import { temporaryPassword } from '../../functions/users/identity.js';
import { invitationEmail } from '../../functions/users/invitation.js';

const cursorFor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('cursors', () => {
  const companies = db.entities.company.query.byName({ tenantId: '01ABC' });
  const contacts = db.entities.contact.query.byCompany({ tenantId: '01ABC', companyId: '01CO' });
  const tenants = db.entities.tenant.query.all({});
  const byName = {
    pk: '$quoteflow#tenantid_01abc',
    sk: '$company_1#companyid_01x',
    gsi1pk: '$quoteflow#tenantid_01abc',
    gsi1sk: '$company_1#name_acme#companyid_01x',
  };

  it('accepts a position inside exactly the query it continues, tenant marker or not', () => {
    expect(checkCursor(cursorFor(byName), companies)).toBe(cursorFor(byName));
    expect(checkCursor(undefined, companies)).toBeUndefined();
    // The platform's list of tenants has no tenant in its partition key.
    const tenantCursor = cursorFor({
      pk: '$quoteflow#tenantid_01t',
      sk: '$tenant_1',
      gsi1pk: '$quoteflow',
      gsi1sk: '$tenant_1#createdat_2025-01-08t00:00:00.000z#tenantid_01t',
    });
    expect(checkCursor(tenantCursor, tenants)).toBe(tenantCursor);
  });

  it("refuses another tenant's or company's cursor, another index's keys, junk and oversized keys", () => {
    for (const cursor of [
      cursorFor({ ...byName, gsi1pk: '$quoteflow#tenantid_01other' }),
      // The tenant's own prefix, but the table's keys only: DynamoDB would reject it for gsi1.
      cursorFor({ pk: byName.pk, sk: byName.sk }),
      cursorFor({ ...byName, gsi2pk: byName.gsi1pk }),
      cursorFor({ ...byName, gsi1sk: '$contact_1#lastname_x' }),
      cursorFor({ ...byName, gsi1sk: `$company_1#name_${'x'.repeat(1100)}` }),
      cursorFor({ ...byName, sk: '' }),
      cursorFor({ ...byName, pk: { S: 'attribute-value form' } }),
      cursorFor(['01abc']),
      cursorFor('01abc'),
      '%%%',
    ]) {
      expect(() => checkCursor(cursor, companies)).toThrow(/cursor is not valid/);
    }
    const otherCompany = cursorFor({ pk: '$quoteflow#tenantid_01abc#companyid_01other', sk: '$contact_1#x' });
    expect(() => checkCursor(otherCompany, contacts)).toThrow(/cursor is not valid/);
  });
});

describe('timeline', () => {
  it('lists only changed fields, comparing lists by value', () => {
    const before: Record<string, unknown> = { name: 'A', tags: ['x'], industry: 'Retail', stage: 'lead' };
    const after = { name: 'A', tags: ['x'], industry: undefined, stage: 'customer' };
    expect(diffFields(before, after, ['name', 'tags', 'industry', 'stage'])).toEqual([
      { field: 'industry', from: 'Retail', to: undefined },
      { field: 'stage', from: 'lead', to: 'customer' },
    ]);
  });

  it('stamps the entry with the actor from the context, never from input', () => {
    const ctx = {
      kind: 'tenant' as const,
      tenantId: 't1',
      userId: 'u1',
      role: 'sales' as const,
      email: 'e',
      name: 'Sam',
    };
    const entry = timelineEntry(
      ctx,
      { companyId: 'c', action: 'created', subjectType: 'company', subjectId: 'c', subjectName: 'C' },
      { entryId: 'e1', at: 'now' },
    );
    expect(entry).toMatchObject({ tenantId: 't1', actorId: 'u1', actorName: 'Sam', changes: [] });
  });
});

describe('records', () => {
  it('drops nulls so PATCH can clear optional fields', () => {
    expect(stripNulls({ a: 1, b: null, c: undefined, d: '' })).toEqual({ a: 1, c: undefined, d: '' });
  });
});

describe('invitations', () => {
  it('generates temporary passwords that satisfy the pool policy and differ each time', () => {
    const passwords = Array.from({ length: 200 }, temporaryPassword);
    for (const p of passwords) {
      expect(p).toHaveLength(14);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[!@#$%&*?]/);
    }
    expect(new Set(passwords).size).toBe(200);
  });

  it('escapes names in the HTML body and carries the sign-in details in both parts', () => {
    const email = invitationEmail({
      to: 'o@x.example',
      name: '<script>alert(1)</script>',
      tenantName: 'Smith & Sons',
      invitedBy: 'Ann',
      temporaryPassword: 'Tmp-Pass-123!',
      signInUrl: 'https://app.example',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Smith &amp; Sons');
    expect(email.text).toContain('Temporary password: Tmp-Pass-123!');
    expect(email.html).toContain('https://app.example');
    expect(email.subject).toBe("You're invited to Smith & Sons on Quoteflow");
  });
});
