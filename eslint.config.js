import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries. Sources are matched as written, relative and with or without the `.js` suffix
 * (functions/ writes it, web/src does not), so each pattern is a regex over the source string.
 */

/** What the SPA may take from functions/: contracts, request schemas and the shared pieces they use. */
const CONTRACT_MODULE = String.raw`(?:(?!data/|shared/)[^/]+/(?:contract|schema|[\w-]+-(?:contract|schema))|contracts|shared/(?:contract|enums|validation|errors|money))(?:\.js)?$`;
const CONTRACT_PACKAGE = String.raw`(?:zod|@asteasolutions/zod-to-openapi)(?:/|$)`;

/**
 * Pure domain modules the SPA runs as they are, beside the contracts: quotes/pricing.ts is the
 * pricing engine (no I/O, no clock; it imports only money, errors and pricing-schema), so the
 * builder's live totals are the server's arithmetic, never a copy of it.
 */
const PURE_MODULE = String.raw`quotes/pricing(?:\.js)?$`;

const webImportsOnlyContracts = {
  regex: String.raw`^(?:\.\./)+functions/(?!${CONTRACT_MODULE}|${PURE_MODULE})`,
  message:
    'web/src may import from functions/ only contract and schema files, shared/{contract,enums,validation,errors,money}.js and the pure quotes/pricing.js: anything else drags services, ElectroDB or the AWS SDK into the SPA bundle.',
};
const webImportsNoLib = {
  regex: String.raw`^(?:\.\./)+(?:lib|bin)/`,
  message: 'web/src must not import lib/ or bin/ (infrastructure and the local cloud).',
};
const functionsImportNoWeb = {
  regex: String.raw`^(?:\.\./)+web/`,
  message: 'functions/ must not import web/: the SPA depends on the contracts, never the other way round.',
};
const functionsImportNoManifest = {
  regex: String.raw`^(?:\.\./)+lib/manifest(?:\.js)?$`,
  message:
    'Functions read lib/manifest-runtime.js: lib/manifest.ts carries every route contract, which would then ship in every bundle.',
};
const dataImportsNoDomain = {
  regex: String.raw`^\.\./(?!shared/|data/)[^./][^/]*/`,
  message:
    'functions/data must not import a domain folder: domains depend on the data layer, not the reverse (shared enums belong in functions/shared/).',
};

/** A contract file may import only zod and other contract files, so the SPA bundle stays free of server code. */
const contractImports = (allowedRelative) => [
  {
    regex: String.raw`^(?!\.|${CONTRACT_PACKAGE})`,
    message: 'Contract and schema files may import only zod and @asteasolutions/zod-to-openapi: the SPA bundles them.',
  },
  {
    regex: String.raw`^(?=\.)(?!(?:${allowedRelative}))`,
    message:
      'Contract and schema files may import only other contract/schema files and shared/{contract,enums,validation,errors,money}.js: the SPA bundles them.',
  },
];

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ caseSensitive: true, ...p })) }],
});

/*
 * Import cycles, found by reading each file's relative imports (cached for the run). Type-only
 * imports count too: a cycle of types is still two modules that cannot be understood apart.
 */
const IMPORT_SOURCE = /(?:^|[\s;}])(?:import|export)\s(?:[^'"`;]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
const edgeCache = new Map();

function resolveSource(fromFile, source) {
  const base = resolve(dirname(fromFile), source.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file) {
  let edges = edgeCache.get(file);
  if (!edges) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    edges = [...text.matchAll(IMPORT_SOURCE)].map((m) => resolveSource(file, m[1])).filter(Boolean);
    edgeCache.set(file, edges);
  }
  return edges;
}

const noImportCycle = {
  meta: { type: 'problem', schema: [], messages: { cycle: 'Import cycle: {{path}}' } },
  create(context) {
    const self = context.filename;
    const cantReachSelf = new Set();
    const pathBack = (file, trail) => {
      if (file === self) return trail;
      if (cantReachSelf.has(file) || trail.includes(file)) return undefined;
      for (const next of importsOf(file)) {
        const found = pathBack(next, [...trail, file]);
        if (found) return found;
      }
      cantReachSelf.add(file);
      return undefined;
    };
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolveSource(self, source);
      const trail = target && pathBack(target, []);
      if (!trail) return;
      const path = [self, ...trail, self].map((f) => relative(context.cwd, f)).join(' → ');
      context.report({ node: node.source, messageId: 'cycle', data: { path } });
    };
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'web/dist', '.local', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { quoteflow: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'quoteflow/no-import-cycle': 'error' },
  },
  {
    files: ['functions/**/*.ts'],
    rules: { 'no-console': 'error', ...restrict(functionsImportNoWeb, functionsImportNoManifest) },
  },
  {
    files: ['functions/data/**/*.ts'],
    rules: restrict(functionsImportNoWeb, functionsImportNoManifest, dataImportsNoDomain),
  },
  {
    files: ['functions/*/contract.ts', 'functions/*/schema.ts', 'functions/*/*-contract.ts', 'functions/*/*-schema.ts'],
    ignores: ['functions/shared/**', 'functions/data/**'],
    rules: restrict(
      ...contractImports(String.raw`\./(?:[\w-]+-)?(?:contract|schema)(?:\.js)?$|\.\./${CONTRACT_MODULE}`),
    ),
  },
  {
    files: ['functions/shared/{contract,enums,validation,errors,money}.ts'],
    rules: restrict(...contractImports(String.raw`\./(?:contract|enums|validation|errors|money)(?:\.js)?$`)),
  },
  {
    files: ['functions/contracts.ts'],
    rules: restrict(...contractImports(String.raw`\./${CONTRACT_MODULE}`)),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: restrict(webImportsOnlyContracts, webImportsNoLib),
  },
);
