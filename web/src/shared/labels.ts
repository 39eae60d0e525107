import type {
  ActivityType,
  ContactRole,
  EmailType,
  PhoneType,
  Plan,
  Role,
  Stage,
} from '../../../functions/shared/enums';

/* Human labels for the domain's enums (the values themselves are defined in functions/shared/enums.ts). */

export const STAGE_LABELS: Record<Stage, string> = {
  discovery: 'Discovery',
  lead: 'Lead',
  prospect: 'Prospect',
  opportunity: 'Opportunity',
  customer: 'Customer',
  lost: 'Lost',
};

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', sales: 'Sales', viewer: 'Viewer' };

export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  decision_maker: 'Decision maker',
  influencer: 'Influencer',
  user: 'User',
  technical: 'Technical',
  other: 'Other',
};

export const EMAIL_TYPE_LABELS: Record<EmailType, string> = { work: 'Work', personal: 'Personal', other: 'Other' };

export const PHONE_TYPE_LABELS: Record<PhoneType, string> = {
  work: 'Work',
  mobile: 'Mobile',
  home: 'Home',
  other: 'Other',
};

export const PLAN_LABELS: Record<Plan, string> = { free: 'Free', starter: 'Starter', pro: 'Pro' };

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  note: 'Note',
};
