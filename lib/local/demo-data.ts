/** The demo tenant's book of business: realistic small-B2B prospects of an IT services firm. */
export const demoCompanies = [
  {
    name: 'Acme Dental Group',
    domain: 'acmedental.co.uk',
    stage: 'customer',
    industry: 'Healthcare',
    tags: ['managed-it', 'multi-site'],
    knownFacts: ['6 practices across Leeds and York', 'Renewed managed IT contract in March'],
    addresses: [{ type: 'head office', line1: '12 Park Row', city: 'Leeds', postcode: 'LS1 5HD', country: 'GB' }],
    contacts: [
      {
        firstName: 'Priya',
        lastName: 'Shah',
        jobTitle: 'Practice Group Director',
        role: 'decision_maker',
        email: 'priya.shah@acmedental.co.uk',
        phone: '+44 113 496 0123',
      },
      {
        firstName: 'Tom',
        lastName: 'Hollis',
        jobTitle: 'Operations Manager',
        role: 'influencer',
        email: 'tom.hollis@acmedental.co.uk',
      },
    ],
  },
  {
    name: 'Brightwater Logistics',
    domain: 'brightwater-logistics.com',
    stage: 'opportunity',
    industry: 'Logistics',
    tags: ['warehouse-wifi'],
    knownFacts: ['Opening a second warehouse in Q1', 'Current Wi-Fi drops on the loading bays'],
    addresses: [
      { type: 'depot', line1: 'Unit 4, Kingsway Trade Park', city: 'Doncaster', postcode: 'DN4 5PL', country: 'GB' },
    ],
    contacts: [
      {
        firstName: 'Gareth',
        lastName: 'Owen',
        jobTitle: 'Head of Operations',
        role: 'decision_maker',
        email: 'g.owen@brightwater-logistics.com',
        phone: '+44 1302 555 014',
      },
      {
        firstName: 'Lena',
        lastName: 'Kowalski',
        jobTitle: 'IT Coordinator',
        role: 'technical',
        email: 'l.kowalski@brightwater-logistics.com',
      },
    ],
  },
  {
    name: 'Carrow & Finch Solicitors',
    domain: 'carrowfinch.law',
    stage: 'prospect',
    industry: 'Legal',
    tags: ['cyber-essentials'],
    knownFacts: ['Needs Cyber Essentials Plus for insurer by June'],
    addresses: [{ type: 'office', line1: '3 Cathedral Close', city: 'Norwich', postcode: 'NR1 4DH', country: 'GB' }],
    contacts: [
      {
        firstName: 'Helen',
        lastName: 'Carrow',
        jobTitle: 'Managing Partner',
        role: 'decision_maker',
        email: 'helen@carrowfinch.law',
      },
    ],
  },
  {
    name: 'Dunmore Engineering',
    domain: 'dunmore-eng.co.uk',
    stage: 'lead',
    leadScore: 84,
    industry: 'Manufacturing',
    tags: ['cad-workstations'],
    knownFacts: ['40 staff, CAD-heavy design office'],
    addresses: [],
    contacts: [
      {
        firstName: 'Rob',
        lastName: 'Dunmore',
        jobTitle: 'Director',
        role: 'decision_maker',
        email: 'rob@dunmore-eng.co.uk',
        phone: '+44 1204 555 880',
      },
    ],
  },
  {
    name: 'Elmfield Academy Trust',
    domain: 'elmfield.sch.uk',
    stage: 'customer',
    industry: 'Education',
    tags: ['chromebooks', 'multi-site'],
    knownFacts: ['Four primary schools', 'Chromebook refresh every 3 years'],
    addresses: [
      { type: 'trust office', line1: 'Elmfield Road', city: 'Sheffield', postcode: 'S10 3QB', country: 'GB' },
    ],
    contacts: [
      {
        firstName: 'Aisha',
        lastName: 'Rahman',
        jobTitle: 'Trust Business Manager',
        role: 'decision_maker',
        email: 'a.rahman@elmfield.sch.uk',
      },
      {
        firstName: 'Dan',
        lastName: 'Price',
        jobTitle: 'Network Manager',
        role: 'technical',
        email: 'd.price@elmfield.sch.uk',
      },
      {
        firstName: 'Megan',
        lastName: 'Lloyd',
        jobTitle: 'Head Teacher',
        role: 'user',
        email: 'm.lloyd@elmfield.sch.uk',
      },
    ],
  },
  {
    name: 'Fenwick Property Management',
    domain: 'fenwickproperty.co.uk',
    stage: 'lead',
    leadScore: 71,
    industry: 'Real estate',
    tags: [],
    knownFacts: [],
    addresses: [],
    contacts: [
      {
        firstName: 'Marcus',
        lastName: 'Fenwick',
        jobTitle: 'Owner',
        role: 'decision_maker',
        email: 'marcus@fenwickproperty.co.uk',
      },
    ],
  },
  {
    name: 'Greystone Accountants',
    domain: 'greystone-accounts.co.uk',
    stage: 'prospect',
    industry: 'Accounting',
    tags: ['microsoft-365'],
    knownFacts: ['Migrating from on-premise Exchange'],
    addresses: [{ type: 'office', line1: '88 High Street', city: 'Harrogate', postcode: 'HG1 1HN', country: 'GB' }],
    contacts: [
      {
        firstName: 'Claire',
        lastName: 'Stone',
        jobTitle: 'Senior Partner',
        role: 'decision_maker',
        email: 'claire.stone@greystone-accounts.co.uk',
      },
      {
        firstName: 'Imran',
        lastName: 'Qureshi',
        jobTitle: 'Practice Manager',
        role: 'influencer',
        email: 'imran@greystone-accounts.co.uk',
        phone: '+44 1423 555 210',
      },
    ],
  },
  {
    name: 'Harbour View Hotels',
    domain: 'harbourviewhotels.com',
    stage: 'opportunity',
    industry: 'Hospitality',
    tags: ['guest-wifi', 'epos'],
    knownFacts: ['Three coastal hotels', 'Guest Wi-Fi complaints in reviews'],
    addresses: [{ type: 'head office', line1: 'The Quay', city: 'Whitby', postcode: 'YO21 3PJ', country: 'GB' }],
    contacts: [
      {
        firstName: 'Sofia',
        lastName: 'Marchetti',
        jobTitle: 'General Manager',
        role: 'decision_maker',
        email: 'sofia@harbourviewhotels.com',
      },
    ],
  },
  {
    name: 'Ironbridge Architects',
    domain: 'ironbridge-architects.co.uk',
    stage: 'discovery',
    industry: 'Architecture',
    tags: [],
    knownFacts: [],
    addresses: [],
    contacts: [
      {
        firstName: 'James',
        lastName: 'Telford',
        jobTitle: 'Principal',
        role: 'decision_maker',
        email: 'james@ironbridge-architects.co.uk',
      },
    ],
  },
  {
    name: 'Juniper Veterinary Clinics',
    domain: 'junipervets.co.uk',
    stage: 'lead',
    leadScore: 78,
    industry: 'Veterinary',
    tags: ['multi-site'],
    knownFacts: ['Acquired two clinics this year'],
    addresses: [],
    contacts: [
      {
        firstName: 'Nadia',
        lastName: 'Okafor',
        jobTitle: 'Clinical Director',
        role: 'decision_maker',
        email: 'nadia@junipervets.co.uk',
      },
    ],
  },
  {
    name: 'Kestrel Recruitment',
    domain: 'kestrelrecruitment.co.uk',
    stage: 'lost',
    industry: 'Recruitment',
    tags: [],
    knownFacts: ['Chose a cheaper break-fix provider'],
    addresses: [],
    contacts: [
      {
        firstName: 'Oliver',
        lastName: 'Grant',
        jobTitle: 'Finance Director',
        role: 'decision_maker',
        email: 'oliver.grant@kestrelrecruitment.co.uk',
      },
    ],
  },
  {
    name: 'Larkspur Care Homes',
    domain: 'larkspurcare.org.uk',
    stage: 'discovery',
    industry: 'Social care',
    tags: ['dspt'],
    knownFacts: ['Must meet the Data Security and Protection Toolkit'],
    addresses: [],
    contacts: [
      {
        firstName: 'Ruth',
        lastName: 'Ellison',
        jobTitle: 'Registered Manager',
        role: 'decision_maker',
        email: 'ruth.ellison@larkspurcare.org.uk',
      },
    ],
  },
] as const;

