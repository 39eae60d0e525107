import type { Task } from '../data/task.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';

/** Loads a task of the caller's tenant or fails with 404. */
export async function getTask(ctx: TenantContext, taskId: string, deps: Deps): Promise<Task> {
  const found = await deps.db.entities.task.get({ tenantId: ctx.tenantId, taskId }).go({ consistent: true });
  if (!found.data) throw new NotFoundError('Task');
  return found.data;
}

/** Sales users work on their own tasks only; owners and admins on everyone's (viewers never reach a write). */
export function assertMayWrite(ctx: TenantContext, ownerId: string): void {
  if (ctx.role === 'sales' && ownerId !== ctx.userId) {
    throw new ForbiddenError('Sales users can only add or change their own tasks');
  }
}

/** The owner must be a user of this workspace. */
export async function assertOwner(ctx: TenantContext, ownerId: string, deps: Deps): Promise<void> {
  if (ownerId === ctx.userId) return;
  const owner = await deps.db.entities.user.get({ tenantId: ctx.tenantId, userId: ownerId }).go();
  if (!owner.data) {
    throw new ValidationError('The owner is not a user of this workspace', [
      { path: 'ownerId', message: 'Unknown user' },
    ]);
  }
  // Viewers only read: a task of theirs could never be checked off by them.
  if (owner.data.role === 'viewer') {
    throw new ValidationError('Viewers cannot own tasks', [{ path: 'ownerId', message: 'A viewer cannot own tasks' }]);
  }
}

/**
 * Checks the linked company, deal and contact belong to the tenant; a contact's or a deal's task is
 * also its company's. Returns the links to store ('' for none) and the company's name for its timeline.
 */
export async function resolveLinks(
  ctx: TenantContext,
  links: { companyId?: string; contactId?: string; dealId?: string },
  deps: Deps,
): Promise<{ companyId: string; contactId?: string; companyName?: string }> {
  let companyId = links.companyId ?? '';
  if (links.dealId) {
    const deal = await deps.db.entities.deal.get({ tenantId: ctx.tenantId, dealId: links.dealId }).go();
    if (!deal.data) {
      throw new ValidationError('The deal was not found', [{ path: 'dealId', message: 'Unknown deal' }]);
    }
    if (companyId && deal.data.companyId !== companyId) {
      throw new ValidationError('The deal is with another company', [
        { path: 'dealId', message: 'Not a deal of this company' },
      ]);
    }
    companyId = deal.data.companyId;
  }
  if (links.contactId) {
    const contact = await deps.db.entities.contact.get({ tenantId: ctx.tenantId, contactId: links.contactId }).go();
    if (!contact.data) {
      throw new ValidationError('The contact was not found', [{ path: 'contactId', message: 'Unknown contact' }]);
    }
    if (companyId && contact.data.companyId !== companyId) {
      throw new ValidationError('The contact works at another company', [
        { path: 'contactId', message: 'Not a contact of this company' },
      ]);
    }
    companyId = contact.data.companyId;
  }
  if (!companyId) return { companyId: '', contactId: links.contactId };
  const company = await deps.db.entities.company.get({ tenantId: ctx.tenantId, companyId }).go();
  if (!company.data) {
    throw new ValidationError('The company was not found', [{ path: 'companyId', message: 'Unknown company' }]);
  }
  return { companyId, contactId: links.contactId, companyName: company.data.name };
}
