/** API resource shapes, as documented in /work/shared/API.md (the contract, not the backend's internals). */

export const STAGES = ['discovery', 'lead', 'prospect', 'opportunity', 'customer', 'lost'] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['owner', 'admin', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CONTACT_ROLES = ['decision_maker', 'influencer', 'user', 'technical', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const EMAIL_TYPES = ['work', 'personal', 'other'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const PHONE_TYPES = ['work', 'mobile', 'home', 'other'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const PLANS = ['free', 'starter', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

export type TenantStatus = 'active' | 'suspended';

/** One page of a list endpoint. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Address {
  type?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postcode?: string;
  country?: string;
}

export interface Company {
  companyId: string;
  name: string;
  domain?: string;
  companyNumber?: string;
  stage: Stage;
  industry?: string;
  addresses: Address[];
  tags: string[];
  ownerId?: string;
  knownFacts: string[];
  leadScore?: number;
  healthScore?: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export interface ContactEmail {
  address: string;
  type: EmailType;
  primary: boolean;
}

export interface ContactPhone {
  number: string;
  type: PhoneType;
  primary: boolean;
}

export interface Contact {
  contactId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  jobTitle?: string;
  role: ContactRole;
  emails: ContactEmail[];
  phones: ContactPhone[];
  notes?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface User {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active';
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Me extends User {
  tenant: { tenantId: string; name: string; slug: string; plan: Plan };
}

export interface TimelineChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface TimelineEntry {
  entryId: string;
  at: string;
  actorName: string;
  action: 'created' | 'updated' | 'deleted';
  subjectType: 'company' | 'contact';
  subjectName: string;
  changes: TimelineChange[];
}

/** A call, email, meeting or note logged against a company. */
export interface Activity {
  activityId: string;
  companyId: string;
  type: ActivityType;
  subject: string;
  body?: string;
  contactId?: string;
  occurredAt: string;
  durationMinutes?: number;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

export interface Tenant {
  tenantId: string;
  name: string;
  slug: string;
  plan: Plan;
  status: TenantStatus;
  ownerEmail: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