export const DEMO_TENANT = { name: 'Northwind IT', slug: 'northwind', plan: 'pro' } as const;
export const DEMO_LOGINS = {
  owner: { email: 'owner@northwind.example', password: 'Northwind-Owner-1', name: 'Olivia Northwind' },
  sales: { email: 'sales@northwind.example', password: 'Northwind-Sales-1', name: 'Sam Seller' },
  platformAdmin: { email: 'admin@quoteflow.example', password: 'Quoteflow-Admin-1', name: 'Platform Admin' },
} as const;

/** Recent activity with some of the demo companies, by company name; days are counted back from seeding. */
export const demoActivities: Record<
  string,
  { type: 'call' | 'email' | 'meeting' | 'note'; subject: string; body?: string; daysAgo: number }[]
> = {
  'Acme Dental Group': [
    {
      type: 'meeting',
      subject: 'Quarterly service review',
      body: 'Happy with response times; asked about backup for the new York practice.',
      daysAgo: 6,
    },
    { type: 'call', subject: 'Renewal confirmed', daysAgo: 40 },
  ],
  'Brightwater Logistics': [
    {
      type: 'meeting',
      subject: 'Warehouse Wi-Fi survey',
      body: 'Loading bays need 4 outdoor APs; second warehouse opens in January.',
      daysAgo: 3,
    },
    { type: 'email', subject: 'Sent survey findings', daysAgo: 2 },
  ],
  'Carrow & Finch Solicitors': [
    {
      type: 'call',
      subject: 'Cyber Essentials Plus scoping',
      body: 'Insurer deadline is June; 22 endpoints.',
      daysAgo: 12,
    },
  ],
  'Harbour View Hotels': [
    {
      type: 'call',
      subject: 'Guest Wi-Fi complaints',
      body: 'GM wants a proposal before the summer season.',
      daysAgo: 9,
    },
  ],
  'Kestrel Recruitment': [
    { type: 'note', subject: 'Lost on price', body: 'Chose a break-fix provider; revisit in 12 months.', daysAgo: 75 },
  ],
};

