import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facilities a site offers its visitors (laktasi, a children's corner, an accessible route,
 * a sign-language interpreter, Ruang Curhat Bestie...), as fixed keys the apps label in both
 * languages (SITE_FACILITIES in libs/contracts). The site's admin edits them. Sites already there
 * start with none listed; the check keeps unknown keys out (a new key needs a migration).
 */
export class AddSiteFacilities1766300000000 implements MigrationInterface {
  name = 'AddSiteFacilities1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site ADD COLUMN facilities text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      ALTER TABLE site ADD CONSTRAINT ck_site_facilities CHECK (facilities <@ ARRAY['laktasi', 'ramah_anak', 'jalur_disabilitas', 'kursi_roda', 'toilet_disabilitas', 'juru_bahasa_isyarat', 'ruang_tunggu_prioritas', 'ruang_curhat_bestie']::text[])`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site DROP CONSTRAINT ck_site_facilities`);
    await q.query(`ALTER TABLE site DROP COLUMN facilities`);
  }
}
