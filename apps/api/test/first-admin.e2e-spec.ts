import { Seeder } from '../src/database/seeds/seeder';
import { createTestApp } from './support/test-app';

describe('First admin', () => {
  it('should generate a password once when none is configured, and that password should work', async () => {
    const t = await createTestApp({ seedCatalogue: false, config: { adminEmail: 'pertama@mpp.test', adminPassword: null } });
    try {
      expect(t.firstAdmin).toMatchObject({ email: 'pertama@mpp.test', created: true });
      expect(t.firstAdmin.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      const token = await t.loginAs('pertama@mpp.test', t.firstAdmin.generatedPassword!);
      const me = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.role).toBe('system_admin');
      const again = await t.app.get(Seeder).run({ catalogue: false });
      expect(again).toEqual({ email: 'pertama@mpp.test', generatedPassword: null, created: false });
    } finally {
      await t.close();
    }
  });
});
