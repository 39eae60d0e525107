import type { Tenant } from '../data/tenant.js';
import type { DocumentBranding } from '../quote-pdf/document.js';
import type { TenantContext } from '../shared/auth-context.js';
import type { Deps } from '../shared/deps.js';
import { documentStore, type DocumentStore } from '../shared/documents.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { staleVersion } from '../shared/records.js';
import type { BrandingView, LogoUploadView } from './contract.js';
import { readLogoImage } from './logo-image.js';
import { DEFAULT_ACCENT_COLOUR, MAX_LOGO_BYTES, type BrandingPut, type LogoType } from './schema.js';
import { callerTenant, patchCallerTenant } from './tenant-record.js';

/** How long a logo preview link works. */
const PREVIEW_SECONDS = 10 * 60;

export interface BrandingDeps extends Deps {
  /** The tenant's `branding/{tenantId}/` documents (tests pass one with a pinned clock). */
  brandingStore?: (tenantId: string) => DocumentStore;
}

const storeOf = (tenantId: string, deps: BrandingDeps) =>
  (deps.brandingStore ?? ((id: string) => documentStore({ area: 'branding', tenantId: id })))(tenantId);

/** Where a presigned upload lands; only adopted (copied to a logo key) once checked. */
const uploadKey = (store: DocumentStore, uploadId: string) => `${store.prefix}uploads/${uploadId}`;
/** An adopted logo: a key no upload link points at, so a reused link cannot swap a checked logo. */
const logoKey = (store: DocumentStore, uploadId: string) => `${store.prefix}logo/${uploadId}`;

async function view(tenant: Tenant, deps: BrandingDeps): Promise<BrandingView> {
  const branding = tenant.branding;
  const logo =
    branding?.logoKey && branding.logoType
      ? {
          url: await storeOf(tenant.tenantId, deps).presignGet(branding.logoKey, { expiresInSeconds: PREVIEW_SECONDS }),
          contentType: branding.logoType as LogoType,
          bytes: branding.logoBytes ?? 0,
        }
      : null;
  return {
    configured: branding !== undefined,
    name: tenant.name,
    accentColour: branding?.accentColour ?? DEFAULT_ACCENT_COLOUR,
    addressLines: branding?.addressLines ?? [],
    footerTerms: branding?.footerTerms ?? '',
    logo,
    updatedAt: tenant.updatedAt,
    version: tenant.version,
  };
}

/** The workspace's branding (the defaults until saved), with a short-lived link to its logo. */
export async function getBranding(ctx: TenantContext, deps: BrandingDeps): Promise<BrandingView> {
  return view(await callerTenant(ctx, deps), deps);
}

/**
 * A presigned PUT for a logo of the given type. Nothing is checked yet: a PUT to S3 cannot be
 * limited in size, so the bytes are checked when the branding is saved with this upload's key.
 */
export async function createLogoUpload(
  ctx: TenantContext,
  contentType: LogoType,
  deps: BrandingDeps,
): Promise<LogoUploadView> {
  const store = storeOf(ctx.tenantId, deps);
  const uploadId = deps.newId();
  return {
    uploadKey: uploadId,
    url: await store.presignPut(uploadKey(store, uploadId), contentType),
    method: 'PUT',
    headers: { 'content-type': contentType },
    maxBytes: MAX_LOGO_BYTES,
  };
}

/** Checks an uploaded logo (there, at most 512 KB, a PNG or JPEG as its bytes and its type say) and copies it to its logo key. */
async function adoptLogo(
  store: DocumentStore,
  uploadId: string,
): Promise<{ key: string; type: LogoType; bytes: number }> {
  const refuse = (message: string) => new ValidationError(message, [{ path: 'logo.uploadKey', message }]);
  const size = await store.size(uploadKey(store, uploadId));
  if (size === undefined) throw refuse('Nothing was uploaded under this key');
  if (size > MAX_LOGO_BYTES) {
    throw refuse(`The logo is ${Math.ceil(size / 1024)} KB; at most ${MAX_LOGO_BYTES / 1024} KB`);
  }
  const upload = await store.get(uploadKey(store, uploadId));
  const image = readLogoImage(upload.body);
  if (!image) throw refuse('Not a PNG or JPEG image (or one larger than 4000 pixels a side)');
  if (upload.contentType !== image.type) {
    throw refuse(`Uploaded as ${upload.contentType}, but the file is a ${image.type === 'image/png' ? 'PNG' : 'JPEG'}`);
  }
  const key = logoKey(store, uploadId);
  await store.put(key, upload.body, image.type);
  return { key, type: image.type, bytes: upload.body.length };
}

/**
 * Replaces the workspace's branding on its version (409 when stale). A new logo is checked and
 * adopted first; `logo: null` removes it; no `logo` keeps the current one.
 */
export async function updateBranding(
  ctx: TenantContext,
  input: BrandingPut,
  expectedVersion: number,
  deps: BrandingDeps,
): Promise<BrandingView> {
  const before = await callerTenant(ctx, deps);
  // Before any S3 write: a stale save must not leave a copied logo behind.
  if (before.version !== expectedVersion) throw staleVersion(before.version);
  const current = before.branding;
  let logo =
    current?.logoKey && current.logoType
      ? { key: current.logoKey, type: current.logoType as LogoType, bytes: current.logoBytes ?? 0 }
      : undefined;
  if (input.logo === null) logo = undefined;
  else if (input.logo) logo = await adoptLogo(storeOf(ctx.tenantId, deps), input.logo.uploadKey);
  const branding: NonNullable<Tenant['branding']> = {
    accentColour: input.accentColour,
    addressLines: input.addressLines,
    footerTerms: input.footerTerms ?? '',
    ...(logo ? { logoKey: logo.key, logoType: logo.type, logoBytes: logo.bytes } : {}),
  };
  return view(await patchCallerTenant(ctx, { branding }, expectedVersion, deps), deps);
}

/** The branding a quote PDF is drawn with: the workspace's name, colours, address, terms and logo bytes. */
export async function brandingForDocument(tenantId: string, deps: BrandingDeps): Promise<DocumentBranding> {
  const { data: tenant } = await deps.db.entities.tenant.get({ tenantId }).go();
  if (!tenant) throw new NotFoundError('Workspace');
  const branding = tenant.branding;
  const logo = branding?.logoKey ? (await storeOf(tenantId, deps).get(branding.logoKey)).body : undefined;
  return {
    name: tenant.name,
    accentColour: branding?.accentColour ?? DEFAULT_ACCENT_COLOUR,
    addressLines: branding?.addressLines ?? [],
    footerTerms: branding?.footerTerms ?? '',
    ...(logo ? { logo } : {}),
  };
}
