import { escapeHtml, type OutgoingEmail } from '../shared/mailer.js';

/** The email that brings an invited user to their first sign-in. */
export function invitationEmail(input: {
  to: string;
  name: string;
  tenantName: string;
  invitedBy: string;
  temporaryPassword: string;
  signInUrl: string;
}): OutgoingEmail {
  const { to, name, tenantName, invitedBy, temporaryPassword, signInUrl } = input;
  const subject = `You're invited to ${tenantName} on Quoteflow`;
  const text = [
    `Hello ${name},`,
    '',
    `${invitedBy} has invited you to ${tenantName} on Quoteflow.`,
    '',
    `Sign in at ${signInUrl}`,
    `Email: ${to}`,
    `Temporary password: ${temporaryPassword}`,
    '',
    'You will choose your own password when you first sign in. The temporary password expires in 7 days.',
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">
<h1 style="font-size:20px">You're invited to ${e(tenantName)}</h1>
<p>Hello ${e(name)},</p>
<p>${e(invitedBy)} has invited you to <strong>${e(tenantName)}</strong> on Quoteflow.</p>
<table style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 12px 4px 0;color:#6b7280">Email</td><td><code>${e(to)}</code></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#6b7280">Temporary password</td><td><code data-temporary-password>${e(temporaryPassword)}</code></td></tr>
</table>
<p><a href="${e(signInUrl)}" style="background:#2563eb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Sign in to Quoteflow</a></p>
<p style="color:#6b7280;font-size:13px">You will choose your own password when you first sign in. The temporary password expires in 7 days.</p>
</body></html>`;
  return { to, subject, text, html };
}
