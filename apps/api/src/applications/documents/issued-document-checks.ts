import type { IssuedDocumentKind } from '@mpp/contracts';

/** Anything that runs a query: the DataSource, or a transaction's EntityManager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Whether the application has a document of this kind issued (a result uploaded, a letter made):
 * for ApplicationService's own checks, e.g. mark-ready with `download` only once a result exists
 * (run it on the transition's transaction, under the application's row lock).
 */
export async function hasIssuedDocument(db: Queryable, applicationId: string, kind: IssuedDocumentKind): Promise<boolean> {
  const rows = (await db.query(`SELECT EXISTS (SELECT 1 FROM issued_document WHERE application_id = $1 AND kind = $2) AS present`, [applicationId, kind])) as { present: boolean }[];
  return rows[0].present;
}
