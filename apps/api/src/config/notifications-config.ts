import Handlebars from 'handlebars';

/**
 * The notification channels' settings, read from the environment by loadConfig (config/app-config.ts)
 * and validated there at start: every problem names its variable. Unset channels send to the log.
 */
export interface NotificationsConfig {
  /** An SMS gateway over HTTP (Indonesian gateways differ: URL, method and body are templates); null: SMS to the log. */
  sms: SmsGatewayConfig | null;
  /** The WhatsApp Cloud API; null: WhatsApp to the log. */
  whatsapp: WhatsAppConfig | null;
  /** The channel for a phone number whose citizen chose none. */
  defaultPhoneChannel: 'sms' | 'whatsapp';
  /** Tell citizens who gave a number when their ticket is called (NOTIFY_TICKET_CALLED). */
  notifyTicketCalled: boolean;
  /** How long one HTTP send may take (SMS gateway, WhatsApp). */
  httpTimeoutMs: number;
}

export const SMS_GATEWAY_METHODS = ['POST', 'PUT', 'GET'] as const;
export type SmsGatewayMethod = (typeof SMS_GATEWAY_METHODS)[number];

export interface SmsGatewayConfig {
  /** A handlebars template: {{to}} {{toLocal}} {{toDigits}} {{text}} are URL-encoded in it. */
  url: string;
  method: SmsGatewayMethod;
  /** A handlebars template of the request body (null for GET); values escaped for contentType. */
  body: string | null;
  contentType: string;
  /** Extra headers, e.g. the gateway's auth header (SMS_GATEWAY_AUTH_HEADER, "Name: value"). */
  headers: Record<string, string>;
  /** A dot path to the gateway's message id in its JSON answer ("messages.0.id"); null: none kept. */
  messageIdPath: string | null;
}

export interface WhatsAppConfig {
  /** https://graph.facebook.com/v21.0 (WHATSAPP_API_URL; a local peer in tests). */
  apiUrl: string;
  phoneNumberId: string;
  token: string;
  /** The approved template's name for each message kind (templates.ts): "called", and ready text as one parameter. */
  templates: { 'ticket-called': string; text: string };
}

export const DEFAULT_SMS_BODY = '{"to":"{{to}}","text":"{{text}}"}';
export const DEFAULT_WHATSAPP_API_URL = 'https://graph.facebook.com/v21.0';

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** Fails (a problem naming the variable) when the template does not compile or uses a name other than the given ones. */
function checkTemplate(name: string, template: string, allowed: readonly string[], problems: string[]): void {
  try {
    const sample = Object.fromEntries(allowed.map((key) => [key, 'x']));
    Handlebars.compile(template, { noEscape: true, strict: true })(sample);
  } catch (error) {
    problems.push(`${name} must be a template using only ${allowed.map((a) => `{{${a}}}`).join(' ')} (${error instanceof Error ? error.message.split('\n')[0] : 'does not compile'}).`);
  }
}

export const SMS_TEMPLATE_NAMES = ['to', 'toLocal', 'toDigits', 'text'] as const;

