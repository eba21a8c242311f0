import { parseRecipient } from './citizen-recipient';

describe(parseRecipient.name, () => {
  it('should read a mobile number in any usual form as one E.164 number for SMS', () => {
    for (const typed of ['0812-3456-7890', '62 812 3456 7890', '+6281234567890']) {
      expect(parseRecipient(typed)).toEqual({ channel: 'sms', kind: 'phone', value: '+6281234567890' });
    }
  });

  it('should read an email address lower-cased and trimmed', () => {
    expect(parseRecipient('  Nur.Aisyah@Example.go.id ')).toEqual({ channel: 'email', kind: 'email', value: 'nur.aisyah@example.go.id' });
  });

  it('should refuse what is neither', () => {
    for (const typed of ['', '12345', 'a@b', 'x @y.id', '0211234567']) expect(parseRecipient(typed)).toBeNull();
  });
});
