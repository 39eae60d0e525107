import { config } from './config.js';
import { lazy } from './lazy.js';
import { traced } from './observability.js';

// Only invitations send mail so far: load the SES client when the first one goes out.
const ses = lazy(async () => {
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  return { client: traced(new SESv2Client({})), SendEmailCommand };
});

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one transactional email through SES with the platform's configuration set. */
export async function sendEmail(email: OutgoingEmail): Promise<string | undefined> {
  const { client, SendEmailCommand } = await ses();
  const result = await client.send(
    new SendEmailCommand({
      FromEmailAddress: config.mailFrom,
      Destination: { ToAddresses: [email.to] },
      ConfigurationSetName: config.configurationSet,
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return result.MessageId;
}

/** Escapes text for an HTML email body. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