export function readNotificationsConfig(env: Env, problems: string[]): NotificationsConfig {
  const config: NotificationsConfig = { sms: null, whatsapp: null, defaultPhoneChannel: 'sms', notifyTicketCalled: true, httpTimeoutMs: 10_000 };

  const timeout = read(env, 'NOTIFICATION_HTTP_TIMEOUT_SECONDS');
  if (timeout !== null) {
    if (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 60) problems.push(`NOTIFICATION_HTTP_TIMEOUT_SECONDS must be a whole number from 1 to 60 (got "${timeout}").`);
    else config.httpTimeoutMs = Number(timeout) * 1000;
  }
  const called = read(env, 'NOTIFY_TICKET_CALLED')?.toLowerCase() ?? null;
  if (called !== null) {
    if (['1', 'true', 'yes', 'on'].includes(called)) config.notifyTicketCalled = true;
    else if (['0', 'false', 'no', 'off'].includes(called)) config.notifyTicketCalled = false;
    else problems.push(`NOTIFY_TICKET_CALLED must be true or false (got "${called}").`);
  }

  const url = read(env, 'SMS_GATEWAY_URL');
  const smsVariables = ['SMS_GATEWAY_METHOD', 'SMS_GATEWAY_BODY', 'SMS_GATEWAY_CONTENT_TYPE', 'SMS_GATEWAY_AUTH_HEADER', 'SMS_GATEWAY_MESSAGE_ID'];
  if (url === null) {
    const stray = smsVariables.filter((name) => read(env, name) !== null);
    if (stray.length) problems.push(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but SMS_GATEWAY_URL is not: set it to the gateway's URL, or unset ${stray.length === 1 ? 'it' : 'them'}.`);
  } else {
    if (!/^https?:\/\/[^\s/]+/.test(url)) problems.push(`SMS_GATEWAY_URL must start with http:// or https:// (got "${url.replace(/\/\/[^@/]*@/, '//***@')}").`);
    checkTemplate('SMS_GATEWAY_URL', url, SMS_TEMPLATE_NAMES, problems);
    const methodRaw = (read(env, 'SMS_GATEWAY_METHOD') ?? 'POST').toUpperCase();
    const method = (SMS_GATEWAY_METHODS as readonly string[]).includes(methodRaw) ? (methodRaw as SmsGatewayMethod) : null;
    if (method === null) problems.push(`SMS_GATEWAY_METHOD must be one of ${SMS_GATEWAY_METHODS.join(', ')} (got "${methodRaw}").`);
    const bodyRaw = read(env, 'SMS_GATEWAY_BODY');
    if (method === 'GET' && bodyRaw !== null) problems.push('SMS_GATEWAY_BODY must be unset with SMS_GATEWAY_METHOD=GET: put {{to}} and {{text}} in SMS_GATEWAY_URL.');
    const body = method === 'GET' ? null : (bodyRaw ?? DEFAULT_SMS_BODY);
    if (body !== null) checkTemplate('SMS_GATEWAY_BODY', body, SMS_TEMPLATE_NAMES, problems);
    const uses = (name: string) => new RegExp(`{{\\s*${name}\\s*}}`).test(`${url} ${body ?? ''}`);
    if (!uses('text')) problems.push('SMS_GATEWAY_BODY (or SMS_GATEWAY_URL for GET) must contain {{text}}, where the message goes.');
    if (!uses('to') && !uses('toLocal') && !uses('toDigits')) problems.push('SMS_GATEWAY_BODY (or SMS_GATEWAY_URL for GET) must contain {{to}}, {{toLocal}} or {{toDigits}}, where the number goes.');
    const headers: Record<string, string> = {};
    const auth = read(env, 'SMS_GATEWAY_AUTH_HEADER');
    if (auth !== null) {
      const match = /^([A-Za-z0-9-]+):\s*(\S.*)$/.exec(auth);
      if (!match) problems.push('SMS_GATEWAY_AUTH_HEADER must be one header as "Name: value", e.g. "Authorization: Bearer abc…" (value not shown).');
      else headers[match[1]] = match[2];
    }
    const messageIdPath = read(env, 'SMS_GATEWAY_MESSAGE_ID');
    if (messageIdPath !== null && !/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(messageIdPath)) {
      problems.push(`SMS_GATEWAY_MESSAGE_ID must be a dot path into the gateway's JSON answer, such as messages.0.id (got "${messageIdPath}").`);
    }
    config.sms = {
      url,
      method: method ?? 'POST',
      body,
      contentType: read(env, 'SMS_GATEWAY_CONTENT_TYPE') ?? 'application/json',
      headers,
      messageIdPath,
    };
  }

  const token = read(env, 'WHATSAPP_TOKEN');
  const phoneNumberId = read(env, 'WHATSAPP_PHONE_NUMBER_ID');
  if ((token === null) !== (phoneNumberId === null)) {
    problems.push(`${token === null ? 'WHATSAPP_TOKEN' : 'WHATSAPP_PHONE_NUMBER_ID'} is required with ${token === null ? 'WHATSAPP_PHONE_NUMBER_ID' : 'WHATSAPP_TOKEN'}: the WhatsApp Cloud API needs both.`);
  } else if (token !== null && phoneNumberId !== null) {
    if (!/^\d{5,30}$/.test(phoneNumberId)) problems.push(`WHATSAPP_PHONE_NUMBER_ID must be the number's id from Meta, digits only (got "${phoneNumberId}").`);
    const apiUrl = (read(env, 'WHATSAPP_API_URL') ?? DEFAULT_WHATSAPP_API_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) problems.push(`WHATSAPP_API_URL must start with http:// or https:// (got "${apiUrl}").`);
    const templateName = (name: string, fallback: string) => {
      const value = read(env, name) ?? fallback;
      if (!/^[a-z0-9_]{1,512}$/.test(value)) problems.push(`${name} must be a template name of lower-case letters, digits and _ (got "${value}").`);
      return value;
    };
    config.whatsapp = {
      apiUrl,
      phoneNumberId,
      token,
      templates: { 'ticket-called': templateName('WHATSAPP_TEMPLATE_TICKET_CALLED', 'mpp_ticket_called'), text: templateName('WHATSAPP_TEMPLATE_TEXT', 'mpp_pesan') },
    };
  } else if (read(env, 'WHATSAPP_API_URL') !== null) {
    problems.push('WHATSAPP_API_URL is set but WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID are not.');
  }

  const defaultPhone = read(env, 'NOTIFY_DEFAULT_PHONE_CHANNEL');
  if (defaultPhone !== null) {
    if (defaultPhone !== 'sms' && defaultPhone !== 'whatsapp') problems.push(`NOTIFY_DEFAULT_PHONE_CHANNEL must be sms or whatsapp (got "${defaultPhone}").`);
    else config.defaultPhoneChannel = defaultPhone;
  }
  return config;
}
