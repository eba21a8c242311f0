import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ComplaintPhotoResponse } from '@mpp/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** One complaint_photo row (complaint.tables.ts). */
export interface ComplaintPhotoRow {
  id: string;
  complaint_id: string;
  file_key: string;
  width: number;
  height: number;
  bytes: number;
  created_at: Date;
}

export type NewComplaintPhoto = Omit<ComplaintPhotoRow, 'id'>;

/** The one mapper from a row to what crosses the wire: never the storage key. */
export function toComplaintPhotoResponse(row: ComplaintPhotoRow): ComplaintPhotoResponse {
  return { id: row.id, width: row.width, height: row.height, bytes: row.bytes, createdAt: row.created_at.toISOString() };
}

/** The complaint photos' queries, by name. Inserts run under the complaint row's lock (ComplaintRepository.lockById). */
@Injectable()
export class ComplaintPhotoRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The complaint's photos, oldest first. */
  async listFor(complaintId: string, manager: EntityManager = this.db.manager): Promise<ComplaintPhotoRow[]> {
    return (await manager.query(`SELECT * FROM complaint_photo WHERE complaint_id = $1 ORDER BY created_at, id`, [complaintId])) as ComplaintPhotoRow[];
  }

  async countFor(tx: EntityManager, complaintId: string): Promise<number> {
    const rows = (await tx.query(`SELECT count(*)::int AS n FROM complaint_photo WHERE complaint_id = $1`, [complaintId])) as { n: number }[];
    return rows[0].n;
  }

  /** One photo of the complaint (another complaint's photo id finds nothing). */
  async findOf(complaintId: string, photoId: string): Promise<ComplaintPhotoRow | null> {
    const rows = (await this.db.query(`SELECT * FROM complaint_photo WHERE complaint_id = $1 AND id = $2`, [complaintId, photoId])) as ComplaintPhotoRow[];
    return rows[0] ?? null;
  }

  async insert(tx: EntityManager, p: NewComplaintPhoto): Promise<ComplaintPhotoRow> {
    const rows = (await tx.query(
      `INSERT INTO complaint_photo (complaint_id, file_key, width, height, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [p.complaint_id, p.file_key, p.width, p.height, p.bytes, p.created_at],
    )) as ComplaintPhotoRow[];
    return rows[0];
  }
}
