import { ConfigError, loadConfig } from '../config/app-config';
import { DEFAULT_SMS_BODY, DEFAULT_WHATSAPP_API_URL, readNotificationsConfig } from './notifications-config';

function read(env: Record<string, string>) {
  const problems: string[] = [];
  const config = readNotificationsConfig(env, problems);
  return { config, problems };
}

describe(readNotificationsConfig.name, () => {
  it('should send SMS and WhatsApp to the log, and tell called tickets by SMS, when nothing is set', () => {
    expect(read({})).toEqual({ problems: [], config: { sms: null, whatsapp: null, defaultPhoneChannel: 'sms', notifyTicketCalled: true, httpTimeoutMs: 10_000 } });
  });

  it('should read a gateway with the default JSON body and POST', () => {
    const { config, problems } = read({ SMS_GATEWAY_URL: 'https://sms.example.id/send', SMS_GATEWAY_AUTH_HEADER: 'X-Api-Key:  k-123' });
    expect(problems).toEqual([]);
    expect(config.sms).toEqual({ url: 'https://sms.example.id/send', method: 'POST', body: DEFAULT_SMS_BODY, contentType: 'application/json', headers: { 'X-Api-Key': 'k-123' }, messageIdPath: null });
  });

  it('should read WhatsApp with the default API URL and template names', () => {
    const { config, problems } = read({ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '1065403522', NOTIFY_DEFAULT_PHONE_CHANNEL: 'whatsapp' });
    expect(problems).toEqual([]);
    expect(config.whatsapp).toEqual({ apiUrl: DEFAULT_WHATSAPP_API_URL, phoneNumberId: '1065403522', token: 't', templates: { 'ticket-called': 'mpp_ticket_called', text: 'mpp_pesan' } });
    expect(config.defaultPhoneChannel).toBe('whatsapp');
  });

  it.each([
    [{ SMS_GATEWAY_URL: 'ftp://x/send' }, 'SMS_GATEWAY_URL must start with http'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_METHOD: 'DELETE' }, 'SMS_GATEWAY_METHOD must be one of POST, PUT, GET'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_BODY: '{"to":"{{to}}","msg":"{{text}}","from":"{{pesan}}"}' }, 'SMS_GATEWAY_BODY must be a template using only'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_BODY: '{"to":"{{to}}"}' }, 'must contain {{text}}'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_BODY: '{"text":"{{text}}"}' }, 'must contain {{to}}, {{toLocal}} or {{toDigits}}'],
    [{ SMS_GATEWAY_URL: 'https://x/send?to={{to}}&t={{text}}', SMS_GATEWAY_METHOD: 'GET', SMS_GATEWAY_BODY: 'x' }, 'SMS_GATEWAY_BODY must be unset with SMS_GATEWAY_METHOD=GET'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_AUTH_HEADER: 'Bearer abc' }, 'SMS_GATEWAY_AUTH_HEADER must be one header as "Name: value"'],
    [{ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_MESSAGE_ID: 'a..b' }, 'SMS_GATEWAY_MESSAGE_ID must be a dot path'],
    [{ SMS_GATEWAY_BODY: '{"to":"{{to}}"}' }, 'SMS_GATEWAY_BODY is set but SMS_GATEWAY_URL is not'],
    [{ WHATSAPP_TOKEN: 't' }, 'WHATSAPP_PHONE_NUMBER_ID is required with WHATSAPP_TOKEN'],
    [{ WHATSAPP_PHONE_NUMBER_ID: '123456' }, 'WHATSAPP_TOKEN is required with WHATSAPP_PHONE_NUMBER_ID'],
    [{ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: 'abc' }, 'WHATSAPP_PHONE_NUMBER_ID must be'],
    [{ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '123456', WHATSAPP_TEMPLATE_TICKET_CALLED: 'Dipanggil!' }, 'WHATSAPP_TEMPLATE_TICKET_CALLED must be a template name'],
    [{ WHATSAPP_API_URL: 'http://127.0.0.1:9/v21.0' }, 'WHATSAPP_API_URL is set but WHATSAPP_TOKEN'],
    [{ NOTIFY_DEFAULT_PHONE_CHANNEL: 'email' }, 'NOTIFY_DEFAULT_PHONE_CHANNEL must be sms or whatsapp'],
    [{ NOTIFY_TICKET_CALLED: 'maybe' }, 'NOTIFY_TICKET_CALLED must be true or false'],
    [{ NOTIFICATION_HTTP_TIMEOUT_SECONDS: '0' }, 'NOTIFICATION_HTTP_TIMEOUT_SECONDS must be a whole number from 1 to 60'],
  ])('should refuse %j, naming the variable', (env, problem) => {
    expect(read(env).problems).toEqual([expect.stringContaining(problem)]);
  });

  it('should never repeat the auth header or the token in a problem', () => {
    const { problems } = read({ SMS_GATEWAY_URL: 'https://x/send', SMS_GATEWAY_AUTH_HEADER: 'secret-value-only', WHATSAPP_TOKEN: 'EAAG-secret' });
    expect(problems).toHaveLength(2);
    expect(JSON.stringify(problems)).not.toMatch(/secret/);
  });
});

describe('loadConfig with notification settings', () => {
  it('should fail at start with every notification problem named, among the others', () => {
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'ftp://x/send', WHATSAPP_TOKEN: 't' })).toThrow(ConfigError);
    try {
      loadConfig({ SMS_GATEWAY_URL: 'ftp://x/send', WHATSAPP_TOKEN: 't' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringContaining('SMS_GATEWAY_URL must start with http'), expect.stringContaining('WHATSAPP_PHONE_NUMBER_ID is required')]);
    }
  });

  it('should carry the settings in AppConfig.notifications', () => {
    expect(loadConfig({ NOTIFY_TICKET_CALLED: 'false' }).notifications.notifyTicketCalled).toBe(false);
  });
});
