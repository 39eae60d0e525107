import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type * as z from 'zod';
import { settingsApi, type BrandingView } from '../../../../functions/settings/contract';
import { brandingPutSchema, contrastOnWhite } from '../../../../functions/settings/schema';
import { ApiError } from '../../shared/api';
import { fieldByPrefix, useContractForm } from '../../shared/form';
import { queryKeyOf, useApiMutation } from '../../shared/query';
import { Alert, Button, TextAreaField, TextField, useToast } from '../../shared/ui';
import type { PreviewValues } from './branding-preview';
import { LogoField, logoUrlOf, type LogoChange } from './logo-field';

interface FormValues {
  accentColour: string;
  /** One address line per line of text. */
  addressText: string;
  footerTerms: string;
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const HEX = /^#[0-9A-Fa-f]{6}$/;

/** The branding form: colour (picker and hex), logo upload, address and footer terms; `onPreview` gets every change. */
export function BrandingForm({
  settings,
  onPreview,
}: {
  settings: BrandingView;
  onPreview: (values: PreviewValues) => void;
}) {
  const toast = useToast();
  const client = useQueryClient();
  const [logo, setLogo] = useState<LogoChange>({ kind: 'keep' });
  const [logoError, setLogoError] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const logoRef = useRef(logo);
  logoRef.current = logo;

  const save = useApiMutation(settingsApi.putBranding, (body: z.input<typeof brandingPutSchema>) => ({
    body,
    version: settings.version,
  }));
  const toBody = (v: FormValues): z.input<typeof brandingPutSchema> => {
    const change = logoRef.current;
    return {
      accentColour: v.accentColour.trim(),
      addressLines: linesOf(v.addressText),
      footerTerms: v.footerTerms,
      ...(change.kind === 'new'
        ? { logo: { uploadKey: change.uploadKey } }
        : change.kind === 'remove'
          ? { logo: null }
          : {}),
    };
  };
  const fieldOf = fieldByPrefix<FormValues>(['accentColour', 'footerTerms']);
  const { form, general, setGeneral, showApiError } = useContractForm({
    schema: brandingPutSchema,
    defaultValues: {
      accentColour: settings.accentColour,
      addressText: settings.addressLines.join('\n'),
      footerTerms: settings.footerTerms,
    },
    toBody,
    fieldFor: (path) => (path.startsWith('addressLines') ? 'addressText' : fieldOf(path)),
  });

  const values = form.watch();
  const preview = (next: Partial<FormValues> = {}, change: LogoChange = logo) => {
    const v = { ...values, ...next };
    onPreview({
      name: settings.name,
      accentColour: v.accentColour,
      addressLines: linesOf(v.addressText),
      footerTerms: v.footerTerms.trim(),
      logoUrl: logoUrlOf(settings.logo, change),
    });
  };
  const colour = values.accentColour;
  const contrast = HEX.test(colour) ? contrastOnWhite(colour) : undefined;

  const submit = form.handleSubmit(async (v) => {
    setGeneral(null);
    setConflict(false);
    setLogoError(undefined);
    try {
      const saved = await save.mutateAsync(toBody(v));
      client.setQueryData(queryKeyOf(settingsApi.getBranding, {}), saved);
      toast('Branding saved: new PDFs use it');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        await client.invalidateQueries({ queryKey: queryKeyOf(settingsApi.getBranding, {}) });
        setConflict(true);
        return;
      }
      const onLogo = error instanceof ApiError ? error.fieldErrors.find((e) => e.path.startsWith('logo')) : undefined;
      if (onLogo) return setLogoError(onLogo.message);
      await showApiError(error);
    }
  });

  const register = (name: keyof FormValues) => {
    const field = form.register(name);
    return {
      ...field,
      onChange: (e: { target: { value: string } }) => (void field.onChange(e), preview({ [name]: e.target.value })),
    };
  };
  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Branding">
      {conflict && (
        <Alert tone="warning">
          Someone else changed the workspace settings meanwhile; they are reloaded. Save again.
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      <div className="colour-field">
        <TextField
          label="Accent colour"
          {...register('accentColour')}
          error={form.formState.errors.accentColour?.message}
          hint={
            contrast !== undefined
              ? `Headings and rules. Contrast on white ${contrast.toFixed(1)}:1 (at least 3:1).`
              : 'Headings and rules: a colour like #0B6E4F.'
          }
          spellCheck={false}
          autoComplete="off"
          className="colour-field-text"
        />
        <input
          type="color"
          className="colour-field-picker"
          aria-label="Colour picker"
          value={HEX.test(colour) ? colour.toLowerCase() : '#000000'}
          onChange={(e) => {
            const hex = e.target.value.toUpperCase();
            form.setValue('accentColour', hex, { shouldValidate: form.formState.isSubmitted });
            preview({ accentColour: hex });
          }}
        />
      </div>
      <LogoField
        saved={settings.logo}
        change={logo}
        error={logoError}
        onChange={(change) => {
          setLogo(change);
          setLogoError(undefined);
          preview({}, change);
        }}
      />
      <TextAreaField
        label="Address"
        optional
        rows={4}
        {...register('addressText')}
        error={form.formState.errors.addressText?.message}
        hint="One line per line, up to six: printed at the top right of every page."
      />
      <TextAreaField
        label="Footer terms"
        optional
        rows={3}
        {...register('footerTerms')}
        error={form.formState.errors.footerTerms?.message}
        hint="Printed at the foot of every page: payment terms, company number, VAT number."
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={form.formState.isSubmitting}>
          Save branding
        </Button>
      </div>
    </form>
  );
}
