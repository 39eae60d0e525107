import { describe, expect, it } from 'vitest';
import { diffFields, timelineEntry } from '../../functions/activities/timeline.js';
import { checkCursor } from '../../functions/shared/pagination.js';
import { stripNulls } from '../../functions/shared/records.js';
import { temporaryPassword } from '../../functions/users/identity.js';
import { invitationEmail } from '../../functions/users/invitation.js';

const cursorFor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('cursors', () => {
  it("accepts a cursor for the caller's own partition", () => {
    const cursor = cursorFor({
      pk: '$quoteflow#tenantid_01abc',
      sk: 's',
      gsi1pk: '$quoteflow#tenantid_01abc',
      gsi1sk: 'g',
    });
    expect(checkCursor(cursor, '01ABC')).toBe(cursor);
    expect(checkCursor(undefined, '01ABC')).toBeUndefined();
  });

  it("refuses another tenant's cursor, junk, and keys of the wrong shape", () => {
    for (const cursor of [
      cursorFor({ pk: '$quoteflow#tenantid_01other', sk: 's' }),
      cursorFor({ pk: '$quoteflow#tenantid_01abc', gsi1pk: '$quoteflow#tenantid_01other' }),
      cursorFor({ sk: 'no partition key' }),
      cursorFor({ pk: { S: 'attribute-value form' } }),
      cursorFor(['01abc']),
      '%%%',
    ]) {
      expect(() => checkCursor(cursor, '01ABC')).toThrow(/cursor is not valid/);
    }
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
