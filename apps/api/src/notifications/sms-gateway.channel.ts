import { Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { normalizeIndonesianMobile } from '@mpp/domain';
import type { SmsGatewayConfig } from '../config/notifications-config';
import { httpRequest, jsonPath } from './http-post';
import { redactRecipient, type NotificationChannel, type NotificationResult, type OutgoingMessage } from './notification';

type Escape = (value: string) => string;

/** A value placed in a body of this content type: JSON-string escaped, form-encoded, XML-escaped or as is. */
export function escaperFor(contentType: string): Escape {
  const type = contentType.toLowerCase();
  if (type.includes('json')) return (value) => JSON.stringify(value).slice(1, -1);
  if (type.includes('x-www-form-urlencoded')) return encodeURIComponent;
  if (type.includes('xml')) return (value) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return (value) => value;
}

/**
 * An answer's text as it may be kept: a gateway that echoes the number (in any of its forms) or
 * the text has them replaced by the number's mask and "[text]".
 */
export function scrubAnswer(text: string, message: Pick<OutgoingMessage, 'channel' | 'to' | 'body'>): string {
  const phone = normalizeIndonesianMobile(message.to);
  let scrubbed = text;
  // The text as sent, and as a JSON, form or XML answer would quote it.
  if (message.body.length > 0) for (const form of [message.body, escaperFor('json')(message.body), encodeURIComponent(message.body), escaperFor('xml')(message.body)]) scrubbed = scrubbed.split(form).join('[text]');
  if (phone.valid) {
    const masked = redactRecipient(phone.e164, { channel: message.channel, to: phone.e164 });
    for (const form of [phone.e164, `0${phone.e164.slice(3)}`, phone.e164.slice(1)]) scrubbed = scrubbed.split(form).join(masked);
  }
  return redactRecipient(scrubbed, message);
}

/**
 * SMS through an HTTP gateway, as Indonesian gateways differ: the URL, method, body template,
 * content type and auth header come from the environment (config/notifications-config.ts). The template
 * gets {{to}} (+62…), {{toLocal}} (08…), {{toDigits}} (62…) and {{text}}, each escaped for where it
 * lands (URL-encoded in the URL; JSON, form or XML in the body). A 2xx answer is 'sent', with the
 * gateway's message id when SMS_GATEWAY_MESSAGE_ID says where it is; anything else is 'failed'.
 * Never logs the number or the text.
 */
export class SmsGatewayChannel implements NotificationChannel {
  readonly name = 'sms-gateway';
  private readonly logger = new Logger('Notifications');
  private readonly url: HandlebarsTemplateDelegate;
  private readonly body: HandlebarsTemplateDelegate | null;
  private readonly escape: Escape;

  constructor(
    private readonly config: SmsGatewayConfig,
    private readonly timeoutMs: number,
  ) {
    this.url = Handlebars.compile(config.url, { noEscape: true, strict: true });
    this.body = config.body === null ? null : Handlebars.compile(config.body, { noEscape: true, strict: true });
    this.escape = escaperFor(config.contentType);
  }

  /** The request the gateway gets for a message (exported for the log-free test of its shape). */
  request(message: OutgoingMessage): { url: string; method: string; headers: Record<string, string>; body?: string } {
    const phone = normalizeIndonesianMobile(message.to);
    const to = phone.valid ? phone.e164 : message.to;
    const values = { to, toLocal: to.startsWith('+62') ? `0${to.slice(3)}` : to, toDigits: to.replace(/^\+/, ''), text: message.body };
    const escaped = (escape: Escape) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escape(value)]));
    const headers: Record<string, string> = { ...this.config.headers };
    if (this.body === null) return { url: this.url(escaped(encodeURIComponent)), method: this.config.method, headers };
    headers['Content-Type'] = this.config.contentType;
    return { url: this.url(escaped(encodeURIComponent)), method: this.config.method, headers, body: this.body(escaped(this.escape)) };
  }

  async send(message: OutgoingMessage): Promise<NotificationResult> {
    if (message.channel !== 'sms') return { status: 'failed', error: `the SMS gateway sends SMS only, not ${message.channel}` };
    const { url, ...init } = this.request(message);
    const answer = await httpRequest(url, init, this.timeoutMs);
    if (answer.ok) {
      const id = this.config.messageIdPath ? jsonPath(answer.text, this.config.messageIdPath) : null;
      return { status: 'sent', ...(id ? { providerMessageId: id } : {}) };
    }
    const error = scrubAnswer(answer.error ?? `the SMS gateway answered ${answer.status}: ${answer.text.slice(0, 300)}`, message);
    this.logger.warn({ msg: 'SMS not sent', error, ...(message.outboxId ? { outboxId: message.outboxId } : {}) });
    return { status: 'failed', error };
  }
}
