import { describe, expect, it } from 'vitest';
import { newTenant, unique } from '../support/api.js';

describe('inviting someone already invited', () => {
  it('says they are invited and have not joined (not "Already registered"), and the resend route re-invites them', async () => {
    const { owner } = await newTenant('Reinvite');
    const email = `pending-${unique()}@example.test`;
    const first = await owner.post('/v1/users', { email, name: 'Pat Pending', role: 'sales' });
    expect(first.status).toBe(201);
    const again = await owner.post('/v1/users', { email, name: 'Pat Pending', role: 'sales' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/^Pat Pending was invited on \d{4}-\d{2}-\d{2} and has not signed in yet$/);
    expect(again.body.errors).toEqual([
      { path: 'email', message: 'Already invited: send the invitation again instead' },
    ]);
    const resent = await owner.post(`/v1/users/${first.body.userId}/invitation`);
    expect(resent.status).toBe(202);
    const team = (await owner.get('/v1/users')).body.items.filter((u: any) => u.email === email);
    expect(team).toHaveLength(1);
  });
});
