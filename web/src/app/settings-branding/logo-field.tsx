import { useEffect, useId, useRef, useState } from 'react';
import { settingsApi, type BrandingView } from '../../../../functions/settings/contract';
import { LOGO_TYPES, MAX_LOGO_BYTES } from '../../../../functions/settings/schema';
import { errorMessage } from '../../shared/api';
import { useApiMutation } from '../../shared/query';
import { Button } from '../../shared/ui';

/** What saving does with the logo: keep the saved one, remove it, or adopt a new upload. */
export type LogoChange =
  { kind: 'keep' } | { kind: 'remove' } | { kind: 'new'; uploadKey: string; previewUrl: string; fileName: string };

/** The logo the form shows now: the picked file's preview, the saved logo, or none. */
export const logoUrlOf = (saved: BrandingView['logo'], change: LogoChange): string | null =>
  change.kind === 'new' ? change.previewUrl : change.kind === 'remove' ? null : (saved?.url ?? null);

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/**
 * Picks a PNG or JPEG, checks it here as the API will (type, 512 KB), and uploads it straight to
 * its presigned URL; the branding's Save then adopts it. `error` is the API's word on the logo.
 */
export function LogoField({
  saved,
  change,
  onChange,
  error,
  disabled,
}: {
  saved: BrandingView['logo'];
  change: LogoChange;
  onChange: (change: LogoChange) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const createUpload = useApiMutation(settingsApi.createLogoUpload, (contentType: 'image/png' | 'image/jpeg') => ({
    body: { contentType },
  }));
  const previewUrl = change.kind === 'new' ? change.previewUrl : null;
  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const pick = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    const type = (LOGO_TYPES as readonly string[]).includes(file.type)
      ? (file.type as 'image/png' | 'image/jpeg')
      : null;
    if (!type) return setProblem(`${file.name} is not a PNG or JPEG image`);
    if (file.size > MAX_LOGO_BYTES) {
      return setProblem(`${file.name} is ${kb(file.size)}; a logo can be at most ${kb(MAX_LOGO_BYTES)}`);
    }
    setUploading(true);
    try {
      const upload = await createUpload.mutateAsync(type);
      const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: file });
      if (!put.ok) throw new Error(`The upload failed (${put.status}); try again`);
      onChange({
        kind: 'new',
        uploadKey: upload.uploadKey,
        previewUrl: URL.createObjectURL(file),
        fileName: file.name,
      });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const shown = logoUrlOf(saved, change);
  const message = problem ?? error;
  const status =
    change.kind === 'new'
      ? `${change.fileName}: uploaded, saved with the branding`
      : change.kind === 'remove'
        ? 'Removed when you save'
        : saved
          ? `${saved.contentType === 'image/png' ? 'PNG' : 'JPEG'}, ${kb(saved.bytes)}`
          : 'No logo: your workspace name is printed instead';
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <div className="field-label">
        <label htmlFor={id}>Logo</label>
        <span className="field-optional">optional</span>
      </div>
      <div className="logo-field">
        <div className="logo-field-swatch" aria-hidden="true">
          {shown ? <img src={shown} alt="" /> : <span>No logo</span>}
        </div>
        <div className="stack logo-field-actions">
          <input
            ref={input}
            id={id}
            className="sr-only"
            type="file"
            accept={LOGO_TYPES.join(',')}
            disabled={disabled || uploading}
            aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <div className="row">
            <Button onClick={() => input.current?.click()} busy={uploading} disabled={disabled}>
              {shown ? 'Replace logo' : 'Upload logo'}
            </Button>
            {(shown || change.kind === 'remove') && (
              <Button
                variant="ghost"
                disabled={disabled || uploading}
                onClick={() =>
                  onChange(change.kind === 'remove' ? { kind: 'keep' } : saved ? { kind: 'remove' } : { kind: 'keep' })
                }
              >
                {change.kind === 'remove' ? 'Keep logo' : 'Remove'}
              </Button>
            )}
          </div>
          <p id={`${id}-hint`} className="field-hint">
            {status}. PNG or JPEG, at most 512 KB.
          </p>
        </div>
      </div>
      {message && (
        <p id={`${id}-error`} className="field-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
    </div>
  );
}
