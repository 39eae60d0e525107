/** A deal as far as moving it goes. */
interface Movable {
  dealId: string;
  version: number;
}

/** How one queued move ended. `last`: no later move of the same deal is still waiting. */
export type MoveOutcome<D> =
  | { status: 'saved'; saved: D; last: boolean }
  /** `server`: the deal as the server last confirmed it, where the card belongs now. */
  | { status: 'failed'; error: unknown; server: D; last: boolean }
  /** An earlier move of this deal failed: this one, queued behind it, was not sent. */
  | { status: 'skipped'; server: D; last: boolean };

interface Lane<D> {
  tail: Promise<unknown>;
  pending: number;
  /** The newest state of the deal the server returned (or the board showed before the first move). */
  server: D;
  seq: number;
  /** Moves queued up to this number were behind a failed one and are not sent. */
  cancelledUpTo: number;
}

/**
 * Saves board moves one deal at a time: a second move made before the first save returns waits
 * for it and goes with the version it returned, instead of the stale one the card had (a 409).
 * Different deals move independently. A failed move cancels the moves queued behind it, so the
 * card can go back to where the server has it and the user can try again from there.
 */
export class MoveQueue<D extends Movable, X = unknown> {
  private readonly lanes = new Map<string, Lane<D>>();

  constructor(private readonly send: (deal: D, stageId: string, version: number, extra: X) => Promise<D>) {}

  /** Whether a move of this deal is being saved or waiting. */
  busy(dealId: string): boolean {
    return this.lanes.has(dealId);
  }

  move(deal: D, stageId: string, extra: X): Promise<MoveOutcome<D>> {
    let lane = this.lanes.get(deal.dealId);
    if (!lane) {
      lane = { tail: Promise.resolve(), pending: 0, server: deal, seq: 0, cancelledUpTo: 0 };
      this.lanes.set(deal.dealId, lane);
    }
    const l = lane;
    const seq = ++l.seq;
    l.pending++;
    const run = l.tail.then(async (): Promise<MoveOutcome<D>> => {
      const last = () => l.pending === 1;
      try {
        if (seq <= l.cancelledUpTo) return { status: 'skipped', server: l.server, last: last() };
        try {
          const saved = await this.send(l.server, stageId, l.server.version, extra);
          l.server = saved;
          return { status: 'saved', saved, last: last() };
        } catch (error) {
          l.cancelledUpTo = l.seq;
          return { status: 'failed', error, server: l.server, last: last() };
        }
      } finally {
        if (--l.pending === 0) this.lanes.delete(deal.dealId);
      }
    });
    l.tail = run;
    return run;
  }
}