/** The demo pipeline: open deals across the stages, one won and one lost this month (values in pence). */
export const demoDeals = [
  {
    company: 'Brightwater Logistics',
    name: 'Fleet tracking rollout',
    amount: 4_800_000,
    stageId: 'negotiation',
    closeInDays: 12,
  },
  {
    company: 'Harbour View Hotels',
    name: 'Guest Wi-Fi refresh',
    amount: 2_250_000,
    stageId: 'proposal',
    closeInDays: 30,
  },
  { company: 'Greystone Accountants', name: 'Managed backup', amount: 960_000, stageId: 'qualified', closeInDays: 45 },
  {
    company: 'Carrow & Finch Solicitors',
    name: 'Document security review',
    amount: 1_500_000,
    stageId: 'proposal',
    closeInDays: 20,
  },
  { company: 'Acme Dental Group', name: 'Seventh practice fit-out', amount: 3_100_000, stageId: 'won', closeInDays: 0 },
  {
    company: 'Kestrel Recruitment',
    name: 'Helpdesk contract',
    amount: 1_200_000,
    stageId: 'lost',
    closeInDays: 0,
    lostReason: 'Chose a cheaper local provider',
  },
] as const;

/** Follow-ups for the demo owner: one overdue, two today, one next week. */
export const demoTasks = [
  { company: 'Brightwater Logistics', title: 'Send revised fleet tracking pricing', dueInHours: -20, priority: 'high' },
  { company: 'Harbour View Hotels', title: 'Call Marcus about the Wi-Fi survey', dueInHours: 2, priority: 'normal' },
  {
    company: 'Dunmore Engineering',
    title: 'Intro email to the operations director',
    dueInHours: 4,
    priority: 'normal',
  },
  { company: 'Greystone Accountants', title: 'Book a backup demo', dueInHours: 24 * 6, priority: 'low' },
] as const;

/** The demo catalog's supplier: hardware and licences bought in at cost, sold at cost plus 18 %. */
export const demoSupplier = {
  name: 'Ingram Micro UK',
  email: 'orders@ingram-micro.example',
  markupBps: 1_800,
} as const;

/**
 * What Northwind IT sells (prices in pence, ex VAT). Products with a `cost` and no `price` are
 * bought from the supplier and priced at its markup.
 */
