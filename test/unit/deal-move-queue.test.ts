import { describe, expect, it } from 'vitest';
import { MoveQueue } from '../../web/src/app/deals/move-queue.js';

interface Deal {
  dealId: string;
  version: number;
  stageId: string;
}

/** A server that keeps versions as the API does: a write with a stale version is a 409; replies wait for `release`. */
function fakeServer(initial: Deal[]) {
  const stored = new Map(initial.map((d) => [d.dealId, { ...d }]));
  const sent: { dealId: string; stageId: string; version: number }[] = [];
  const waiting: (() => void)[] = [];
  const send = (deal: Deal, stageId: string, version: number) => {
    sent.push({ dealId: deal.dealId, stageId, version });
    return new Promise<Deal>((resolve, reject) => {
      waiting.push(() => {
        const now = stored.get(deal.dealId)!;
        if (now.version !== version) return reject(Object.assign(new Error('stale'), { status: 409 }));
        const saved = { ...now, stageId, version: now.version + 1 };
        stored.set(deal.dealId, saved);
        resolve(saved);
      });
    });
  };
  const release = async () => {
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 0));
    waiting.shift()!();
  };
  return { stored, sent, send, release };
}

// Sends start on the next microtask, behind whatever the deal's queue already holds.
const tick = () => new Promise((r) => setTimeout(r, 0));
const deal = (dealId: string, stageId = 'qualified', version = 1): Deal => ({ dealId, stageId, version });

describe('the board move queue', () => {
  it('sends a second move of a deal after the first returns, with the version the first returned', async () => {
    const server = fakeServer([deal('d1')]);
    const queue = new MoveQueue<Deal>(server.send);
    const first = queue.move(deal('d1'), 'proposal', undefined);
    // The card still has version 1: moved again before the first save came back.
    const second = queue.move(deal('d1', 'proposal'), 'negotiation', undefined);
    expect(queue.busy('d1')).toBe(true);
    await tick();
    expect(server.sent).toHaveLength(1);
    await server.release();
    expect(await first).toMatchObject({ status: 'saved', last: false, saved: { stageId: 'proposal', version: 2 } });
    await server.release();
    expect(await second).toMatchObject({ status: 'saved', last: true, saved: { stageId: 'negotiation', version: 3 } });
    expect(server.sent.map((s) => s.version)).toEqual([1, 2]);
    expect(server.stored.get('d1')).toMatchObject({ stageId: 'negotiation', version: 3 });
    expect(queue.busy('d1')).toBe(false);
  });

  it('moves different deals independently', async () => {
    const server = fakeServer([deal('d1'), deal('d2')]);
    const queue = new MoveQueue<Deal>(server.send);
    const a = queue.move(deal('d1'), 'proposal', undefined);
    const b = queue.move(deal('d2'), 'won', undefined);
    await tick();
    expect(server.sent.map((s) => s.dealId)).toEqual(['d1', 'd2']);
    await server.release();
    await server.release();
    expect((await a).status).toBe('saved');
    expect((await b).status).toBe('saved');
  });

  it('after a failed move, skips the moves queued behind it and says where the server has the deal', async () => {
    const server = fakeServer([deal('d1', 'qualified', 4)]);
    const queue = new MoveQueue<Deal>(server.send);
    // The board was out of date (someone else moved the deal): the first save is a 409.
    const first = queue.move(deal('d1', 'qualified', 3), 'proposal', undefined);
    const second = queue.move(deal('d1', 'proposal', 3), 'won', undefined);
    await server.release();
    expect(await first).toMatchObject({ status: 'failed', last: false, server: { stageId: 'qualified', version: 3 } });
    expect(await second).toMatchObject({ status: 'skipped', last: true });
    expect(server.sent).toHaveLength(1);
    // A move made after that starts afresh from the card it is given.
    const again = queue.move(deal('d1', 'qualified', 4), 'won', undefined);
    await server.release();
    expect(await again).toMatchObject({ status: 'saved', saved: { stageId: 'won', version: 5 } });
  });
});
