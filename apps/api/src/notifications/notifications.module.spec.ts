import { Global, Logger, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PiiCipher } from '../common/pii-cipher';
import { APP_CONFIG } from '../config/app-config';
import { DATA_KEY } from '../config/data-key';
import { LogChannel } from './log.channel';
import { EMAIL_CHANNEL, SMS_CHANNEL, WHATSAPP_CHANNEL } from './notification';
import { readNotificationsConfig } from '../config/notifications-config';
import { SmsGatewayChannel } from './sms-gateway.channel';
import { WhatsAppChannel } from './whatsapp.channel';
import { NotificationsModule } from './notifications.module';
import { NotificationsService } from './notifications.service';
import { SmtpChannel } from './smtp.channel';

/** What AppModule makes global, faked: the config, the data key with its cipher, and the data source. */
function globalsWith(settings: { smtpUrl: string | null; mailFrom: string }, env: Record<string, string> = {}) {
  const config = { ...settings, outboxRelaySeconds: 0, publicUrl: null, notifications: readNotificationsConfig(env, []) };
  @Global()
  @Module({
    providers: [
      { provide: APP_CONFIG, useValue: config },
      { provide: DATA_KEY, useValue: randomBytes(32) },
      PiiCipher,
      { provide: DataSource, useValue: { query: () => Promise.resolve([]) } },
    ],
    exports: [APP_CONFIG, DATA_KEY, PiiCipher, DataSource],
  })
  class FakeGlobals {}
  return FakeGlobals;
}

describe(NotificationsModule.name, () => {
  let log: jest.SpyInstance;

  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('should send email to the log and SMS to the log when no SMTP server is configured', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ScheduleModule.forRoot(), globalsWith({ smtpUrl: null, mailFrom: 'x@mpp.local' }), NotificationsModule] }).compile();
    expect(moduleRef.get(NotificationsService)).toBeInstanceOf(NotificationsService);
    expect(moduleRef.get(EMAIL_CHANNEL)).toBeInstanceOf(LogChannel);
    expect(moduleRef.get(SMS_CHANNEL)).toBeInstanceOf(LogChannel);
    expect(moduleRef.get(WHATSAPP_CHANNEL)).toBeInstanceOf(LogChannel);
  });

  it('should send SMS through the HTTP gateway and WhatsApp through the Cloud API when configured, naming neither secret in the log', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ScheduleModule.forRoot(),
        globalsWith(
          { smtpUrl: null, mailFrom: 'x@mpp.local' },
          { SMS_GATEWAY_URL: 'https://sms.example.id/send', SMS_GATEWAY_AUTH_HEADER: 'Authorization: Basic c2VjcmV0', WHATSAPP_TOKEN: 'EAAG-secret', WHATSAPP_PHONE_NUMBER_ID: '1065403522' },
        ),
        NotificationsModule,
      ],
    }).compile();
    expect(moduleRef.get(SMS_CHANNEL)).toBeInstanceOf(SmsGatewayChannel);
    expect(moduleRef.get(WHATSAPP_CHANNEL)).toBeInstanceOf(WhatsAppChannel);
    expect(moduleRef.get(EMAIL_CHANNEL)).toBeInstanceOf(LogChannel);
    expect(log).toHaveBeenCalledWith({ msg: 'SMS by HTTP gateway', method: 'POST', host: 'sms.example.id' });
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/c2VjcmV0|EAAG-secret/);
  });

  it('should send email by SMTP when configured, and SMS still to the log', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), globalsWith({ smtpUrl: 'smtp://user:secret@127.0.0.1:2525', mailFrom: 'x@mpp.local' }), NotificationsModule],
    }).compile();
    expect(moduleRef.get(EMAIL_CHANNEL)).toBeInstanceOf(SmtpChannel);
    expect(moduleRef.get(SMS_CHANNEL)).toBeInstanceOf(LogChannel);
    expect(log).toHaveBeenCalledWith({ msg: 'email by SMTP', smtp: 'smtp://user:***@127.0.0.1:2525', from: 'x@mpp.local' });
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
  });
});