export const demoProducts = [
  { code: 'NW-M365-BP', name: 'Microsoft 365 Business Premium', category: 'Licences', unit: 'month', cost: 1_680 },
  { code: 'NW-M365-BS', name: 'Microsoft 365 Business Standard', category: 'Licences', unit: 'month', cost: 1_040 },
  { code: 'NW-LAP-14', name: 'Dell Latitude 14 laptop', category: 'Hardware', unit: 'each', cost: 98_500 },
  { code: 'NW-FW-60F', name: 'Fortinet FortiGate 60F firewall', category: 'Hardware', unit: 'each', cost: 61_000 },
  { code: 'NW-AP-U7', name: 'Ubiquiti U7 Pro access point', category: 'Hardware', unit: 'each', cost: 17_900 },
  {
    code: 'NW-MS-USER',
    name: 'Managed support, per user',
    category: 'Managed services',
    unit: 'month',
    price: 3_500,
    description: 'Helpdesk 8–6 weekdays, patching, monitoring and antivirus for one user',
  },
  {
    code: 'NW-BKP-TB',
    name: 'Cloud backup, per TB',
    category: 'Managed services',
    unit: 'month',
    price: 4_500,
  },
  {
    code: 'NW-SEC-AUD',
    name: 'Cyber Essentials readiness audit',
    category: 'Projects',
    unit: 'each',
    price: 120_000,
    description: 'Gap analysis against Cyber Essentials, a written report and a remediation plan',
  },
  { code: 'NW-WIFI-SRV', name: 'Wi-Fi site survey', category: 'Projects', unit: 'day', price: 85_000 },
  { code: 'NW-ENG-DAY', name: 'Engineer on site', category: 'Professional services', unit: 'day', price: 65_000 },
  { code: 'NW-ENG-HR', name: 'Remote engineer', category: 'Professional services', unit: 'hour', price: 9_500 },
  { code: 'NW-ONB', name: 'New starter set-up', category: 'Professional services', unit: 'each', price: 15_000 },
  {
    code: 'NW-XP-OLD',
    name: 'Windows 7 migration (retired)',
    category: 'Projects',
    unit: 'each',
    price: 40_000,
    active: false,
  },
] as const;

/** The demo day-rate card (pence). */
export const demoRateCard = {
  name: 'Standard rates 2026',
  roles: [
    { role: 'Service desk analyst', day: 42_000, hour: 6_000 },
    { role: 'Field engineer', day: 65_000, hour: 9_500 },
    { role: 'Network engineer', day: 85_000, hour: 12_000 },
    { role: 'Solutions architect', day: 120_000, hour: 16_500 },
    { role: 'Project manager', day: 75_000, hour: 10_500 },
  ],
} as const;

/** Demo pricing rules, by product code: laptops cheaper by the ten, and a secure-network bundle. */
export const demoPricingRules = {
  volume: {
    code: 'NW-LAP-14',
    tiers: [
      { minQuantity: 10, price: 112_000 },
      { minQuantity: 25, price: 108_500 },
    ],
  },
  bundle: { name: 'Secure office network', codes: ['NW-FW-60F', 'NW-AP-U7', 'NW-WIFI-SRV'], discountBps: 1_000 },
} as const;

/**
 * Demo quotes, built through the quote service after the catalog (lines by product code, or free
 * text with a price in pence). `submit`: submitted by Sam Seller; the approval rules (a discount
 * over 15 %, a total over £10,000) decide whether it waits for an owner or is approved at once.
 */
export const demoQuotes = [
  {
    company: 'Harbour View Hotels',
    deal: 'Guest Wi-Fi refresh',
    title: 'Guest Wi-Fi: three options',
    validInDays: 30,
    submit: false,
    tiers: [
      {
        name: 'Good',
        lines: [
          { code: 'NW-AP-U7', quantity: 12, section: 'Hardware' },
          { code: 'NW-ENG-DAY', quantity: 2, section: 'Installation' },
        ],
      },
      {
        name: 'Better',
        lines: [
          { code: 'NW-AP-U7', quantity: 18, section: 'Hardware' },
          { code: 'NW-FW-60F', quantity: 1, section: 'Hardware' },
          { code: 'NW-WIFI-SRV', quantity: 1, section: 'Installation' },
          { code: 'NW-ENG-DAY', quantity: 3, section: 'Installation' },
        ],
      },
      {
        name: 'Best',
        lines: [
          { code: 'NW-AP-U7', quantity: 24, section: 'Hardware' },
          { code: 'NW-FW-60F', quantity: 2, section: 'Hardware' },
          { code: 'NW-WIFI-SRV', quantity: 1, section: 'Installation' },
          { code: 'NW-ENG-DAY', quantity: 4, section: 'Installation' },
          { description: 'Out-of-hours cut-over', price: 45_000, quantity: 1, section: 'Installation', optional: true },
        ],
      },
    ],
  },
  {
    company: 'Brightwater Logistics',
    deal: 'Fleet tracking rollout',
    title: 'Managed support, 40 users',
    validInDays: 21,
    submit: true,
    lines: [
      { code: 'NW-MS-USER', quantity: 40, discountBps: 2_000, section: 'Monthly' },
      { code: 'NW-M365-BP', quantity: 40, section: 'Monthly' },
      { code: 'NW-ONB', quantity: 40, discountBps: 5_000, section: 'One-off' },
    ],
  },
  {
    company: 'Carrow & Finch Solicitors',
    deal: 'Document security review',
    title: 'Cyber Essentials readiness',
    validInDays: 14,
    submit: true,
    lines: [
      { code: 'NW-SEC-AUD', quantity: 1 },
      { code: 'NW-ENG-HR', quantity: 6.5 },
    ],
  },
] as const;
