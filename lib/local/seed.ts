import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DEMO_LOGINS,
  DEMO_TENANT,
  demoActivities,
  demoCompanies,
  demoDeals,
  demoPricingRules,
  demoProducts,
  demoQuotes,
  demoRateCard,
  demoSupplier,
  demoTasks,
} from './demo-data.js';

export interface SeedTarget {
  cognitoEndpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  adminPoolId: string;
  tenantPoolId: string;
}

/** A user with a known, permanent password (so demo logins skip the first-sign-in challenge). */
async function ensurePermanentUser(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
  password: string,
  attributes: { Name: string; Value: string }[] = [],
): Promise<void> {
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, ...attributes],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: password, Permanent: true }),
  );
}

/**
 * Seeds the platform admin and the demo tenant through the same services the API uses.
 * Idempotent: a tenant already holding the demo slug means the seed has run.
 */
export async function seed(target: SeedTarget): Promise<'seeded' | 'already seeded'> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: target.cognitoEndpoint,
    region: target.region,
    credentials: target.credentials,
  });
  await ensurePermanentUser(
    cognito,
    target.adminPoolId,
    DEMO_LOGINS.platformAdmin.email,
    DEMO_LOGINS.platformAdmin.password,
  );

  const { db } = await import('../../functions/data/service.js');
  if ((await db.entities.tenantSlug.get({ slug: DEMO_TENANT.slug }).go()).data) return 'already seeded';

  // The table is empty but the user pool may remember demo users from an earlier .local/.
  for (const login of [DEMO_LOGINS.owner, DEMO_LOGINS.sales]) {
    await cognito
      .send(new AdminDeleteUserCommand({ UserPoolId: target.tenantPoolId, Username: login.email }))
      .catch((error: Error) => {
        if (error.name !== 'UserNotFoundException') throw error;
      });
  }

  const { defaultDeps } = await import('../../functions/shared/deps.js');
  const { cognitoIdentity } = await import('../../functions/users/identity.js');
  const { createTenant } = await import('../../functions/tenants/service.js');
  const { prepareInvitation } = await import('../../functions/users/service.js');
  const { createCompany } = await import('../../functions/companies/service.js');
  const { createContact } = await import('../../functions/contacts/service.js');
  const { logActivity } = await import('../../functions/activities/service.js');
  const { createDeal } = await import('../../functions/deals/service.js');
  const { createDealSchema } = await import('../../functions/deals/schema.js');
  const { createTask } = await import('../../functions/tasks/service.js');
  const { createTaskSchema } = await import('../../functions/tasks/schema.js');
  const { reminderScheduler } = await import('../../functions/shared/scheduler.js');
  const quotes = {
    ...(await import('../../functions/quotes/service.js')),
    ...(await import('../../functions/quotes/schema.js')),
  };
  const catalog = {
    ...(await import('../../functions/catalog/products.js')),
    ...(await import('../../functions/catalog/suppliers.js')),
    ...(await import('../../functions/catalog/rate-cards.js')),
    ...(await import('../../functions/catalog/pricing-rules.js')),
    ...(await import('../../functions/catalog/schema.js')),
  };
  // Demo users get known passwords below, so their invitation emails would only mislead.
  const deps = { ...defaultDeps, identity: cognitoIdentity, sendEmail: async () => undefined };

  const { owner, ...tenant } = await createTenant(
    { kind: 'admin', adminId: 'seed', email: DEMO_LOGINS.platformAdmin.email },
    { ...DEMO_TENANT, owner: { email: DEMO_LOGINS.owner.email, name: DEMO_LOGINS.owner.name } },
    deps,
  );
  const sales = await prepareInvitation(
    tenant,
    { email: DEMO_LOGINS.sales.email, name: DEMO_LOGINS.sales.name, role: 'sales' },
    { id: owner.userId, name: owner.name },
    deps,
  );
  await db.entities.user.create({ ...sales.user, status: 'active' }).go();
  await db.entities.user.patch({ tenantId: tenant.tenantId, userId: owner.userId }).set({ status: 'active' }).go();
  for (const login of [DEMO_LOGINS.owner, DEMO_LOGINS.sales]) {
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: target.tenantPoolId,
        Username: login.email,
        Password: login.password,
        Permanent: true,
      }),
    );
  }

  const ownerCtx = {
    kind: 'tenant' as const,
    tenantId: tenant.tenantId,
    userId: owner.userId,
    role: 'owner' as const,
    email: owner.email,
    name: owner.name,
  };
  const companyIds = new Map<string, string>();
  const contactIds = new Map<string, string>();
  for (const [index, { contacts, ...company }] of demoCompanies.entries()) {
    const created = await createCompany(
      ownerCtx,
      {
        ...company,
        tags: [...company.tags],
        knownFacts: [...company.knownFacts],
        addresses: company.addresses.map((a) => ({ ...a })),
        ownerId: index % 2 === 0 ? owner.userId : sales.user.userId,
      },
      deps,
    );
    companyIds.set(company.name, created.companyId);
    for (const activity of demoActivities[company.name] ?? []) {
      const { daysAgo, ...fields } = activity;
      await logActivity(
        ownerCtx,
        created.companyId,
        { ...fields, occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString() },
        deps,
      );
    }
    for (const contact of contacts) {
      const made = await createContact(
        ownerCtx,
        created.companyId,
        {
          firstName: contact.firstName,
          lastName: contact.lastName,
          jobTitle: contact.jobTitle,
          role: contact.role,
          emails: [{ address: contact.email, type: 'work', primary: true }],
          phones: 'phone' in contact ? [{ number: contact.phone, type: 'work', primary: true }] : [],
        },
        deps,
      );
      // A company's first contact is the one its demo quote is for.
      if (!contactIds.has(company.name)) contactIds.set(company.name, made.contactId);
    }
  }
  const day = 86_400_000;
  const dealIds = new Map<string, string>();
  for (const { company, amount, closeInDays, ...deal } of demoDeals) {
    const input = createDealSchema.parse({
      ...deal,
      companyId: companyIds.get(company),
      value: { amount, currency: 'GBP' },
      expectedCloseDate: new Date(Date.now() + closeInDays * day).toISOString().slice(0, 10),
    });
    dealIds.set(deal.name, (await createDeal(ownerCtx, input, deps)).dealId);
  }
  const taskDeps = { ...deps, scheduler: reminderScheduler(db) };
  for (const { company, dueInHours, ...task } of demoTasks) {
    const input = createTaskSchema.parse({
      ...task,
      companyId: companyIds.get(company),
      dueAt: new Date(Date.now() + dueInHours * 3_600_000).toISOString(),
    });
    await createTask(ownerCtx, input, taskDeps);
  }
  const gbp = (amount: number) => ({ amount, currency: 'GBP' });
  const productIds = new Map<string, string>();
  const supplier = await catalog.createSupplier(ownerCtx, catalog.createSupplierSchema.parse(demoSupplier), deps);
  for (const { cost, ...product } of demoProducts.map((p) => ({ cost: undefined, price: undefined, ...p }))) {
    const { price, ...fields } = product;
    const input = catalog.createProductSchema.parse({
      ...fields,
      ...(price !== undefined ? { unitPrice: gbp(price) } : {}),
      ...(cost !== undefined ? { costPrice: gbp(cost), supplierId: supplier.supplierId } : {}),
    });
    productIds.set(input.code, (await catalog.createProduct(ownerCtx, input, deps)).productId);
  }
  const { volume, bundle } = demoPricingRules;
  await catalog.createPricingRule(
    ownerCtx,
    {
      kind: 'volume',
      productId: productIds.get(volume.code)!,
      tiers: volume.tiers.map((t) => ({ minQuantity: t.minQuantity, unitPrice: gbp(t.price) })),
      active: true,
    },
    deps,
  );
  await catalog.createPricingRule(
    ownerCtx,
    {
      kind: 'bundle',
      name: bundle.name,
      productIds: bundle.codes.map((c) => productIds.get(c)!),
      discountBps: bundle.discountBps,
      active: true,
    },
    deps,
  );
  await catalog.createRateCard(
    ownerCtx,
    catalog.createRateCardSchema.parse({
      name: demoRateCard.name,
      roles: demoRateCard.roles.map((r) => ({ role: r.role, dayRate: gbp(r.day), hourRate: gbp(r.hour) })),
    }),
    deps,
  );
  const salesCtx = {
    ...ownerCtx,
    userId: sales.user.userId,
    role: 'sales' as const,
    email: sales.user.email,
    name: sales.user.name,
  };
  type DemoLine = {
    code?: string;
    description?: string;
    price?: number;
    quantity: number;
    discountBps?: number;
    section?: string;
    optional?: boolean;
  };
  const lineOf = (l: DemoLine) => ({
    ...(l.code
      ? { productId: productIds.get(l.code)!, description: demoProducts.find((p) => p.code === l.code)!.name }
      : { description: l.description!, unitPrice: gbp(l.price!), taxRateBps: 2_000 }),
    quantity: l.quantity,
    ...(l.discountBps !== undefined ? { discountBps: l.discountBps } : {}),
    ...(l.section ? { section: l.section } : {}),
    ...(l.optional ? { optional: true } : {}),
  });
  for (const q of demoQuotes as readonly (Omit<(typeof demoQuotes)[number], 'lines' | 'tiers'> & {
    lines?: readonly DemoLine[];
    tiers?: readonly { name: string; lines: readonly DemoLine[] }[];
  })[]) {
    const input = quotes.createQuoteSchema.parse({
      companyId: companyIds.get(q.company),
      dealId: dealIds.get(q.deal),
      contactId: contactIds.get(q.company),
      title: q.title,
      currency: 'GBP',
      validUntil: new Date(Date.now() + q.validInDays * day).toISOString().slice(0, 10),
      terms: 'Payment within 30 days of invoice. Prices exclude VAT unless shown.',
      ...(q.tiers
        ? { tiers: q.tiers.map((t) => ({ name: t.name, lines: t.lines.map(lineOf) })) }
        : { lines: q.lines!.map(lineOf) }),
    });
    const created = await quotes.createQuote(salesCtx, input, deps);
    if (q.submit) await quotes.submitQuote(salesCtx, created.quoteId, created.version, deps);
  }
  return 'seeded';
}
