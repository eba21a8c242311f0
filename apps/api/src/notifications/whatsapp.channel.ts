import { Logger } from '@nestjs/common';
import { normalizeIndonesianMobile } from '@mpp/domain';
import type { WhatsAppConfig } from '../config/notifications-config';
import { httpRequest, jsonPath } from './http-post';
import type { NotificationChannel, NotificationResult, OutgoingMessage, WhatsAppTemplate } from './notification';
import { scrubAnswer } from './sms-gateway.channel';

/**
 * WhatsApp through the WhatsApp Cloud API's template messages: POST {apiUrl}/{phone-number-id}/messages
 * with the bearer token and a `template` message (a business may write first only with a template
 * Meta approved; its name per message kind is configured, its parameters are the message's). The
 * answer's `messages[0].id` ("wamid…") is kept as the provider's id. Never logs the number or the text.
 */
export class WhatsAppChannel implements NotificationChannel {
  readonly name = 'whatsapp-cloud-api';
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly config: WhatsAppConfig,
    private readonly timeoutMs: number,
  ) {}

  /** The request for a message: the exact shape the Cloud API documents for a template message. */
  request(message: OutgoingMessage): { url: string; method: string; headers: Record<string, string>; body: string } {
    const template = this.templateOf(message);
    const phone = normalizeIndonesianMobile(message.to);
    const to = (phone.valid ? phone.e164 : message.to).replace(/^\+/, '');
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        components: template.parameters.length ? [{ type: 'body', parameters: template.parameters.map((text) => ({ type: 'text', text })) }] : [],
      },
    };
    return {
      url: `${this.config.apiUrl}/${this.config.phoneNumberId}/messages`,
      method: 'POST',
      headers: { Authorization: `Bearer ${this.config.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  /**
   * The message's own template, or ready text (a booking's messages) as the one parameter of the
   * configured text template (WHATSAPP_TEMPLATE_TEXT): WhatsApp refuses new lines in a parameter.
   */
  templateOf(message: OutgoingMessage): WhatsAppTemplate {
    if (message.whatsapp) return message.whatsapp;
    const text = message.body.replace(/\s*\n\s*/g, ' / ').replace(/[\t ]{2,}/g, ' ').trim();
    return { name: this.config.templates.text, language: message.language ?? 'id', parameters: [text] };
  }

  async send(message: OutgoingMessage): Promise<NotificationResult> {
    if (message.channel !== 'whatsapp') return { status: 'failed', error: `the WhatsApp channel sends WhatsApp only, not ${message.channel}` };
    const { url, ...init } = this.request(message);
    const answer = await httpRequest(url, init, this.timeoutMs);
    if (answer.ok) {
      const id = jsonPath(answer.text, 'messages.0.id');
      return { status: 'sent', ...(id ? { providerMessageId: id } : {}) };
    }
    // Meta's errors say what is wrong in error.message ("(#131026) Message undeliverable", "Template name does not exist").
    const reason = jsonPath(answer.text, 'error.message') ?? answer.text.slice(0, 300);
    let error = answer.error ?? `WhatsApp answered ${answer.status}: ${reason}`;
    for (const parameter of this.templateOf(message).parameters) if (parameter.length >= 4) error = error.split(parameter).join('[parameter]');
    error = scrubAnswer(error, message).split(this.config.token).join('***');
    this.logger.warn({ msg: 'WhatsApp message not sent', error, ...(message.outboxId ? { outboxId: message.outboxId } : {}) });
    return { status: 'failed', error };
  }
}
