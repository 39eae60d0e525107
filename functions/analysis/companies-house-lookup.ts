import type { CompaniesHouseLookup } from './facts.js';

/** Placeholder until the Companies House client lands: no public record. */
export const companiesHouseLookup: CompaniesHouseLookup = async () => undefined;
