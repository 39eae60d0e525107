import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { catalogApi } from './contract.js';
import { importProducts } from './import.js';
import * as rules from './pricing-rules.js';
import * as products from './products.js';
import * as rateCards from './rate-cards.js';
import * as suppliers from './suppliers.js';

export const handler = createApi(catalogApi, {
  listProducts: ({ ctx, query }) => products.listProducts(ctx, query, defaultDeps),
  createProduct: ({ ctx, body }) => products.createProduct(ctx, body, defaultDeps),
  getProduct: ({ ctx, params }) => products.readProduct(ctx, params.productId, defaultDeps),
  updateProduct: ({ ctx, params, body, version }) =>
    products.updateProduct(ctx, params.productId, body, version, defaultDeps),
  importProducts: ({ ctx, body }) => importProducts(ctx, body, defaultDeps),
  listSuppliers: ({ ctx, query }) => suppliers.listSuppliers(ctx, query, defaultDeps),
  createSupplier: ({ ctx, body }) => suppliers.createSupplier(ctx, body, defaultDeps),
  getSupplier: ({ ctx, params }) => suppliers.readSupplier(ctx, params.supplierId, defaultDeps),
  updateSupplier: ({ ctx, params, body, version }) =>
    suppliers.updateSupplier(ctx, params.supplierId, body, version, defaultDeps),
  listRateCards: ({ ctx, query }) => rateCards.listRateCards(ctx, query, defaultDeps),
  createRateCard: ({ ctx, body }) => rateCards.createRateCard(ctx, body, defaultDeps),
  getRateCard: ({ ctx, params }) => rateCards.readRateCard(ctx, params.rateCardId, defaultDeps),
  updateRateCard: ({ ctx, params, body, version }) =>
    rateCards.updateRateCard(ctx, params.rateCardId, body, version, defaultDeps),
  listPricingRules: ({ ctx, query }) => rules.listPricingRules(ctx, query, defaultDeps),
  createPricingRule: ({ ctx, body }) => rules.createPricingRule(ctx, body, defaultDeps),
  getPricingRule: ({ ctx, params }) => rules.readPricingRule(ctx, params.ruleId, defaultDeps),
  updatePricingRule: ({ ctx, params, body, version }) =>
    rules.updatePricingRule(ctx, params.ruleId, body, version, defaultDeps),
  removePricingRule: ({ ctx, params }) => rules.deletePricingRule(ctx, params.ruleId, defaultDeps),
});
